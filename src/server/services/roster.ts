import "server-only";
import { can, type Actor } from "~/domain/authz/policy";
import { addDays } from "~/domain/rules";
import { summariseWeeks } from "~/domain/training/roster";
import { byUrgency, rosterTags, urgencyOf, type PlanStatus } from "~/domain/training/roster-line";
import { rosterAthletes } from "~/server/data/roster";
import type { Tx } from "~/server/db/connection";
import { digestsFrom, recentWeekDigests } from "./week-digests";
import { nextRaceTag, RACE_TAG_HORIZON_DAYS } from "~/domain/training/season";
import { racesOfAthletesBetween } from "~/server/data/season";

/** The current week and the four before it. */
export const ROSTER_WEEKS = 5;

/**
 * Every athlete the caller coaches (all of them for owners) with their recent weeks read by the rules
 * engine, most urgent first. A constant number of queries whatever the roster's size:
 * one for the athletes with everything known about them and their cached week digests, three more
 * only when some weeks must be evaluated afresh (see week-digests.ts).
 * Weeks are judged on published plans only: a draft was never asked of the athlete. Next week's plan
 * status (none, draft, published) and the line's urgency and tags come with each row.
 */
export async function rosterFor(
  tx: Tx,
  org: { id: string; trainingSettings: unknown; trainingVersion: number },
  actor: Actor,
  now: Date,
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
  const [weeks, races] = await Promise.all([
    recentWeekDigests(tx, org, athletes, { weekCount: ROSTER_WEEKS, now }),
    // Today is within a day of UTC's wherever the athlete lives.
    racesOfAthletesBetween(
      tx,
      org.id,
      athletes.map((a) => a.athleteId),
      addDays(utcToday, -1),
      addDays(utcToday, RACE_TAG_HORIZON_DAYS + 1),
    ),
  ]);
  const rows = athletes.flatMap((a) => {
    const w = weeks.get(a.athleteId);
    if (!w) return [];
    const summary = summariseWeeks(w.weeks);
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
      },
    ];
  });
  return rows.sort(byUrgency);
}

export type RosterRow = Awaited<ReturnType<typeof rosterFor>>[number];
