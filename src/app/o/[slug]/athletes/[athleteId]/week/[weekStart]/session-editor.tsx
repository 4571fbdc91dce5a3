"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "~/components/button";
import { SelectField } from "~/components/select-field";
import { TextField } from "~/components/text-field";
import { rpeWords, SESSION_KINDS, type EffortBands, type SessionKind } from "~/domain/rules";
import { MAX_DESCRIPTION_LENGTH, MAX_SESSION_MINUTES } from "~/domain/training/plan-limits";
import type { SessionDraft } from "~/domain/training/week-plan";
import type { Units } from "~/lib/format";
import { distanceInputText, kindTitle, metresFromText } from "../../../../_shared/format";
import { amountProblem, durationChosen, kindChange } from "./session-defaults";

/**
 * Edits one session in place: every change reaches the week at once, so the live check follows as
 * the coach types. Not a modal: the week and its check stay visible and reachable.
 */
export function SessionEditor({
  draft,
  dayOptions,
  units,
  effortBands,
  onChange,
  onDelete,
  onClose,
  liveSummary,
}: {
  draft: SessionDraft;
  dayOptions: ReadonlyArray<{ value: string; label: string }>;
  units: Units;
  effortBands: EffortBands;
  onChange: (change: Partial<Omit<SessionDraft, "key" | "id">>) => void;
  onDelete: () => void;
  onClose: () => void;
  liveSummary: string;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [distance, setDistance] = useState(() => distanceInputText(draft.distanceM, units));
  const [duration, setDuration] = useState(() => (draft.durationMin === null ? "" : String(draft.durationMin)));
  // Typing a duration makes it the coach's: changing the kind no longer resets it.
  const [chosen, setChosen] = useState(() => durationChosen(draft));
  useEffect(() => heading.current?.focus(), []);
  const problem = amountProblem(draft);

  return (
    <section aria-labelledby="editor-heading" className="rounded-lg border-2 border-blue-700 bg-white p-4 shadow-sm">
      <h2 id="editor-heading" ref={heading} tabIndex={-1} className="text-lg font-semibold">
        Edit session: {kindTitle(draft.kind)}
      </h2>
      <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <SelectField
          label="Day"
          value={String(draft.day)}
          options={dayOptions}
          onChange={(e) => onChange({ day: Number(e.target.value) })}
        />
        <SelectField
          label="Kind"
          value={draft.kind}
          options={SESSION_KINDS.map((k) => ({ value: k, label: kindTitle(k) }))}
          onChange={(e) => {
            const change = kindChange(draft, e.target.value as SessionKind, chosen);
            if (change.durationMin !== undefined) setDuration(String(change.durationMin));
            onChange(change);
          }}
        />
        <SelectField
          label="Target RPE"
          value={draft.targetRpe === null ? "" : String(draft.targetRpe)}
          options={[
            { value: "", label: "None given" },
            ...Array.from({ length: 10 }, (_, i) => ({
              value: String(i + 1),
              label: `${i + 1} – ${rpeWords(i + 1, effortBands)}`,
            })),
          ]}
          onChange={(e) => onChange({ targetRpe: e.target.value === "" ? null : Number(e.target.value) })}
        />
        <TextField
          label="Duration (minutes)"
          type="number"
          min={1}
          max={MAX_SESSION_MINUTES}
          step={1}
          inputMode="numeric"
          value={duration}
          error={problem && draft.durationMin === null && draft.distanceM === null ? problem : undefined}
          onChange={(e) => {
            setDuration(e.target.value);
            setChosen(true);
            const minutes = Math.round(Number(e.target.value));
            onChange({
              durationMin:
                e.target.value.trim() === "" || !(minutes >= 1) ? null : Math.min(MAX_SESSION_MINUTES, minutes),
            });
          }}
        />
        <TextField
          label={`Distance (${units})`}
          inputMode="decimal"
          value={distance}
          hint="Optional when a duration is given."
          error={draft.distanceM !== null && Number.isNaN(draft.distanceM) ? (problem ?? undefined) : undefined}
          onChange={(e) => {
            setDistance(e.target.value);
            onChange({ distanceM: metresFromText(e.target.value, units) });
          }}
        />
        <TextField
          label="Description"
          value={draft.description}
          maxLength={MAX_DESCRIPTION_LENGTH}
          placeholder="e.g. 6 × 800 m, 400 m jog"
          onChange={(e) => onChange({ description: e.target.value })}
        />
      </div>
      <p className="mt-3 text-sm text-slate-700">{liveSummary}</p>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button type="button" onClick={onClose}>
          Done
        </Button>
        <Button type="button" variant="danger" onClick={onDelete}>
          Delete session
        </Button>
      </div>
    </section>
  );
}
