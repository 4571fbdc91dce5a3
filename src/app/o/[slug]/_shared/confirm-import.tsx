"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { EFFORT_WORDS, SESSION_KINDS, effortCategoryOf, type Flag, type SessionKind } from "~/domain/rules";
import { Button } from "~/components/button";
import { FlagList, type FlagReader } from "~/components/flag-list";
import { SelectField } from "~/components/select-field";
import { formatDay, formatDistance, formatDuration, KIND_NAMES, type Units } from "~/lib/format";
import { errorMessage } from "~/lib/trpc-error";
import { useServerCall } from "~/trpc/on-demand";
import type { RouterOutputs } from "./types";

export type ImportedDraft = RouterOutputs["imports"]["pending"][number];

/**
 * One imported run waiting for its RPE. The kind starts from that day's planned session; the RPE
 * starts empty, since only the athlete knows how hard it felt. A coach sees the run as pending for the
 * athlete, who is asked on This week, and may save it if the athlete told them.
 */
export function ConfirmImport({
  orgSlug,
  draft,
  units,
  reader,
  startedLabel,
  onSaved,
  onDone,
}: {
  orgSlug: string;
  draft: ImportedDraft;
  units: Units;
  reader: FlagReader;
  /** When the run started, in the reader's words; the day alone when omitted. */
  startedLabel?: string;
  /** Told when the run is saved and when its reader is done with the result (see useSavedKept). */
  onSaved?: (draft: ImportedDraft) => void;
  onDone?: (draft: ImportedDraft) => void;
}) {
  const router = useRouter();
  const id = useId();
  const [kind, setKind] = useState<SessionKind | "">(draft.planned?.kind ?? "");
  const [rpe, setRpe] = useState<number | null>(null);
  const [flags, setFlags] = useState<Flag[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const confirm = useServerCall();
  const discard = useServerCall();
  const forCoach = reader.kind === "coach";

  function onSave() {
    if (!kind || rpe === null) {
      setError(
        !kind
          ? "Choose what kind of run it was"
          : forCoach
            ? `Choose the RPE ${reader.athleteName} gave, or leave the run for them to rate`
            : "Choose how hard it felt",
      );
      return;
    }
    setError(null);
    confirm
      .call((trpc) => trpc.imports.confirm.mutate({ orgSlug, importId: draft.id, kind, rpe }))
      .then(
        (result) => {
          setFlags([...(result.feedback?.runFlags ?? []), ...(result.feedback?.weekFlags ?? [])]);
          onSaved?.(draft);
        },
        (e: unknown) => setError(errorMessage(e)),
      );
  }

  return (
    <article aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h3 id={`${id}-title`} className="font-semibold">
        {startedLabel ?? formatDay(draft.localDate)} · {draft.sport}
        {!flags && (
          <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-950">
            RPE pending
          </span>
        )}
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
          <FlagList flags={flags} reader={reader} max={4} empty="Nice: that run did what it was meant to do." />
          <Button
            variant="secondary"
            onClick={() => {
              onDone?.(draft);
              router.refresh();
            }}
          >
            Done
          </Button>
        </div>
      ) : (
        <>
          {forCoach && (
            <p className="mt-2 text-slate-700">
              {reader.athleteName} is asked how hard it felt on This week. Save it here only with the RPE they gave you.
            </p>
          )}
          <div className="mt-3 flex flex-wrap items-end gap-3">
            <SelectField
              label="Kind of run"
              value={kind}
              onChange={(e) => setKind(e.target.value as SessionKind | "")}
              options={[
                ...(kind === "" ? [{ value: "", label: "Choose…" }] : []),
                ...SESSION_KINDS.map((k) => ({
                  value: k,
                  label: draft.planned?.kind === k ? `${KIND_NAMES[k]} (planned)` : KIND_NAMES[k],
                })),
              ]}
            />
            <SelectField
              label="How hard did it feel?"
              value={rpe === null ? "" : String(rpe)}
              onChange={(e) => setRpe(e.target.value ? Number(e.target.value) : null)}
              options={[
                { value: "", label: "Choose…" },
                ...Array.from({ length: 10 }, (_, i) => ({
                  value: String(i + 1),
                  label: `RPE ${i + 1}: ${EFFORT_WORDS[effortCategoryOf(i + 1)]}`,
                })),
              ]}
            />
            <Button onClick={onSave} disabled={confirm.pending}>
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
        </>
      )}
      {error && (
        <p role="alert" className="mt-2 text-red-700">
          {error}
        </p>
      )}
    </article>
  );
}

/**
 * The drafts to show: the server's, plus those saved here that a refresh has since dropped (another
 * upload finishing refreshes the list), so a saved run's result stays on screen until Done.
 */
export function useSavedKept(drafts: ImportedDraft[]) {
  const [kept, setKept] = useState<ImportedDraft[]>([]);
  const shown = [...drafts, ...kept.filter((k) => !drafts.some((d) => d.id === k.id))];
  return {
    shown,
    onSaved: (draft: ImportedDraft) => setKept((all) => [...all.filter((k) => k.id !== draft.id), draft]),
    onDone: (draft: ImportedDraft) => setKept((all) => all.filter((k) => k.id !== draft.id)),
  };
}
