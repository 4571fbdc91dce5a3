/**
 * Which of the engine's flags matter most, wherever several are shown together: the roster line, the
 * coach's athlete page, the week builder's preview. Pure.
 */
import type { Flag, FlagCode, Severity } from "~/domain/rules";

/**
 * Most important first. Effort drift (easy days too hard) and too much quality are what the product
 * exists to catch; then sudden load and missed sessions; band drift and single-run details after.
 */
export const FLAG_PRIORITY: readonly FlagCode[] = [
  "recovery_too_hard",
  "quality_high",
  "load_spike",
  "missed_session",
  "quality_back_to_back",
  "aerobic_too_hard",
  "monotony_high",
  "aerobic_low",
  "recovery_low",
  "recovery_too_long",
  "aerobic_high",
  "recovery_high",
  "quality_too_easy",
  "aerobic_too_easy",
  "aerobic_too_short",
  "unplanned_session",
];

export function flagRank(flag: { code: FlagCode; severity: Severity }): number {
  const rank = FLAG_PRIORITY.indexOf(flag.code);
  // Information never outranks a warning.
  return (flag.severity === "info" ? FLAG_PRIORITY.length : 0) + (rank === -1 ? FLAG_PRIORITY.length - 1 : rank);
}

export interface RankedFlag {
  code: FlagCode;
  severity: Severity;
  /** The engine's message of the most recent occurrence. */
  message: string;
  /** How often it was raised in the weeks looked at. */
  count: number;
  weekStart: string;
}

/**
 * Flags of several weeks (newest last), one entry per code, most important first. Of equal rank, the
 * most recent week wins, so the message a coach reads is about the latest occurrence.
 */
export function rankFlags(
  weeks: ReadonlyArray<{ weekStart: string; flags: ReadonlyArray<Pick<Flag, "code" | "severity" | "message">> }>,
): RankedFlag[] {
  const byCode = new Map<FlagCode, RankedFlag>();
  for (const week of weeks) {
    for (const flag of week.flags) {
      const seen = byCode.get(flag.code);
      if (seen) {
        seen.count++;
        // One warning among near-edge notes makes the entry a warning: "On track" must mean nothing warned.
        if (flag.severity === "warning") seen.severity = "warning";
        if (week.weekStart >= seen.weekStart) Object.assign(seen, { message: flag.message, weekStart: week.weekStart });
      } else {
        byCode.set(flag.code, {
          code: flag.code,
          severity: flag.severity,
          message: flag.message,
          count: 1,
          weekStart: week.weekStart,
        });
      }
    }
  }
  return [...byCode.values()].sort((a, b) => flagRank(a) - flagRank(b) || b.weekStart.localeCompare(a.weekStart));
}

/**
 * A week still in progress is not judged on its mix yet (two runs in, any mix is "off"); its other
 * flags (a recovery run too hard, a missed session, the plan itself) already count.
 */
export const flagsSoFar = <F extends Pick<Flag, "measure">>(flags: readonly F[]) =>
  flags.filter((f) => f.measure !== "label" && f.measure !== "effort");
