import "server-only";
import ical from "ical-generator";
import { addDays, rpeWords } from "~/domain/rules";
import { KIND_NAMES } from "~/lib/format";
import { zonedDate } from "~/lib/zoned-time";
import { enterFeedByToken } from "~/server/data/calendar-feeds";
import { athleteContexts } from "~/server/data/athletes";
import { plannedBetween } from "~/server/data/weeks";
import { racesBetween } from "~/server/data/season";
import { excusedBetween } from "~/server/data/season-days";
import { excusedText } from "~/domain/training/excused-days";
import { formatDuration } from "~/lib/format";
import type { Database } from "~/server/db/connection";
import { withSession } from "~/server/db/tenant";
import { workoutLines } from "~/domain/training/workout-watch";
import { athleteWorkout } from "./workout-file";

/**
 * The iCal document of an athlete's published plan (4 weeks back, 12 ahead) for a feed token, or null
 * when the token is unknown or revoked. Planned sessions, races and excused days have a day, not a
 * time: all-day events. An excused day shows its reason only: its note may be about the athlete's
 * health, and a feed's address is readable by whatever calendar app it was given to.
 */
export async function calendarForToken(db: Database, token: string, now: Date): Promise<string | null> {
  return withSession(db, null, async (tx) => {
    const feed = await enterFeedByToken(tx, token);
    if (!feed) return null;
    const [athlete] = await athleteContexts(tx, feed.orgId, [feed.athleteId]);
    if (!athlete) return null;
    const today = zonedDate(now, athlete.timeZone);
    const [from, to] = [addDays(today, -28), addDays(today, 84)];
    const [plannedByAthlete, races, excusedByAthlete] = await Promise.all([
      plannedBetween(tx, feed.orgId, [feed.athleteId], from, to, true),
      racesBetween(tx, feed.orgId, feed.athleteId, from, to),
      excusedBetween(tx, feed.orgId, [feed.athleteId], from, to),
    ]);
    const planned = plannedByAthlete.get(feed.athleteId) ?? [];

    const calendar = ical({
      name: `Runbalance · ${athlete.displayName}`,
      timezone: athlete.timeZone,
      prodId: { company: "Runbalance", product: "plan" },
    });
    for (const session of planned) {
      // The steps in words with this athlete's own paces (a calendar shows plain text).
      const workout = athleteWorkout(session, athlete);
      const amount = [
        session.durationMin ? `${session.durationMin} min` : null,
        session.distanceM ? `${(session.distanceM / 1000).toFixed(1)} km` : null,
      ]
        .filter(Boolean)
        .join(" · ");
      calendar.createEvent({
        id: `${session.id}@runbalance`,
        start: new Date(`${session.date}T00:00:00Z`),
        allDay: true,
        summary: `${KIND_NAMES[session.kind]}${amount ? ` · ${amount}` : ""}`,
        description: [
          session.description,
          ...(workout ? workoutLines(workout) : []),
          session.targetRpe ? `Target RPE ${session.targetRpe}: ${rpeWords(session.targetRpe)}` : null,
        ]
          .filter(Boolean)
          .join("\n"),
      });
    }
    for (const race of races) {
      calendar.createEvent({
        id: `race-${race.id}@runbalance`,
        start: new Date(`${race.date}T00:00:00Z`),
        allDay: true,
        summary: `${race.priority} race · ${race.name} · ${(race.distanceM / 1000).toFixed(1)} km`,
        description: [
          race.goalTimeS ? `Goal ${formatDuration(race.goalTimeS)}` : null,
          race.resultTimeS ? `Result ${formatDuration(race.resultTimeS)}` : null,
          race.note || null,
        ]
          .filter(Boolean)
          .join("\n"),
      });
    }
    for (const excused of excusedByAthlete.get(feed.athleteId) ?? []) {
      calendar.createEvent({
        id: `excused-${feed.athleteId}-${excused.date}@runbalance`,
        start: new Date(`${excused.date}T00:00:00Z`),
        allDay: true,
        summary: excusedText(excused.reason),
      });
    }
    return calendar.toString();
  });
}
