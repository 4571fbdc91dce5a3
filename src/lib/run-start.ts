import { zonedParts } from "./zoned-time";

/**
 * When a run just logged most likely started: now minus its duration, as the athlete's wall clock
 * reads it. Someone logging a 50-minute run at 07:10 started at 06:20, maybe yesterday evening's date
 * for a run that ended after midnight.
 */
export function startBefore(nowMs: number, durationS: number | null, timeZone: string): { date: string; time: string } {
  const { date, time } = zonedParts(new Date(nowMs - (durationS ?? 0) * 1000), timeZone);
  return { date, time };
}
