import "server-only";
import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { WeekDigest } from "~/domain/training/roster";
import type { Tx } from "~/server/db/connection";
import { athletes, organizations, plannedWeeks, users, weekDigests } from "~/server/db/schema";
import { excluded } from "~/server/db/upsert";
import { coachedBy, coachesColumn, lastRunOnColumn } from "./athletes";

export interface CachedWeekDigest {
  weekStart: string;
  asOf: string | null;
  digest: WeekDigest;
}

/**
 * The roster's read model, in one query whatever the number of athletes: every athlete of the
 * organisation (or those `coachUserId` coaches), with their coaches, their last run, what evaluating
 * their weeks needs (time zone, week start, settings, training version), and their cached week
 * digests since `digestsFrom` that are still current (computed from today's training versions), and
 * the status of their planned weeks starting between `plansFrom` and `plansTo` (drafts included).
 */
export async function rosterAthletes(
  tx: Tx,
  orgId: string,
  filter: { coachUserId?: string; digestsFrom: string; plansFrom: string; plansTo: string },
) {
  const current = tx
    .select({
      list: sql`coalesce(json_agg(json_build_object('weekStart', ${weekDigests.weekStart}, 'asOf', ${weekDigests.asOf}, 'digest', ${weekDigests.digest})), '[]'::json)`,
    })
    .from(weekDigests)
    .innerJoin(
      organizations,
      and(eq(organizations.id, weekDigests.orgId), eq(organizations.trainingVersion, weekDigests.orgVersion)),
    )
    .where(
      and(
        eq(weekDigests.orgId, athletes.orgId),
        eq(weekDigests.athleteId, athletes.id),
        eq(weekDigests.athleteVersion, athletes.trainingVersion),
        gte(weekDigests.weekStart, filter.digestsFrom),
      ),
    );
  const plans = tx
    .select({
      list: sql`coalesce(json_agg(json_build_object('weekStart', ${plannedWeeks.weekStart}, 'status', ${plannedWeeks.status})), '[]'::json)`,
    })
    .from(plannedWeeks)
    .where(
      and(
        eq(plannedWeeks.orgId, athletes.orgId),
        eq(plannedWeeks.athleteId, athletes.id),
        gte(plannedWeeks.weekStart, filter.plansFrom),
        lte(plannedWeeks.weekStart, filter.plansTo),
      ),
    );
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
      lastRunOn: lastRunOnColumn(tx),
      coaches: coachesColumn(tx),
      digests: sql<CachedWeekDigest[]>`(${current})`,
      plannedWeeks: sql<Array<{ weekStart: string; status: "draft" | "published" }>>`(${plans})`,
    })
    .from(athletes)
    .innerJoin(users, eq(users.id, athletes.userId))
    .where(
      and(
        eq(athletes.orgId, orgId),
        filter.coachUserId ? inArray(athletes.id, coachedBy(tx, orgId, filter.coachUserId)) : undefined,
      ),
    )
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
  const sorted = [...digests].sort(
    (a, b) => a.athleteId.localeCompare(b.athleteId) || a.weekStart.localeCompare(b.weekStart),
  );
  await tx
    .insert(weekDigests)
    .values(sorted.map((d) => ({ orgId, ...d })))
    .onConflictDoUpdate({
      target: [weekDigests.orgId, weekDigests.athleteId, weekDigests.weekStart],
      set: excluded(weekDigests, ["asOf", "athleteVersion", "orgVersion", "digest", "computedAt"]),
      setWhere: sql`${weekDigests.athleteVersion} <= excluded.athlete_version and ${weekDigests.orgVersion} <= excluded.org_version`,
    });
}
