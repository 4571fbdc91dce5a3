import "server-only";
import { can, type Actor } from "~/domain/authz/policy";
import { addDays } from "~/domain/rules";
import { summariseWeeks } from "~/domain/training/roster";
import { byUrgency, excusedTag, rosterTags, urgencyOf, type PlanStatus } from "~/domain/training/roster-line";
import { WELLNESS_RUN_DAYS, wellnessTag } from "~/domain/training/wellness";
import { rosterAthletes } from "~/server/data/roster";
import { checkinsBetween, excusedBetween } from "~/server/data/season-days";
import type { Tx } from "~/server/db/connection";
import { digestsFrom, recentWeekDigests, type CacheWriter } from "./week-digests";
import { nextRaceTag, RACE_TAG_HORIZON_DAYS } from "~/domain/training/season";
import { racesOfAthletesBetween } from "~/server/data/season";

/** The current week and the four before it. */
export const ROSTER_WEEKS = 5;

/**
 * Every athlete the caller coaches (all of them for owners) with their recent weeks read by the rules
 * engine, most urgent first. A constant number of queries whatever the roster's size:
 * one for the athletes with everything known about them and their cached week digests, two for this
 * week's excused days and recent check-ins, three more only when some weeks must be evaluated afresh
 * (see week-digests.ts).
 * Weeks are judged on published plans only: a draft was never asked of the athlete. Next week's plan
 * status (none, draft, published) and the line's urgency and tags come with each row.
 */
export async function rosterFor(
  tx: Tx,
  org: { id: string; trainingSettings: unknown; trainingVersion: number },
  actor: Actor,
  now: Date,
  writeCache?: CacheWriter,
) {
  const coachUserId = can(actor, { type: "organisation.viewAllAthletes" }) ? undefined : actor.userId;
  const utcToday = now.toISOString().slice(0, 10);
  // Next week starts after today wherever the athlete lives, and within eight days of UTC's today.
  const listed = await rosterAthletes(tx, org.id, {
    coachUserId,
    digestsFrom: digestsFrom(now, ROSTER_WEEKS),
    plansFrom: addDays(utcToday, -1),
    plansTo: addDays(utcToday, 8),
  });
  const athletes = listed.filter((a) =>
    can(actor, {
      type: "athlete.coach",
      athlete: { athleteId: a.athleteId, coachUserIds: a.coaches.map((c) => c.userId) },
    }),
  );
  const ids = athletes.map((a) => a.athleteId);
  // Wide enough for any athlete's current week and last check-ins, whatever their time zone.
  const [weeks, races, excusedByAthlete, checkinsByAthlete] = await Promise.all([
    recentWeekDigests(tx, org, athletes, { weekCount: ROSTER_WEEKS, now, writeCache }),
    // Today is within a day of UTC's wherever the athlete lives.
    racesOfAthletesBetween(tx, org.id, ids, addDays(utcToday, -1), addDays(utcToday, RACE_TAG_HORIZON_DAYS + 1)),
    excusedBetween(tx, org.id, ids, addDays(utcToday, -8), addDays(utcToday, 1)),
    checkinsBetween(tx, org.id, ids, addDays(utcToday, -WELLNESS_RUN_DAYS - 1), addDays(utcToday, 1)),
  ]);
  const rows = athletes.flatMap((a) => {
    const w = weeks.get(a.athleteId);
    if (!w) return [];
    const summary = summariseWeeks(w.weeks);
    const notes = [
      excusedTag(excusedByAthlete.get(a.athleteId) ?? [], { weekStart: summary.thisWeek.weekStart, today: w.today }),
      wellnessTag(checkinsByAthlete.get(a.athleteId) ?? [], w.today),
    ].filter((note) => note !== null);
    const nextStart = addDays(summary.thisWeek.weekStart, 7);
    const nextWeek: PlanStatus = a.plannedWeeks.find((p) => p.weekStart === nextStart)?.status ?? "none";
    return [
      {
        athleteId: a.athleteId,
        displayName: a.displayName,
        coaches: a.coaches.map((c) => c.name),
        lastRunOn: a.lastRunOn,
        today: w.today,
        basis: w.settings.basis,
        bands: w.settings.bands,
        ...summary,
        nextWeek,
        urgency: urgencyOf({ ...summary, nextWeek }),
        tags: rosterTags(summary.flags, nextWeek),
        /** "A race in 3 weeks": the next race within twelve weeks, if any. */
        race: nextRaceTag(races.get(a.athleteId) ?? [], w.today),
        phaseName: w.phaseName,
        notes,
      },
    ];
  });
  return rows.sort(byUrgency);
}

export type RosterRow = Awaited<ReturnType<typeof rosterFor>>[number];
