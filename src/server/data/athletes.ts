import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "~/server/db/connection";
import { athletes, coachAssignments, runs, users } from "~/server/db/schema";
import { decodeJsonRow } from "./json-rows";

/**
 * An athlete's last run date, as a column of a query over `athletes`: one step down
 * runs_athlete_date_idx per athlete (a correlated `order by … limit 1`) rather than an aggregate over
 * every run they ever logged, which at two years of runs was most of the roster's database time.
 */
export function lastRunOnColumn(tx: Tx) {
  const lastRun = tx
    .select({ localDate: runs.localDate })
    .from(runs)
    .where(and(eq(runs.orgId, athletes.orgId), eq(runs.athleteId, athletes.id)))
    .orderBy(desc(runs.localDate))
    .limit(1);
  return sql<string | null>`(${lastRun})`;
}

/** An athlete's coaches (by name), as a column of a query over `athletes`. */
export function coachesColumn(tx: Tx) {
  const coaches = tx
    .select({
      list: sql`coalesce(json_agg(json_build_object('userId', ${coachAssignments.coachUserId}, 'name', ${users.name}) order by ${users.name}), '[]'::json)`,
    })
    .from(coachAssignments)
    .innerJoin(users, eq(users.id, coachAssignments.coachUserId))
    .where(and(eq(coachAssignments.orgId, athletes.orgId), eq(coachAssignments.athleteId, athletes.id)));
  // A builder, not a hand-written fragment: Drizzle then names every column with its table, so the
  // athlete's columns cannot be taken for coach_assignments' own `id` or `org_id`.
  return sql<Array<{ userId: string; name: string }>>`(${coaches})`;
}

/** The ids of the athletes a coach looks after, as a subquery. */
export function coachedBy(tx: Tx, orgId: string, coachUserId: string) {
  return tx
    .select({ id: coachAssignments.athleteId })
    .from(coachAssignments)
    .where(and(eq(coachAssignments.orgId, orgId), eq(coachAssignments.coachUserId, coachUserId)));
}

/**
 * Athlete profiles with their coaches' names and their last run: all of an organisation's, or only
 * those coached by `coachUserId`, or only `athleteId`. One query whatever the number of athletes.
 */
export async function listAthletes(tx: Tx, orgId: string, filter: { coachUserId?: string; athleteId?: string } = {}) {
  const rows = await tx
    .select({
      athleteId: athletes.id,
      userId: athletes.userId,
      displayName: athletes.displayName,
      lastRunOn: lastRunOnColumn(tx),
      coaches: coachesColumn(tx),
    })
    .from(athletes)
    .where(
      and(
        eq(athletes.orgId, orgId),
        filter.coachUserId ? inArray(athletes.id, coachedBy(tx, orgId, filter.coachUserId)) : undefined,
        filter.athleteId ? eq(athletes.id, filter.athleteId) : undefined,
      ),
    )
    .orderBy(athletes.displayName);
  return rows.map((r) => ({ ...r, lastRunOn: r.lastRunOn ?? null }));
}

export async function setRecentRace(
  tx: Tx,
  orgId: string,
  athleteId: string,
  race: { distanceM: number; timeS: number } | null,
) {
  await tx
    .update(athletes)
    .set({ raceDistanceM: race?.distanceM ?? null, raceTimeS: race?.timeS ?? null })
    .where(and(eq(athletes.orgId, orgId), eq(athletes.id, athleteId)));
}

/**
 * What evaluating an athlete's weeks needs to know about them, and who coaches them (so the same row
 * answers the policy's questions): the columns of `athletes` joined with their `users` row.
 */
function athleteContextColumns(tx: Tx) {
  const coachUserIds = tx
    .select({ ids: sql`coalesce(array_agg(${coachAssignments.coachUserId}), '{}')` })
    .from(coachAssignments)
    .where(and(eq(coachAssignments.orgId, athletes.orgId), eq(coachAssignments.athleteId, athletes.id)));
  return {
    athleteId: athletes.id,
    userId: athletes.userId,
    displayName: athletes.displayName,
    trainingSettings: athletes.trainingSettings,
    raceDistanceM: athletes.raceDistanceM,
    raceTimeS: athletes.raceTimeS,
    joinedAt: athletes.createdAt,
    trainingVersion: athletes.trainingVersion,
    coachUserIds: sql<string[]>`(${coachUserIds})`,
    timeZone: users.timeZone,
    weekStartDay: users.weekStartDay,
    units: users.units,
  };
}

/** The athletes' contexts (see athleteContextColumns). One query for any number of athletes. */
export async function athleteContexts(tx: Tx, orgId: string, athleteIds: string[]) {
  if (athleteIds.length === 0) return [];
  return tx
    .select(athleteContextColumns(tx))
    .from(athletes)
    .innerJoin(users, eq(users.id, athletes.userId))
    .where(and(eq(athletes.orgId, orgId), inArray(athletes.id, athleteIds)));
}

/**
 * An athlete's context read as json by a larger statement (app.run_log_basis, the run log's one
 * read), decoded into the shape athleteContexts returns: the same fields, each column's own decoder.
 */
export function decodeAthleteContext(value: Record<string, unknown> | null): AthleteContext | null {
  return value === null ? null : decodeJsonRow<AthleteContext>(athleteContextFields, value);
}

/** athleteContextColumns' fields and their columns (the coaches' ids, an expression, are read as they are). */
const athleteContextFields = {
  athleteId: athletes.id,
  userId: athletes.userId,
  displayName: athletes.displayName,
  trainingSettings: athletes.trainingSettings,
  raceDistanceM: athletes.raceDistanceM,
  raceTimeS: athletes.raceTimeS,
  joinedAt: athletes.createdAt,
  trainingVersion: athletes.trainingVersion,
  coachUserIds: sql`coach_user_ids`,
  timeZone: users.timeZone,
  weekStartDay: users.weekStartDay,
  units: users.units,
};

export type AthleteContext = Awaited<ReturnType<typeof athleteContexts>>[number];

/** Stores an athlete's training settings override (validated by the caller). */
export async function updateAthleteTrainingSettings(tx: Tx, orgId: string, athleteId: string, settings: unknown) {
  await tx
    .update(athletes)
    .set({ trainingSettings: settings })
    .where(and(eq(athletes.orgId, orgId), eq(athletes.id, athleteId)));
}

/** Every athlete's own override, to check a new organisation default against them. One query. */
export async function athleteSettingsOverrides(tx: Tx, orgId: string) {
  return tx
    .select({ athleteId: athletes.id, displayName: athletes.displayName, trainingSettings: athletes.trainingSettings })
    .from(athletes)
    .where(eq(athletes.orgId, orgId));
}
