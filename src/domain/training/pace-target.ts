/**
 * A run's pace against the range its kind aims for, where the athlete's training paces are known
 * (from a recent race): recovery runs belong slower than the easy range's slow end, aerobic and
 * long runs inside the easy range. Quality runs have no single range to compare with. Pure.
 */
import { categoryOf, type SessionKind, type TrainingPaces } from "~/domain/rules";

export type PaceVerdict = "within" | "faster" | "slower";

export interface PaceComparison {
  /** Seconds per km of the run. */
  paceSPerKm: number;
  verdict: PaceVerdict;
  /** The target: `fromSPerKm` (fast end) is null for "slower than toSPerKm". */
  target: { fromSPerKm: number | null; toSPerKm: number };
}

export function paceAgainstTarget(
  run: { kind: SessionKind; durationS: number; distanceM: number | null },
  paces: Pick<TrainingPaces, "easy"> | null | undefined,
): PaceComparison | null {
  if (!paces || !run.distanceM || run.distanceM <= 0 || run.durationS <= 0) return null;
  const category = categoryOf(run.kind);
  if (category === "quality") return null;
  // Compared in whole seconds, as the paces are shown: 5:43 is not "faster" than a 5:43 floor.
  const paceSPerKm = Math.round((run.durationS * 1000) / run.distanceM);
  const from = Math.round(paces.easy.fromSPerKm);
  const to = Math.round(paces.easy.toSPerKm);
  if (category === "recovery") {
    return { paceSPerKm, verdict: paceSPerKm >= to ? "within" : "faster", target: { fromSPerKm: null, toSPerKm: to } };
  }
  const verdict = paceSPerKm < from ? "faster" : paceSPerKm > to ? "slower" : "within";
  return { paceSPerKm, verdict, target: { fromSPerKm: from, toSPerKm: to } };
}
