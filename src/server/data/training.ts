import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { addDays } from "~/domain/rules";
import type { Tx } from "~/server/db/connection";
import {
  athletes,
  coachAssignments,
  organizations,
  plannedSessions,
  plannedWeeks,
  runs,
  users,
} from "~/server/db/schema";
import type { PlannedRow, RunRow } from "~/domain/training/week-input";
import { sessionColumns } from "./weeks";

/**
 * What evaluating an athlete's weeks needs to know about them, and who coaches them (so the same row
 * answers the policy's questions). One query for any number of athletes.
 */
export async function athleteContexts(tx: Tx, orgId: string, athleteIds: string[]) {
  if (athleteIds.length === 0) return [];
  const coachUserIds = tx
    .select({ ids: sql`coalesce(array_agg(${coachAssignments.coachUserId}), '{}')` })
    .from(coachAssignments)
    .where(and(eq(coachAssignments.orgId, athletes.orgId), eq(coachAssignments.athleteId, athletes.id)));
  return tx
    .select({
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
    })
    .from(athletes)
    .innerJoin(users, eq(users.id, athletes.userId))
    .where(and(eq(athletes.orgId, orgId), inArray(athletes.id, athleteIds)));
}

export type AthleteContext = Awaited<ReturnType<typeof athleteContexts>>[number];

/** Runs of several athletes between two dates (inclusive), grouped by athlete. One query. */
export async function runsBetween(tx: Tx, orgId: string, athleteIds: string[], from: string, to: string) {
  const rows = athleteIds.length
    ? await tx
        .select({
          athleteId: runs.athleteId,
          id: runs.id,
          localDate: runs.localDate,
          kind: runs.kind,
          durationS: runs.durationS,
          distanceM: runs.distanceM,
          rpe: runs.rpe,
          plannedSessionId: runs.plannedSessionId,
          startedAt: runs.startedAt,
        })
        .from(runs)
        .where(
          and(
            eq(runs.orgId, orgId),
            inArray(runs.athleteId, athleteIds),
            gte(runs.localDate, from),
            lte(runs.localDate, to),
          ),
        )
        .orderBy(asc(runs.localDate), asc(runs.startedAt))
    : [];
  return groupBy(rows, (r) => r.athleteId) as Map<string, Array<RunRow & { athleteId: string; startedAt: Date }>>;
}

/**
 * Planned sessions of several athletes between two dates, grouped by athlete. Athletes only ever see
 * published weeks (`publishedOnly`); coaches also see drafts. One query.
 */
export async function plannedBetween(
  tx: Tx,
  orgId: string,
  athleteIds: string[],
  from: string,
  to: string,
  publishedOnly: boolean,
) {
  const rows = athleteIds.length
    ? await tx
        .select({
          athleteId: plannedSessions.athleteId,
          ...sessionColumns,
          weekStatus: plannedWeeks.status,
        })
        .from(plannedSessions)
        .innerJoin(
          plannedWeeks,
          and(eq(plannedWeeks.orgId, plannedSessions.orgId), eq(plannedWeeks.id, plannedSessions.weekId)),
        )
        .where(
          and(
            eq(plannedSessions.orgId, orgId),
            inArray(plannedSessions.athleteId, athleteIds),
            gte(plannedSessions.date, from),
            lte(plannedSessions.date, to),
            // Redundant (a session lies in its athlete's week), but it lets PostgreSQL read only these
            // athletes' weeks around the window instead of hashing every week of the organisation.
            inArray(plannedWeeks.athleteId, athleteIds),
            gte(plannedWeeks.weekStart, addDays(from, -6)),
            lte(plannedWeeks.weekStart, to),
            publishedOnly ? eq(plannedWeeks.status, "published") : undefined,
          ),
        )
        .orderBy(asc(plannedSessions.date), asc(plannedSessions.position))
    : [];
  return groupBy(rows, (r) => r.athleteId) as Map<
    string,
    Array<
      PlannedRow & {
        athleteId: string;
        targetRpe: number | null;
        description: string;
        position: number;
        weekStatus: "draft" | "published";
      }
    >
  >;
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** Stores an athlete's training settings override (validated by the caller). */
export async function updateAthleteTrainingSettings(tx: Tx, orgId: string, athleteId: string, settings: unknown) {
  await tx
    .update(athletes)
    .set({ trainingSettings: settings })
    .where(and(eq(athletes.orgId, orgId), eq(athletes.id, athleteId)));
}

/** Stores the organisation's default training settings (validated by the caller). */
export async function updateOrgTrainingSettings(tx: Tx, orgId: string, settings: unknown) {
  await tx.update(organizations).set({ trainingSettings: settings }).where(eq(organizations.id, orgId));
}

/** Every athlete's own override, to check a new organisation default against them. One query. */
export async function athleteSettingsOverrides(tx: Tx, orgId: string) {
  return tx
    .select({ athleteId: athletes.id, displayName: athletes.displayName, trainingSettings: athletes.trainingSettings })
    .from(athletes)
    .where(eq(athletes.orgId, orgId));
}
