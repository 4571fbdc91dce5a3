import "server-only";
import { can, type Actor } from "~/domain/authz/policy";
import { byAttention, summariseWeeks } from "~/domain/training/roster";
import { rosterAthletes } from "~/server/data/roster";
import type { Tx } from "~/server/db/connection";
import { digestsFrom, recentWeekDigests } from "./week-digests";

/** The current week and the four before it. */
export const ROSTER_WEEKS = 5;

/**
 * Every athlete the caller coaches (all of them for owners) with their recent weeks read by the rules
 * engine, most in need of attention first. A constant number of queries whatever the roster's size:
 * one for the athletes with everything known about them and their cached week digests, three more
 * only when some weeks must be evaluated afresh (see week-digests.ts).
 * Weeks are judged on published plans only: a draft was never asked of the athlete.
 */
export async function rosterFor(
  tx: Tx,
  org: { id: string; trainingSettings: unknown; trainingVersion: number },
  actor: Actor,
  now: Date,
) {
  const coachUserId = can(actor, { type: "organisation.viewAllAthletes" }) ? undefined : actor.userId;
  const listed = await rosterAthletes(tx, org.id, { coachUserId, digestsFrom: digestsFrom(now, ROSTER_WEEKS) });
  const athletes = listed.filter((a) =>
    can(actor, {
      type: "athlete.coach",
      athlete: { athleteId: a.athleteId, coachUserIds: a.coaches.map((c) => c.userId) },
    }),
  );
  const weeks = await recentWeekDigests(tx, org, athletes, { weekCount: ROSTER_WEEKS, now });
  const rows = athletes.flatMap((a) => {
    const w = weeks.get(a.athleteId);
    if (!w) return [];
    const summary = summariseWeeks(w.weeks);
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
