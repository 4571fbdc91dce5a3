/**
 * Fitting a weekly template to an athlete's usual volume: the ratio of what they have run per week
 * lately to what the template asks for, kept within 0.5–1.5 so one odd month cannot halve or
 * double a plan, and rounded to 5 minutes so the plan reads like a coach wrote it.
 */
import { addDays, type SessionKind } from "~/domain/rules";
import type { TemplateSession } from "./plan-inputs";
import { MAX_SESSION_METRES, MAX_SESSION_MINUTES } from "./plan-limits";

export const SCALE_MIN = 0.5;
export const SCALE_MAX = 1.5;
/** How far back "usual volume" looks. */
export const VOLUME_DAYS = 28;

/** Mean minutes run per week over the VOLUME_DAYS before `today`; null when nothing was run. */
export function meanWeeklyMinutes(
  runs: ReadonlyArray<{ localDate: string; durationS: number }>,
  today: string,
): number | null {
  const from = addDays(today, -VOLUME_DAYS);
  let seconds = 0;
  let count = 0;
  for (const run of runs) {
    if (run.localDate < from || run.localDate >= today) continue;
    seconds += run.durationS;
    count++;
  }
  return count === 0 ? null : seconds / 60 / (VOLUME_DAYS / 7);
}

export function templateMinutes(sessions: ReadonlyArray<{ durationMin: number | null }>): number {
  return sessions.reduce((sum, s) => sum + (s.durationMin ?? 0), 0);
}

/** The factor to apply, 1 when either side is unknown (no recent runs, a distance-only template). */
export function volumeScale(meanWeeklyMin: number | null, templateMin: number): number {
  if (meanWeeklyMin === null || !(meanWeeklyMin > 0) || !(templateMin > 0)) return 1;
  return Math.min(SCALE_MAX, Math.max(SCALE_MIN, meanWeeklyMin / templateMin));
}

const roundTo = (value: number, step: number) => Math.round(value / step) * step;

/** Durations × factor rounded to 5 min (at least 5), distances to 100 m; a factor of 1 changes nothing. */
export function scaleSessions<T extends Pick<TemplateSession, "durationMin" | "distanceM">>(
  sessions: readonly T[],
  factor: number,
): T[] {
  if (factor === 1) return sessions.map((s) => ({ ...s }));
  return sessions.map((s) => ({
    ...s,
    durationMin:
      s.durationMin === null ? null : Math.min(MAX_SESSION_MINUTES, Math.max(5, roundTo(s.durationMin * factor, 5))),
    distanceM:
      s.distanceM === null ? null : Math.min(MAX_SESSION_METRES, Math.max(100, roundTo(s.distanceM * factor, 100))),
  }));
}

/** A template laid onto a week: each session on weekStart + its day. */
export function datedSessions(
  weekStart: string,
  sessions: readonly TemplateSession[],
): Array<TemplateSession & { date: string; kind: SessionKind }> {
  return sessions.map((s) => ({ ...s, date: addDays(weekStart, s.day) }));
}
