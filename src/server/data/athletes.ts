import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "~/server/db/connection";
import { athletes, coachAssignments, runs, users } from "~/server/db/schema";

/**
 * Athlete profiles with their coaches' names and their last run: all of an organisation's, or only
 * those coached by `coachUserId`, or only `athleteId`. Two queries whatever the number of athletes.
 * The last run is one step down runs_athlete_date_idx per athlete (a correlated `order by … limit 1`)
 * rather than an aggregate over every run the athletes ever logged, which at two years of runs was
 * most of the roster's database time.
 */
export async function listAthletes(tx: Tx, orgId: string, filter: { coachUserId?: string; athleteId?: string } = {}) {
  const lastRun = tx
    .select({ localDate: runs.localDate })
    .from(runs)
    .where(and(eq(runs.orgId, athletes.orgId), eq(runs.athleteId, athletes.id)))
    .orderBy(desc(runs.localDate))
    .limit(1);
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
      lastRunOn: sql<string | null>`(${lastRun})`,
    })
    .from(athletes)
    .where(
      and(
        eq(athletes.orgId, orgId),
        coached ? inArray(athletes.id, coached) : undefined,
        filter.athleteId ? eq(athletes.id, filter.athleteId) : undefined,
      ),
    )
    .orderBy(athletes.displayName);
  const coaches = rows.length
    ? await tx
        .select({ athleteId: coachAssignments.athleteId, coachUserId: coachAssignments.coachUserId, name: users.name })
        .from(coachAssignments)
        .innerJoin(users, eq(users.id, coachAssignments.coachUserId))
        .where(and(eq(coachAssignments.orgId, orgId), inArray(coachAssignments.athleteId, rows.map((r) => r.athleteId))))
    : [];
  return rows.map((r) => ({
    ...r,
    lastRunOn: r.lastRunOn ?? null,
    coaches: coaches.filter((c) => c.athleteId === r.athleteId).map((c) => ({ userId: c.coachUserId, name: c.name })),
  }));
}

export async function setRecentRace(tx: Tx, orgId: string, athleteId: string, race: { distanceM: number; timeS: number } | null) {
  await tx
    .update(athletes)
    .set({ raceDistanceM: race?.distanceM ?? null, raceTimeS: race?.timeS ?? null })
    .where(and(eq(athletes.orgId, orgId), eq(athletes.id, athleteId)));
}
