/**
 * Training load from session RPE (Foster 2001): load = RPE × minutes, in arbitrary units.
 * Monotony and strain (Foster 1998), and the ratio of this week's load to the 3 weeks before.
 */
import { dayOf } from "./dates";
import * as say from "./messages";
import { EPSILON, QUALITY, kindSlot } from "./mix";
import type { Prepared } from "./prepared";
import type { Flag, HistoryRun } from "./types";

/** The load ratio compares against the 21 days before the week (not overlapping it). */
export const CHRONIC_DAYS = 21;

export function sessionLoad(rpe: number, durationMin: number): number {
  return rpe * durationMin;
}

export interface MonotonyResult {
  readonly monotony: number | null;
  readonly strain: number | null;
  /** Every day carried the same non-zero load: the SD is 0, so monotony is unbounded. */
  readonly flat: boolean;
  readonly mean: number;
}

/** Monotony = mean daily load ÷ population SD; strain = weekly load × monotony. */
export function weekMonotony(daily: readonly number[], weekly: number): MonotonyResult {
  const mean = weekly / daily.length;
  if (!(weekly > 0)) return { monotony: null, strain: null, flat: false, mean };
  let squares = 0;
  for (const load of daily) squares += (load - mean) * (load - mean);
  const sd = Math.sqrt(squares / daily.length);
  // Equal days can still leave an SD of a few ulps; anything that small relative to the mean is 0.
  if (sd <= mean * EPSILON) return { monotony: null, strain: null, flat: true, mean };
  const monotony = mean / sd;
  return { monotony, strain: weekly * monotony, flat: false, mean };
}

/** Everything the week's rules need from the history, gathered in one pass over it. */
export interface HistorySummary {
  readonly runCount: number;
  /** The earliest history date (day number); the default for historyFrom. */
  readonly earliestDay: number;
  /** Total load of the 21 days before the week. */
  readonly windowLoad: number;
  /** The first quality run on the day before the week, for back-to-back quality. */
  readonly qualityDayBefore: HistoryRun | null;
}

export function summariseHistory(history: readonly HistoryRun[], weekStartDay: number): HistorySummary {
  const windowStart = weekStartDay - CHRONIC_DAYS;
  let earliestDay = Infinity;
  let windowLoad = 0;
  let qualityDayBefore: HistoryRun | null = null;
  for (let i = 0; i < history.length; i++) {
    const run = history[i] as HistoryRun;
    const day = dayOf(run.date);
    if (day < earliestDay) earliestDay = day;
    if (day >= windowStart && day < weekStartDay) windowLoad += run.rpe * run.durationMin;
    if (day === weekStartDay - 1 && qualityDayBefore === null && kindSlot(run.kind) === QUALITY) qualityDayBefore = run;
  }
  return { runCount: history.length, earliestDay, windowLoad, qualityDayBefore };
}

/**
 * Mean daily load over the 21 days before the week, or null when the history does not cover
 * them: no history, or history complete only from a day after weekStart − 21.
 */
export function chronicDailyLoad(
  summary: HistorySummary,
  weekStartDay: number,
  historyFromDay: number | undefined,
): number | null {
  if (summary.runCount === 0) return null;
  if ((historyFromDay ?? summary.earliestDay) > weekStartDay - CHRONIC_DAYS) return null;
  return summary.windowLoad / CHRONIC_DAYS;
}

/** This week's mean daily load ÷ the chronic mean; null when there is nothing to compare with. */
export function loadRatio(weekly: number, chronicMean: number | null): number | null {
  if (chronicMean === null || !(chronicMean > 0)) return null;
  return weekly / 7 / chronicMean;
}

export function addLoadFlags(monotony: MonotonyResult, ratio: number | null, prepared: Prepared, flags: Flag[]): void {
  const { monotonyMax: max, loadSpikeRatio: threshold } = prepared.settings;
  if (monotony.flat) {
    const voices = say.monotonyHigh(null, max, prepared.texts);
    flags.push({
      code: "monotony_high",
      severity: "warning",
      audience: "both",
      values: { mean: monotony.mean, sd: 0, max },
      message: voices.message,
      coachMessage: voices.coachMessage,
    });
  } else if (monotony.monotony !== null && monotony.monotony > max + EPSILON) {
    const voices = say.monotonyHigh(monotony.monotony, max, prepared.texts);
    flags.push({
      code: "monotony_high",
      severity: "warning",
      audience: "both",
      values: { monotony: monotony.monotony, max },
      message: voices.message,
      coachMessage: voices.coachMessage,
    });
  }
  if (ratio !== null && ratio >= threshold - EPSILON) {
    const voices = say.loadSpike(ratio);
    flags.push({
      code: "load_spike",
      severity: "warning",
      audience: "both",
      values: { ratio, threshold },
      message: voices.message,
      coachMessage: voices.coachMessage,
    });
  }
}
