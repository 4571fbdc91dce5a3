import { can, type Actor } from "~/domain/authz/policy";
import { byAttention, summariseAthlete } from "~/domain/training/roster";
import { listAthletes } from "~/server/data/athletes";
import type { Tx } from "~/server/db/connection";
import { evaluateRecentWeeks } from "./recent-weeks";

/** The current week and the four before it. */
export const ROSTER_WEEKS = 5;

/**
 * Every athlete the caller coaches (all of them for owners) with their recent weeks read by the rules
 * engine, most in need of attention first. A constant number of queries whatever the roster's size:
 * two for the athletes (with their coaches and last run), three for their weeks.
 * Weeks are judged on published plans only: a draft was never asked of the athlete.
 */
export async function rosterFor(tx: Tx, org: { id: string; trainingSettings: unknown }, actor: Actor, now: Date) {
  const listed = can(actor, { type: "organisation.viewAllAthletes" })
    ? await listAthletes(tx, org.id)
    : await listAthletes(tx, org.id, { coachUserId: actor.userId });
  const athletes = listed.filter((a) =>
    can(actor, { type: "athlete.coach", athlete: { athleteId: a.athleteId, coachUserIds: a.coaches.map((c) => c.userId) } }),
  );
  const weeks = await evaluateRecentWeeks(tx, org, athletes.map((a) => a.athleteId), { weekCount: ROSTER_WEEKS, now, publishedOnly: true });
  const rows = athletes.flatMap((a) => {
    const w = weeks.get(a.athleteId);
    if (!w) return [];
    const summary = summariseAthlete({ weekStarts: w.weekStarts, evaluations: w.evaluations, planned: w.planned, runs: w.runs });
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
      },
    ];
  });
  return rows.sort(byAttention);
}

export type RosterRow = Awaited<ReturnType<typeof rosterFor>>[number];
