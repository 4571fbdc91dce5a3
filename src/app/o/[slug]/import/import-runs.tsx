"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { EFFORT_WORDS, SESSION_KINDS, effortCategoryOf, type Flag, type SessionKind } from "~/domain/rules";
import { Button } from "~/components/button";
import { FlagList } from "~/components/flag-list";
import { SelectField } from "~/components/select-field";
import { formatDistance, formatDuration, KIND_NAMES, type Units } from "~/lib/format";
import { errorMessage } from "~/lib/trpc-error";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";
import type { RouterOutputs } from "../_shared/types";

type Draft = RouterOutputs["imports"]["pending"][number];

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
  pending: Draft[] | null;
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
        Import runs from your watch
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
          Up to {maxBytes / 1024 / 1024} MB per file. Times, distance and heart rate come from your device.
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

      {pending && <PendingImports orgSlug={orgSlug} drafts={pending} units={units} timeZone={timeZone} />}
    </section>
  );
}

function PendingImports({
  orgSlug,
  drafts,
  units,
  timeZone,
}: {
  orgSlug: string;
  drafts: Draft[];
  units: Units;
  timeZone: string;
}) {
  return (
    <section aria-labelledby="pending-heading" onFocus={preloadTrpc} onPointerDown={preloadTrpc}>
      <h2 id="pending-heading" className="text-lg font-semibold">
        Runs to confirm
      </h2>
      {drafts.length === 0 ? (
        <p className="text-sm text-slate-600">
          Nothing waiting. Imported runs appear here until you say what kind of run it was and how hard it felt.
        </p>
      ) : (
        <ul className="mt-2 space-y-3">
          {drafts.map((d) => (
            <li key={d.id}>
              <ConfirmImport orgSlug={orgSlug} draft={d} units={units} timeZone={timeZone} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ConfirmImport({
  orgSlug,
  draft,
  units,
  timeZone,
}: {
  orgSlug: string;
  draft: Draft;
  units: Units;
  timeZone: string;
}) {
  const router = useRouter();
  const id = useId();
  const [kind, setKind] = useState<SessionKind>("aerobic");
  const [rpe, setRpe] = useState<number>(4);
  const [flags, setFlags] = useState<Flag[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const confirm = useServerCall();
  const discard = useServerCall();
  const started = new Date(draft.startedAt).toLocaleString("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });

  return (
    <article aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h3 id={`${id}-title`} className="font-semibold">
        {started} · {draft.sport}
      </h3>
      <p className="text-slate-700">
        Moving {formatDuration(draft.movingS)} (elapsed {formatDuration(draft.elapsedS)}) ·{" "}
        {formatDistance(draft.distanceM, units)}
        {draft.avgHeartRate ? ` · avg HR ${draft.avgHeartRate}` : ""} · from {draft.fileName}
      </p>
      {draft.warnings.map((w) => (
        <p key={w} className="text-amber-800">
          ⚠ {w}
        </p>
      ))}
      {flags ? (
        <div className="mt-3 space-y-2">
          <p className="font-medium text-green-800">Saved as a run.</p>
          <FlagList flags={flags} empty="Nice: that run did what it was meant to do." />
          <Button variant="secondary" onClick={() => router.refresh()}>
            Done
          </Button>
        </div>
      ) : (
        <div className="mt-3 flex flex-wrap items-end gap-3">
          <SelectField
            label="Kind of run"
            value={kind}
            onChange={(e) => setKind(e.target.value as SessionKind)}
            options={SESSION_KINDS.map((k) => ({ value: k, label: KIND_NAMES[k] }))}
          />
          <SelectField
            label="How hard did it feel?"
            value={String(rpe)}
            onChange={(e) => setRpe(Number(e.target.value))}
            options={Array.from({ length: 10 }, (_, i) => ({
              value: String(i + 1),
              label: `RPE ${i + 1}: ${EFFORT_WORDS[effortCategoryOf(i + 1)]}`,
            }))}
          />
          <Button
            onClick={() =>
              confirm
                .call((trpc) => trpc.imports.confirm.mutate({ orgSlug, importId: draft.id, kind, rpe }))
                .then(
                  (result) => setFlags([...(result.feedback?.runFlags ?? []), ...(result.feedback?.weekFlags ?? [])]),
                  (e: unknown) => setError(errorMessage(e)),
                )
            }
            disabled={confirm.pending}
          >
            Save run
          </Button>
          <Button
            variant="secondary"
            onClick={() =>
              discard
                .call((trpc) => trpc.imports.discard.mutate({ orgSlug, importId: draft.id }))
                .then(
                  () => router.refresh(),
                  (e: unknown) => setError(errorMessage(e)),
                )
            }
            disabled={discard.pending}
          >
            Discard
          </Button>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-2 text-red-700">
          {error}
        </p>
      )}
    </article>
  );
}
