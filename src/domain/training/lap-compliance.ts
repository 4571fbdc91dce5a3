/**
 * Did the structured session happen? An imported run's laps (a watch running the workout writes one
 * lap per step; an athlete pressing the lap button, about the same) lined up with the planned steps,
 * repeats expanded, tolerating a missing or an extra lap, then each block of work steps summed up:
 * "6 of 6 repeats, average 3:12 per 800 m, target 3:10–3:15". Pure: the words in the reader's units
 * are the page's (lib/format), the numbers are here.
 */
import { expandSteps, isRepeat, type WatchStep, type WatchWorkout } from "./workout-watch";

export interface RunLap {
  readonly durationS: number;
  readonly distanceM: number | null;
  readonly avgHeartRate: number | null;
}

/** How far a lap may be from its step's planned amount and still count as that step done (25 %). */
export const LAP_TOLERANCE = 0.25;

/** A lap's relative distance from a step's planned amount: 0 is exact, 1 or more is not that step. */
function mismatch(step: WatchStep, lap: RunLap): number {
  if (step.amount.type === "time") return Math.abs(lap.durationS - step.amount.seconds) / step.amount.seconds;
  if (lap.distanceM === null) return 1;
  return Math.abs(lap.distanceM - step.amount.meters) / step.amount.meters;
}

/**
 * The lap each planned step was run as (null: no lap for it), by the cheapest alignment of the two
 * sequences in order: a matched pair costs its mismatch (capped at 1), a step without a lap or a lap
 * without a step costs 1. So one forgotten or one extra lap press shifts nothing after it.
 */
export function alignLaps(steps: readonly WatchStep[], laps: readonly RunLap[]): Array<RunLap | null> {
  const n = steps.length;
  const m = laps.length;
  const cost: number[][] = Array.from({ length: n + 1 }, (_, i) =>
    Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const pair = cost[i - 1]![j - 1]! + Math.min(1, mismatch(steps[i - 1]!, laps[j - 1]!));
      cost[i]![j] = Math.min(pair, cost[i - 1]![j]! + 1, cost[i]![j - 1]! + 1);
    }
  }
  const matched: Array<RunLap | null> = Array.from({ length: n }, () => null);
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const here = cost[i]![j]!;
    const pairCost = Math.min(1, mismatch(steps[i - 1]!, laps[j - 1]!));
    if (pairCost < 1 && here === cost[i - 1]![j - 1]! + pairCost) {
      matched[i - 1] = laps[j - 1]!;
      i--;
      j--;
    } else if (here === cost[i - 1]![j]! + 1) i--;
    else j--;
  }
  return matched;
}

export type PaceVerdict = "within" | "faster" | "slower";

/** One block of work steps (a repeat, or a single work step) against what the laps show. */
export interface WorkBlockResult {
  /** The work step as planned (its amount and this athlete's target). */
  readonly step: WatchStep;
  /** 1 for a single step, 6 for 6 × 800 m. */
  readonly planned: number;
  /** Laps that ran it within the tolerance of its amount. */
  readonly done: number;
  /** Mean of those laps: seconds per rep and seconds per km (null without distances). */
  readonly avgSeconds: number | null;
  readonly avgSPerKm: number | null;
  /** Against the pace range of its target, in whole seconds per km; null when the target has no pace. */
  readonly verdict: PaceVerdict | null;
}

export interface LapCompliance {
  readonly blocks: readonly WorkBlockResult[];
  /** Laps the alignment left without a step (a lap press too many, a jog home). */
  readonly extraLaps: number;
}

function verdictOf(step: WatchStep, sPerKm: number | null): PaceVerdict | null {
  if (step.target.type !== "pace" || sPerKm === null) return null;
  const pace = Math.round(sPerKm);
  if (pace < Math.round(step.target.fastSPerKm)) return "faster";
  if (pace > Math.round(step.target.slowSPerKm)) return "slower";
  return "within";
}

function blockResult(step: WatchStep, laps: Array<RunLap | null>): WorkBlockResult {
  const done = laps.filter(
    (lap): lap is RunLap => lap !== null && mismatch(step, lap) <= LAP_TOLERANCE && lap.durationS > 0,
  );
  const seconds = done.reduce((sum, lap) => sum + lap.durationS, 0);
  const withDistance = done.filter((lap) => lap.distanceM !== null && lap.distanceM > 0);
  const metres = withDistance.reduce((sum, lap) => sum + (lap.distanceM ?? 0), 0);
  const secondsWithDistance = withDistance.reduce((sum, lap) => sum + lap.durationS, 0);
  const avgSPerKm = metres > 0 ? (secondsWithDistance * 1000) / metres : null;
  return {
    step,
    planned: laps.length,
    done: done.length,
    avgSeconds: done.length > 0 ? seconds / done.length : null,
    avgSPerKm,
    verdict: verdictOf(step, avgSPerKm),
  };
}

/**
 * The laps against the plan, or null when there is nothing to compare: no laps, a workout without
 * work steps, or a run of one lap only (the watch's single "lap" is the whole run, the duration
 * comparison already says it).
 */
export function lapCompliance(workout: WatchWorkout, laps: readonly RunLap[]): LapCompliance | null {
  const steps = expandSteps(workout);
  if (laps.length < 2 || !steps.some((s) => s.intent === "work")) return null;
  const matched = alignLaps(steps, laps);
  const blocks: WorkBlockResult[] = [];
  let at = 0;
  for (const item of workout.items) {
    const span = isRepeat(item) ? item.times * item.steps.length : 1;
    const stepsHere = isRepeat(item) ? item.steps : [item];
    stepsHere.forEach((step, index) => {
      if (step.intent !== "work") return;
      const lapsOfStep = Array.from({ length: isRepeat(item) ? item.times : 1 }, (_, rep) => {
        return matched[at + rep * stepsHere.length + index] ?? null;
      });
      blocks.push(blockResult(step, lapsOfStep));
    });
    at += span;
  }
  return { blocks, extraLaps: laps.length - matched.filter((lap) => lap !== null).length };
}
