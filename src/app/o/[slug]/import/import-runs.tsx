"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import type { FlagReader } from "~/components/flag-list";
import { SelectField } from "~/components/select-field";
import type { Units } from "~/lib/format";
import { preloadTrpc } from "~/trpc/on-demand";
import { ConfirmImport, useSavedKept, type ImportedDraft } from "../_shared/confirm-import";

interface Upload {
  key: string;
  name: string;
  size: number;
  progress: number;
  state: "uploading" | "reading" | "done" | "failed";
  message: string;
  warnings: string[];
}

/**
 * The server reads one file per user at a time, so sending more at once only makes them wait there
 * (and, past a few, refused): two keep the next upload going while one is read.
 */
const UPLOADS_AT_ONCE = 2;

/** Runs the tasks with at most `limit` at a time, in order. */
async function inTurns(tasks: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) await tasks[next++]?.();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
}

/** Sends one file as the request body, reporting upload progress; resolves with the server's answer. */
function uploadFile(
  url: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<{
  ok: boolean;
  error?: string;
  runs?: Array<{ duplicate: boolean }>;
  skipped?: string[];
  warnings?: string[];
}> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("x-runbalance-upload", "1");
    xhr.setRequestHeader("x-file-name", encodeURIComponent(file.name));
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText));
      } catch {
        resolve({ ok: false, error: `"${file.name}" could not be uploaded (server answered ${xhr.status}).` });
      }
    };
    xhr.onerror = () =>
      resolve({ ok: false, error: `"${file.name}" could not be uploaded: check your connection and try again.` });
    xhr.send(file);
  });
}

/**
 * Uploading activity files, then confirming each imported run. The runs to confirm come from the
 * server's data (`pending`, null when a coach has no athlete to import for); after an upload or a
 * confirmation the page renders again.
 */
