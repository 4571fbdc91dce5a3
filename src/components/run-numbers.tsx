import type { TrainingPaces, SessionKind } from "~/domain/rules";
import { paceAgainstTarget } from "~/domain/training/pace-target";
import type { WeekTotals as Totals } from "~/domain/training/week-totals";
import { formatDistance, formatMinutes, formatPace, paceRange, type Units } from "~/lib/format";

/** "2 h 05 min", "45 min": a week's time at a glance (seconds would be noise). */
export function hoursAndMinutes(seconds: number): string {
  return formatMinutes(seconds / 60);
}

/**
 * A week's totals as labelled numbers: time, distance and runs, and the week's sRPE load when
 * given. `label` names the list for screen readers (several weeks may share a page).
 */
export function WeekTotals({
  totals,
  units,
  load,
  label,
}: {
  totals: Totals;
  units: Units;
  load?: number;
  label: string;
}) {
  const items: Array<[string, string]> = [
    ["Time", hoursAndMinutes(totals.durationS)],
    ["Distance", formatDistance(totals.distanceM, units)],
    ["Runs", String(totals.runs)],
  ];
  if (load !== undefined) items.push(["sRPE load (RPE × min)", String(Math.round(load))]);
  return (
    <dl aria-label={label} className="grid grid-cols-3 gap-x-3 gap-y-2 sm:grid-cols-4">
      {items.map(([term, value], i) => (
        <div key={term} className={i === 3 ? "col-span-3 sm:col-span-1" : undefined}>
          <dt className="text-xs text-slate-600">{term}</dt>
          <dd className="text-base font-semibold tabular-nums text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A run's pace and how it compares with the range its kind aims for (easy range for aerobic and long
 * runs, slower than it for recovery runs); nothing for quality runs or without known paces.
 */
export function PaceAgainstTarget({
  run,
  paces,
  units,
}: {
  run: { kind: SessionKind; durationS: number; distanceM: number | null };
  paces: Pick<TrainingPaces, "easy"> | null | undefined;
  units: Units;
}) {
  const comparison = paceAgainstTarget(run, paces);
  if (!comparison) return null;
  const { target, verdict } = comparison;
  const targetText =
    target.fromSPerKm === null
      ? `slower than ${formatPace(target.toSPerKm, 1000, units)}`
      : paceRange(target.fromSPerKm, target.toSPerKm, units);
  const verdictText =
    verdict === "within" ? "on target" : verdict === "faster" ? "faster than target" : "slower than target";
  return (
    <span className={`block ${verdict === "within" ? "text-green-800" : "text-amber-800"}`}>
      Pace {formatPace(run.durationS, run.distanceM, units)} · target {targetText} · {verdictText}
    </span>
  );
}
