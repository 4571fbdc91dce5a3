import { and, eq, inArray, max, sql } from "drizzle-orm";
import type { Tx } from "~/server/db/connection";
import { athletes, coachAssignments, runs, users } from "~/server/db/schema";

/**
 * Athlete profiles with their coaches' names and their last run: all of an organisation's, or only
 * those coached by `coachUserId`, or only `athleteId`. A constant number of queries.
 */
export async function listAthletes(tx: Tx, orgId: string, filter: { coachUserId?: string; athleteId?: string } = {}) {
  const coached = filter.coachUserId
    ? tx
        .select({ id: coachAssignments.athleteId })
        .from(coachAssignments)
        .where(and(eq(coachAssignments.orgId, orgId), eq(coachAssignments.coachUserId, filter.coachUserId)))
    : undefined;
  const rows = await tx
    .select({
      athleteId: athletes.id,
      userId: athletes.userId,
      displayName: athletes.displayName,
      lastRunOn: max(runs.localDate),
    })
    .from(athletes)
    .leftJoin(runs, and(eq(runs.orgId, athletes.orgId), eq(runs.athleteId, athletes.id)))
    .where(
      and(
        eq(athletes.orgId, orgId),
        coached ? inArray(athletes.id, coached) : undefined,
        filter.athleteId ? eq(athletes.id, filter.athleteId) : undefined,
      ),
    )
    .groupBy(athletes.orgId, athletes.id)
    .orderBy(athletes.displayName);
  const coaches = await tx
    .select({ athleteId: coachAssignments.athleteId, coachUserId: coachAssignments.coachUserId, name: users.name })
    .from(coachAssignments)
    .innerJoin(users, eq(users.id, coachAssignments.coachUserId))
    .where(and(eq(coachAssignments.orgId, orgId), rows.length ? inArray(coachAssignments.athleteId, rows.map((r) => r.athleteId)) : sql`false`));
  return rows.map((r) => ({
    ...r,
    coaches: coaches.filter((c) => c.athleteId === r.athleteId).map((c) => ({ userId: c.coachUserId, name: c.name })),
  }));
}

export async function setRecentRace(tx: Tx, orgId: string, athleteId: string, race: { distanceM: number; timeS: number } | null) {
  await tx
    .update(athletes)
    .set({ raceDistanceM: race?.distanceM ?? null, raceTimeS: race?.timeS ?? null })
    .where(and(eq(athletes.orgId, orgId), eq(athletes.id, athleteId)));
}
