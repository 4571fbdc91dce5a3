"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "~/components/button";
import { SelectField } from "~/components/select-field";
import { TextField } from "~/components/text-field";
import { rpeWords, SESSION_KINDS, type EffortBands, type SessionKind, type TrainingPaces } from "~/domain/rules";
import { MAX_DESCRIPTION_LENGTH, MAX_SESSION_MINUTES } from "~/domain/training/plan-limits";
import type { SessionDraft } from "~/domain/training/week-plan";
import { plannedAmounts, workoutTotals } from "~/domain/training/workout-paces";
import { MAX_WORKOUT_TEXT_LENGTH, parseWorkout, printWorkout } from "~/domain/training/workout-text";
import { formatDistance, formatMinutes, type Units } from "~/lib/format";
import { WorkoutSteps } from "../../../../_shared/workout-steps";
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
  paces,
  athleteName,
}: {
  draft: SessionDraft;
  /** The athlete's training paces (null without a race): named paces in the steps resolve to them. */
  paces: TrainingPaces | null;
  athleteName: string;
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
  const structured = Boolean(draft.structure);

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
        <StepsField
          draft={draft}
          paces={paces}
          units={units}
          athleteName={athleteName}
          onChange={(change) => {
            if (change.durationMin !== undefined)
              setDuration(change.durationMin === null ? "" : String(change.durationMin));
            if (change.distanceM !== undefined) setDistance(distanceInputText(change.distanceM, units));
            onChange(change);
          }}
        />
        <TextField
          label="Duration (minutes)"
          readOnly={structured}
          hint={structured ? "From the steps." : undefined}
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
          readOnly={structured}
          value={distance}
          hint={structured ? "From the steps." : "Optional when a duration is given."}
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

/**
 * The session's steps typed as one line ("10' E, 3 x 10' T / 2' jog, 10' E"): parsed as the coach
 * types, with the steps, each target at this athlete's paces, and the computed duration shown live.
 * While the text has errors, the last steps understood are kept (and said so).
 */
function StepsField({
  draft,
  paces,
  units,
  athleteName,
  onChange,
}: {
  draft: SessionDraft;
  paces: TrainingPaces | null;
  units: Units;
  athleteName: string;
  onChange: (change: Partial<Omit<SessionDraft, "key" | "id">>) => void;
}) {
  const [text, setText] = useState(() => (draft.structure ? printWorkout(draft.structure) : ""));
  const result = text.trim() === "" ? null : parseWorkout(text);
  const errors = result && !result.ok ? result.errors : [];
  const errorText = errors
    .map((e) => (e.to > e.from ? `“${text.slice(e.from, e.to)}”: ${e.message}` : e.message))
    .join(" · ");
  const totals = draft.structure ? workoutTotals(draft.structure, paces) : null;

  function update(value: string) {
    setText(value);
    if (value.trim() === "") {
      onChange({ structure: null });
      return;
    }
    const parsed = parseWorkout(value);
    if (!parsed.ok) return;
    const amounts = plannedAmounts(parsed.structure, paces);
    onChange(
      amounts.ok
        ? { structure: parsed.structure, durationMin: amounts.durationMin, distanceM: amounts.distanceM }
        : { structure: parsed.structure },
    );
  }

  return (
    <div className="sm:col-span-2 lg:col-span-3">
      <TextField
        label="Steps (optional, one line)"
        value={text}
        maxLength={MAX_WORKOUT_TEXT_LENGTH}
        placeholder="e.g. 2k warm-up, 6 x 800m @ I w/ 400m jog, 2k cool-down"
        hint="Warm-up, repeats and cool-down with targets: @ I, @ 4:10-4:20/km, @ HR 140-150, @ RPE 7-8. The duration follows from the steps."
        error={errorText || undefined}
        onChange={(e) => update(e.target.value)}
        spellCheck={false}
        autoComplete="off"
      />
      {errors.length > 0 && (
        <p className="mt-1 font-mono text-sm break-words" aria-hidden="true">
          {highlight(text, errors)}
        </p>
      )}
      {draft.structure && totals && (
        <div className="mt-2 rounded-md bg-slate-50 p-2">
          <p className="text-sm font-medium" role="status">
            {errors.length > 0 ? "Last steps understood: " : "Steps: "}
            {formatMinutes(totals.seconds / 60)}
            {totals.estimated ? " (estimated)" : ""}
            {totals.meters !== null ? ` · ${formatDistance(totals.meters, units)}` : ""}
          </p>
          <WorkoutSteps
            structure={draft.structure}
            paces={paces}
            units={units}
            label={`Steps at ${athleteName}'s paces`}
            className="mt-1"
          />
          {!paces && (
            <p className="mt-1 text-xs text-slate-600">
              {athleteName} has no recent race, so named paces show as effort (RPE), not pace.
            </p>
          )}
        </div>
      )}
    </div>
  );
}

/** The text with the parts not understood marked. */
function highlight(text: string, errors: ReadonlyArray<{ from: number; to: number }>) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [i, e] of [...errors].sort((a, b) => a.from - b.from).entries()) {
    if (e.from < at) continue;
    parts.push(text.slice(at, e.from));
    parts.push(
      <mark key={i} className="rounded bg-red-100 px-0.5 text-red-900 underline decoration-wavy">
        {text.slice(e.from, Math.max(e.to, e.from + 1)) || " "}
      </mark>,
    );
    at = Math.max(e.to, e.from + 1);
  }
  parts.push(text.slice(at));
  return parts;
}
