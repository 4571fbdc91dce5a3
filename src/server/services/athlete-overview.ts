import "server-only";
import { addDays, evaluateWeek, weekStartFor } from "~/domain/rules";
import { rpeByKind } from "~/domain/training/rpe-by-kind";
import { HISTORY_DAYS, weekdayFromIndex, weekInputFor } from "~/domain/training/week-input";
import { zonedDate } from "~/lib/zoned-time";
import type { AthleteContext } from "~/server/data/athletes";
import { runsBetween } from "~/server/data/runs";
import { plannedBetween } from "~/server/data/weeks";
import { checkinsBetween, excusedBetween } from "~/server/data/season-days";
import type { Tx } from "~/server/db/connection";
import { settingsFor } from "./recent-weeks";
import { settingsForWeeks } from "./week-settings";
import { racesOfAthletesBetween } from "~/server/data/season";

export const OVERVIEW_WEEKS = { min: 4, max: 52, default: 12 } as const;
/** Upcoming weeks shown after the current one, so a coach sees what is planned next. */
export const WEEKS_AHEAD = 2;

/**
 * One athlete's last `weekCount` weeks (the current one included) and the next two: plan and runs day
 * by day, each week read by the rules engine, how hard each kind of session felt, excused days and
 * wellness check-ins. Four queries (the athlete comes loaded, by the access check).
 * Weeks are judged on their published plan only (a draft was never asked of the athlete); drafts
 * are still listed, marked as such.
 */
export async function athleteOverview(
  tx: Tx,
  org: { id: string; trainingSettings: unknown },
  athlete: AthleteContext,
  options: { now: Date; weekCount: number },
) {
  const { athleteId } = athlete;
  const today = zonedDate(options.now, athlete.timeZone);
  const current = weekStartFor(today, weekdayFromIndex(athlete.weekStartDay));
  const weekStarts = Array.from({ length: options.weekCount + WEEKS_AHEAD }, (_, i) =>
    addDays(current, (i - options.weekCount + 1) * 7),
  );
  const first = weekStarts[0]!;
  const end = addDays(weekStarts[weekStarts.length - 1]!, 6);
  const [runsByAthlete, plannedByAthlete, settingsOf, racesByAthlete, excusedByAthlete, checkinsByAthlete] =
    await Promise.all([
      runsBetween(tx, org.id, [athleteId], addDays(first, -HISTORY_DAYS), end),
      plannedBetween(tx, org.id, [athleteId], first, end, false),
      settingsForWeeks(tx, org, [athlete], weekStarts),
      racesOfAthletesBetween(tx, org.id, [athleteId], first, end),
      excusedBetween(tx, org.id, [athleteId], first, end),
      checkinsBetween(tx, org.id, [athleteId], first, today),
    ]);
  const races = racesByAthlete.get(athleteId) ?? [];
  const { settings } = settingsOf(athleteId, current);
  const runs = runsByAthlete.get(athleteId) ?? [];
  const excused = (excusedByAthlete.get(athleteId) ?? []).map(({ date, reason, note }) => ({ date, reason, note }));
  const planned = plannedByAthlete.get(athleteId) ?? [];
  const published = planned.filter((p) => p.weekStatus === "published");
  const historyFrom = athlete.joinedAt.toISOString().slice(0, 10);

  const weeks = weekStarts.map((weekStart) => {
    const weekEnd = addDays(weekStart, 6);
    const inWeek = (date: string) => date >= weekStart && date <= weekEnd;
    const sessions = planned.filter((p) => inWeek(p.date));
    const judgedBy = settingsOf(athleteId, weekStart);
    return {
      weekStart,
      /** The phase and settings judging this week (ADR 016). */
      phaseName: judgedBy.phase?.name ?? null,
      judgedBy: judgedBy.settings,
      status:
        sessions.length === 0
          ? null
          : sessions.some((s) => s.weekStatus === "published")
            ? ("published" as const)
            : ("draft" as const),
      sessions,
      runs: runs.filter((r) => inWeek(r.localDate)),
      races: races.filter((r) => inWeek(r.date)),
      excused: excused.filter((e) => inWeek(e.date)),
      evaluation: evaluateWeek(
        weekInputFor({
          weekStart,
          asOf: today,
          settings: judgedBy.settings,
          runs,
          planned: published,
          historyFrom,
          excused,
        }),
      ),
    };
  });
  const shownRuns = runs.filter((r) => r.localDate >= first);
  return {
    athlete: {
      id: athlete.athleteId,
      displayName: athlete.displayName,
      timeZone: athlete.timeZone,
      weekStartDay: athlete.weekStartDay,
    },
    today,
    currentWeekStart: current,
    settings,
    weeks,
    rpeByKind: rpeByKind(shownRuns, settings.effortBands),
    /** Wellness check-ins of the weeks shown, oldest first. */
    checkins: (checkinsByAthlete.get(athleteId) ?? []).map(({ athleteId: _, ...checkin }) => checkin),
    trainingSettings: {
      /** The athlete's own override, as stored. */
      override: athlete.trainingSettings,
      /** The organisation's defaults, as stored, and as they resolve over the built-in defaults. */
      orgOverride: org.trainingSettings,
      orgResolved: settingsFor(org.trainingSettings, undefined),
    },
  };
}
