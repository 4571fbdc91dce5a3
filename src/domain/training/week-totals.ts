/** What an athlete ran in a week, in plain numbers, and from when their record starts. Pure. */
import { addDays } from "~/domain/rules";

export interface WeekTotals {
  runs: number;
  durationS: number;
  /** Runs logged without a distance count 0. */
  distanceM: number;
}

export function weekTotals(runs: ReadonlyArray<{ durationS: number; distanceM: number | null }>): WeekTotals {
  let durationS = 0;
  let distanceM = 0;
  for (const run of runs) {
    durationS += run.durationS;
    distanceM += run.distanceM ?? 0;
  }
  return { runs: runs.length, durationS, distanceM };
}

/**
 * The first day the athlete's record covers: the earlier of the day they joined and their first run
 * (imported runs may predate joining). Weeks ending before it are not theirs to be judged on.
 */
export function recordStart(joinedOn: string, runDates: Iterable<string>): string {
  let start = joinedOn;
  for (const date of runDates) if (date < start) start = date;
  return start;
}

/** Does the week starting at `weekStart` include any day from `start` on? */
export function weekReaches(weekStart: string, start: string): boolean {
  return addDays(weekStart, 6) >= start;
}