export function ImportRuns(props: {
  orgSlug: string;
  athleteId: string | undefined;
  athletes: Array<{ id: string; name: string }>;
  units: Units;
  timeZone: string;
  maxBytes: number;
  pending: ImportedDraft[] | null;
  /** Coaches import for one of their athletes, who rates each run; athletes import their own. */
  forCoach: boolean;
}) {
  const { orgSlug, athleteId, units, timeZone, maxBytes, pending } = props;
  const router = useRouter();
  const inputId = useId();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const patch = (key: string, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  async function onFiles(files: FileList | null) {
    if (!files?.length) return;
    const batch = Array.from(files).map((file, i) => ({ file, key: `${crypto.randomUUID()}-${i}` }));
    setUploads((list) => [
      ...batch.map(({ file, key }) => ({
        key,
        name: file.name,
        size: file.size,
        progress: 0,
        state: "uploading" as const,
        message: "Waiting for the files before it…",
        warnings: [],
      })),
      ...list,
    ]);
    const url = `/o/${orgSlug}/import/upload${athleteId ? `?athlete=${athleteId}` : ""}`;
    await inTurns(
      batch.map(({ file, key }) => async () => {
        if (file.size > maxBytes) {
          patch(key, {
            state: "failed",
            progress: 0,
            message: `"${file.name}" is larger than ${maxBytes / 1024 / 1024} MB.`,
          });
          return;
        }
        const result = await uploadFile(url, file, (p) =>
          patch(key, {
            progress: p,
            state: p >= 1 ? "reading" : "uploading",
            message: p >= 1 ? "Reading the file…" : "Uploading…",
          }),
        );
        if (!result.ok) return patch(key, { state: "failed", progress: 1, message: result.error ?? "Import failed." });
        const fresh = result.runs?.filter((r) => !r.duplicate).length ?? 0;
        const duplicates = (result.runs?.length ?? 0) - fresh;
        const parts = [
          fresh ? `${fresh} run${fresh > 1 ? "s" : ""} read` : null,
          duplicates ? `${duplicates} already imported before` : null,
          result.skipped?.length ? `skipped: ${result.skipped.join("; ")}` : null,
        ].filter(Boolean);
        patch(key, { state: "done", progress: 1, message: parts.join(" · "), warnings: result.warnings ?? [] });
      }),
      UPLOADS_AT_ONCE,
    );
    router.refresh();
  }

  return (
    <section aria-labelledby="import-heading" className="max-w-2xl space-y-5">
      <h1 id="import-heading" className="text-2xl font-semibold tracking-tight">
        {props.forCoach ? "Import runs for an athlete" : "Import runs from your watch"}
      </h1>
      {props.athletes.length > 0 && (
        <SelectField
          label="Athlete"
          value={athleteId}
          onChange={(e) => router.push(`/o/${orgSlug}/import?athlete=${e.target.value}`)}
          options={props.athletes.map((a) => ({ value: a.id, label: a.name }))}
        />
      )}
      <div className="rounded-lg border-2 border-dashed border-slate-300 bg-white p-6 text-center">
        <label htmlFor={inputId} className="block cursor-pointer text-base font-medium text-blue-700 underline">
          Choose .fit, .gpx or .tcx files (also .gz)
        </label>
        <input
          id={inputId}
          type="file"
          multiple
          accept=".fit,.gpx,.tcx,.gz,application/gzip"
          className="mt-3 block w-full text-sm"
          onChange={(e) => void onFiles(e.target.files)}
        />
        <p className="mt-2 text-xs text-slate-600">
          Up to {maxBytes / 1024 / 1024} MB per file. Times, distance and heart rate come from the device;
          {props.forCoach ? " how hard each run felt, from the athlete." : " how hard each run felt, from you."}
        </p>
      </div>

      {uploads.length > 0 && (
        <ul className="space-y-2" aria-label="Files">
          {uploads.map((u) => (
            <li key={u.key} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
              <div className="flex justify-between gap-2">
                <span className="font-medium break-all">{u.name}</span>
                <span
                  className={
                    u.state === "failed" ? "text-red-700" : u.state === "done" ? "text-green-800" : "text-slate-600"
                  }
                >
                  {u.state === "failed" ? "Failed" : u.state === "done" ? "Done" : `${Math.round(u.progress * 100)} %`}
                </span>
              </div>
              <progress
                className="mt-1 h-2 w-full"
                max={1}
                value={u.state === "reading" ? undefined : u.progress}
                aria-label={`Progress of ${u.name}`}
              />
              <p
                role={u.state === "failed" ? "alert" : "status"}
                className={`mt-1 ${u.state === "failed" ? "text-red-700" : "text-slate-700"}`}
              >
                {u.message}
              </p>
              {u.warnings.map((w) => (
                <p key={w} className="text-amber-800">
                  ⚠ {w}
                </p>
              ))}
            </li>
          ))}
        </ul>
      )}

      {pending && (
        <PendingImports
          orgSlug={orgSlug}
          drafts={pending}
          units={units}
          timeZone={timeZone}
          athleteName={props.forCoach ? (props.athletes.find((a) => a.id === athleteId)?.name ?? null) : null}
        />
      )}
    </section>
  );
}

function PendingImports({
  orgSlug,
  drafts,
  units,
  timeZone,
  athleteName,
}: {
  orgSlug: string;
  drafts: ImportedDraft[];
  units: Units;
  timeZone: string;
  athleteName: string | null;
}) {
  const reader: FlagReader = athleteName ? { kind: "coach", athleteName } : { kind: "athlete" };
  const { shown, onSaved, onDone } = useSavedKept(drafts);
  const started = (iso: string) =>
    new Date(iso).toLocaleString("en-GB", {
      timeZone,
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
    });
  return (
    <section aria-labelledby="pending-heading" onFocus={preloadTrpc} onPointerDown={preloadTrpc}>
      <h2 id="pending-heading" className="text-lg font-semibold">
        {athleteName ? `Waiting for ${athleteName}'s RPE` : "Runs to confirm"}
      </h2>
      {shown.length === 0 ? (
        <p className="text-sm text-slate-600">
          {athleteName
            ? `Nothing waiting. Runs you import for ${athleteName} wait here, and on their This week, until they say how hard each felt.`
            : "Nothing waiting. Imported runs appear here until you say what kind of run it was and how hard it felt."}
        </p>
      ) : (
        <ul className="mt-2 space-y-3">
          {shown.map((d) => (
            <li key={d.id}>
              <ConfirmImport
                orgSlug={orgSlug}
                draft={d}
                units={units}
                reader={reader}
                startedLabel={started(d.startedAt)}
                onSaved={onSaved}
                onDone={onDone}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
