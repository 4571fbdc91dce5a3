import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { WeekDigest } from "~/domain/training/roster";
import type { Tx } from "~/server/db/connection";
import { athletes, coachAssignments, organizations, runs, users, weekDigests } from "~/server/db/schema";

export interface CachedWeekDigest {
  weekStart: string;
  asOf: string | null;
  digest: WeekDigest;
}

/**
 * The roster's read model, in one query whatever the number of athletes: every athlete of the
 * organisation (or those `coachUserId` coaches), with their coaches, their last run, what evaluating
 * their weeks needs (time zone, week start, settings, training version), and their cached week
 * digests since `digestsFrom` that are still current (computed from today's training versions).
 */
export async function rosterAthletes(tx: Tx, orgId: string, filter: { coachUserId?: string; digestsFrom: string }) {
  const lastRun = tx
    .select({ localDate: runs.localDate })
    .from(runs)
    .where(and(eq(runs.orgId, athletes.orgId), eq(runs.athleteId, athletes.id)))
    .orderBy(desc(runs.localDate))
    .limit(1);
  const coaches = sql<Array<{ userId: string; name: string }>>`(
    select coalesce(json_agg(json_build_object('userId', ca.coach_user_id, 'name', u.name) order by u.name), '[]'::json)
    from ${coachAssignments} ca join ${users} u on u.id = ca.coach_user_id
    where ca.org_id = ${athletes.orgId} and ca.athlete_id = ${athletes.id})`;
  const digests = sql<CachedWeekDigest[]>`(
    select coalesce(json_agg(json_build_object('weekStart', d.week_start, 'asOf', d.as_of, 'digest', d.digest)), '[]'::json)
    from ${weekDigests} d join ${organizations} o on o.id = d.org_id and o.training_version = d.org_version
    where d.org_id = ${athletes.orgId} and d.athlete_id = ${athletes.id} and d.athlete_version = ${athletes.trainingVersion}
      and d.week_start >= ${filter.digestsFrom})`;
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
      trainingSettings: athletes.trainingSettings,
      trainingVersion: athletes.trainingVersion,
      joinedAt: athletes.createdAt,
      timeZone: users.timeZone,
      weekStartDay: users.weekStartDay,
      lastRunOn: sql<string | null>`(${lastRun})`,
      coaches,
      digests,
    })
    .from(athletes)
    .innerJoin(users, eq(users.id, athletes.userId))
    .where(and(eq(athletes.orgId, orgId), coached ? inArray(athletes.id, coached) : undefined))
    .orderBy(asc(athletes.displayName));
  return rows.map((r) => ({ ...r, lastRunOn: r.lastRunOn ?? null }));
}

export type RosterAthlete = Awaited<ReturnType<typeof rosterAthletes>>[number];

export interface NewWeekDigest extends CachedWeekDigest {
  athleteId: string;
  athleteVersion: number;
  orgVersion: number;
}

/**
 * Stores freshly computed digests over older ones. Rows go in key order, so two requests storing
 * overlapping sets cannot deadlock; a digest from an older version never replaces a newer one.
 */
export async function storeWeekDigests(tx: Tx, orgId: string, digests: NewWeekDigest[]): Promise<void> {
  if (digests.length === 0) return;
  const sorted = [...digests].sort((a, b) => a.athleteId.localeCompare(b.athleteId) || a.weekStart.localeCompare(b.weekStart));
  await tx
    .insert(weekDigests)
    .values(sorted.map((d) => ({ orgId, ...d })))
    .onConflictDoUpdate({
      target: [weekDigests.orgId, weekDigests.athleteId, weekDigests.weekStart],
      set: {
        asOf: sql`excluded.as_of`,
        athleteVersion: sql`excluded.athlete_version`,
        orgVersion: sql`excluded.org_version`,
        digest: sql`excluded.digest`,
        computedAt: sql`excluded.computed_at`,
      },
      setWhere: sql`${weekDigests.athleteVersion} <= excluded.athlete_version and ${weekDigests.orgVersion} <= excluded.org_version`,
    });
}
