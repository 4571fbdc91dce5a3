import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, gte, inArray, lte, notInArray, sql } from "drizzle-orm";
import { addDays } from "~/domain/rules";
import type { Tx } from "~/server/db/connection";
import { plannedSessions, plannedWeeks } from "~/server/db/schema";
import { excluded } from "~/server/db/upsert";
import type { StoredSession } from "~/domain/training/week-plan";
import type { WorkoutStructure } from "~/domain/training/workout-structure";
import type { PlannedRow } from "~/domain/training/week-input";
import { groupBy } from "~/lib/group-by";
import { now } from "~/lib/clock";

const weekColumns = {
  id: plannedWeeks.id,
  athleteId: plannedWeeks.athleteId,
  weekStart: plannedWeeks.weekStart,
  status: plannedWeeks.status,
  version: plannedWeeks.version,
  publishedAt: plannedWeeks.publishedAt,
  updatedAt: plannedWeeks.updatedAt,
};

export type WeekStatus = "draft" | "published";
export type WeekRow = NonNullable<Awaited<ReturnType<typeof findWeek>>>;

export async function findWeek(tx: Tx, orgId: string, athleteId: string, weekStart: string) {
  const [row] = await tx
    .select(weekColumns)
    .from(plannedWeeks)
    .where(
      and(eq(plannedWeeks.orgId, orgId), eq(plannedWeeks.athleteId, athleteId), eq(plannedWeeks.weekStart, weekStart)),
    );
  return row ?? null;
}

/** Several athletes' weeks at several week starts. One query. */
export async function findWeeks(tx: Tx, orgId: string, athleteIds: string[], weekStarts: string[]) {
  if (athleteIds.length === 0 || weekStarts.length === 0) return [];
  return tx
    .select(weekColumns)
    .from(plannedWeeks)
    .where(
      and(
        eq(plannedWeeks.orgId, orgId),
        inArray(plannedWeeks.athleteId, athleteIds),
        inArray(plannedWeeks.weekStart, weekStarts),
      ),
    );
}

// Stamped by the app's clock (not the database's), so a test run at a fixed instant sees consistent weeks.
const publishedAtFor = (status: WeekStatus) => (status === "published" ? now() : null);

/** Creates a week; null when one already exists for that athlete and week start (someone was faster). */
export async function insertWeek(
  tx: Tx,
  orgId: string,
  week: { athleteId: string; weekStart: string; status: WeekStatus; updatedBy: string },
) {
  const [row] = await tx
    .insert(plannedWeeks)
    .values({ orgId, ...week, publishedAt: publishedAtFor(week.status) })
    .onConflictDoNothing({ target: [plannedWeeks.orgId, plannedWeeks.athleteId, plannedWeeks.weekStart] })
    .returning(weekColumns);
  return row ?? null;
}

/**
 * Optimistic locking: updates the week only if it is still at `version`, and bumps the version.
 * Null when someone else saved in between (nothing was changed).
 */
export async function updateWeekAtVersion(
  tx: Tx,
  orgId: string,
  week: { athleteId: string; weekStart: string; version: number },
  change: { status: WeekStatus; updatedBy: string },
) {
  const [row] = await tx
    .update(plannedWeeks)
    .set({
      status: change.status,
      version: sql`${plannedWeeks.version} + 1`,
      publishedAt: publishedAtFor(change.status),
      updatedBy: change.updatedBy,
      updatedAt: now(),
    })
    .where(
      and(
        eq(plannedWeeks.orgId, orgId),
        eq(plannedWeeks.athleteId, week.athleteId),
        eq(plannedWeeks.weekStart, week.weekStart),
        eq(plannedWeeks.version, week.version),
      ),
    )
    .returning(weekColumns);
  return row ?? null;
}

export const sessionColumns = {
  id: plannedSessions.id,
  date: plannedSessions.date,
  kind: plannedSessions.kind,
  durationMin: plannedSessions.durationMin,
  distanceM: plannedSessions.distanceM,
  targetRpe: plannedSessions.targetRpe,
  description: plannedSessions.description,
  /** jsonb: read it with readWorkoutStructure. */
  structure: plannedSessions.structure,
  position: plannedSessions.position,
};

export interface SessionValues extends Omit<StoredSession, "id" | "structure"> {
  structure: WorkoutStructure | null;
  /** A session this week already has, kept under its id so runs stay linked to it. */
  id?: string;
  position: number;
}

/**
 * Makes the week's sessions exactly `sessions`: removes the others, updates kept ones in place and
 * adds new ones. Two queries. Ids not already in this week are treated as new sessions, so a session
 * of another week can never be taken over.
 */
export async function replaceWeekSessions(
  tx: Tx,
  orgId: string,
  week: { id: string; athleteId: string },
  sessions: SessionValues[],
) {
  const existing = await tx
    .select({ id: plannedSessions.id })
    .from(plannedSessions)
    .where(and(eq(plannedSessions.orgId, orgId), eq(plannedSessions.weekId, week.id)));
  const own = new Set(existing.map((s) => s.id));
  // An id named twice keeps only its first session (one row cannot be upserted twice in one statement).
  const claim = (id: string | undefined) => (id && own.delete(id) ? id : randomUUID());
  const rows = sessions.map(({ id, ...values }) => ({
    ...values,
    id: claim(id),
    orgId,
    weekId: week.id,
    athleteId: week.athleteId,
  }));
  const kept = rows.map((r) => r.id);
  await tx
    .delete(plannedSessions)
    .where(
      and(
        eq(plannedSessions.orgId, orgId),
        eq(plannedSessions.weekId, week.id),
        kept.length ? notInArray(plannedSessions.id, kept) : undefined,
      ),
    );
  if (rows.length === 0) return [];
  return tx
    .insert(plannedSessions)
    .values(rows)
    .onConflictDoUpdate({
      target: [plannedSessions.orgId, plannedSessions.id],
      set: excluded(plannedSessions, [
        "date",
        "kind",
        "durationMin",
        "distanceM",
        "targetRpe",
        "description",
        "structure",
        "position",
      ]),
      // Only ever a row of this week (ids were checked above; this makes it hold in SQL too).
      setWhere: and(eq(plannedSessions.weekId, week.id), eq(plannedSessions.orgId, orgId)),
    })
    .returning(sessionColumns);
}

/**
 * Creates or resets several draft weeks at once (a template applied to many athletes): existing weeks
 * go back to draft with a new version, so an editor still open on one of them gets a conflict. One query.
 */
export async function upsertDraftWeeks(
  tx: Tx,
  orgId: string,
  weeks: Array<{ athleteId: string; weekStart: string }>,
  updatedBy: string,
) {
  if (weeks.length === 0) return [];
  return tx
    .insert(plannedWeeks)
    .values(weeks.map((w) => ({ orgId, ...w, status: "draft" as const, updatedBy })))
    .onConflictDoUpdate({
      target: [plannedWeeks.orgId, plannedWeeks.athleteId, plannedWeeks.weekStart],
      set: {
        status: "draft",
        version: sql`${plannedWeeks.version} + 1`,
        publishedAt: null,
        updatedBy,
        updatedAt: now(),
      },
    })
    .returning(weekColumns);
}

/** Deletes every session of the given weeks. One query. */
export async function deleteSessionsOfWeeks(tx: Tx, orgId: string, weekIds: string[]) {
  if (weekIds.length === 0) return;
  await tx
    .delete(plannedSessions)
    .where(and(eq(plannedSessions.orgId, orgId), inArray(plannedSessions.weekId, weekIds)));
}

/** Rows per INSERT: well under PostgreSQL's 65,535 bound parameters (11 per row). */
const INSERT_CHUNK = 2000;

export async function insertSessions(
  tx: Tx,
  orgId: string,
  rows: Array<Omit<SessionValues, "id"> & { weekId: string; athleteId: string }>,
) {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx.insert(plannedSessions).values(rows.slice(i, i + INSERT_CHUNK).map((r) => ({ ...r, orgId })));
  }
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
        structure: unknown;
        position: number;
        weekStatus: "draft" | "published";
      }
    >
  >;
}

/**
 * Bumps a week's version if it is still at `version`, keeping its status (a published week stays
 * published, as "Save and keep published" in the week builder). The calendar's moves and copies lock
 * each week they touch this way. Null when someone else saved it in between.
 */
export async function bumpWeekAtVersion(
  tx: Tx,
  orgId: string,
  week: { athleteId: string; weekStart: string; version: number },
  updatedBy: string,
) {
  const [row] = await tx
    .update(plannedWeeks)
    .set({ version: sql`${plannedWeeks.version} + 1`, updatedBy, updatedAt: now() })
    .where(
      and(
        eq(plannedWeeks.orgId, orgId),
        eq(plannedWeeks.athleteId, week.athleteId),
        eq(plannedWeeks.weekStart, week.weekStart),
        eq(plannedWeeks.version, week.version),
      ),
    )
    .returning(weekColumns);
  return row ?? null;
}

/**
 * Whole planned-session rows (every column, whatever columns the table gains) of one athlete,
 * between two dates or by id. The calendar copies rows generically from these. One query.
 */
export async function sessionRows(
  tx: Tx,
  orgId: string,
  athleteId: string,
  where: { from: string; to: string } | { ids: string[] },
) {
  if ("ids" in where && where.ids.length === 0) return [];
  return tx
    .select()
    .from(plannedSessions)
    .where(
      and(
        eq(plannedSessions.orgId, orgId),
        eq(plannedSessions.athleteId, athleteId),
        ...("ids" in where
          ? [inArray(plannedSessions.id, where.ids)]
          : [gte(plannedSessions.date, where.from), lte(plannedSessions.date, where.to)]),
      ),
    )
    .orderBy(asc(plannedSessions.date), asc(plannedSessions.position));
}

export type SessionRow = typeof plannedSessions.$inferSelect;

/** Puts one session on another day (and week) of its athlete. */
export async function moveSessionRow(
  tx: Tx,
  orgId: string,
  session: { id: string; athleteId: string; weekId: string; date: string; position: number },
) {
  await tx
    .update(plannedSessions)
    .set({ weekId: session.weekId, date: session.date, position: session.position })
    .where(
      and(
        eq(plannedSessions.orgId, orgId),
        eq(plannedSessions.athleteId, session.athleteId),
        eq(plannedSessions.id, session.id),
      ),
    );
}

/** Inserts whole session rows (copies: every column, as read by `sessionRows`). */
export async function insertSessionRows(tx: Tx, orgId: string, rows: Array<typeof plannedSessions.$inferInsert>) {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx.insert(plannedSessions).values(rows.slice(i, i + INSERT_CHUNK).map((r) => ({ ...r, orgId })));
  }
}

/** Deletes some sessions of one athlete. One query. */
export async function deleteSessionsById(tx: Tx, orgId: string, athleteId: string, ids: string[]) {
  if (ids.length === 0) return;
  await tx
    .delete(plannedSessions)
    .where(
      and(eq(plannedSessions.orgId, orgId), eq(plannedSessions.athleteId, athleteId), inArray(plannedSessions.id, ids)),
    );
}

/** How far back a missed session is still news (a scheduler that was down a few days catches up). */
export const MISSED_LOOKBACK_DAYS = 7;

/**
 * Sessions of published weeks whose day has ended in the athlete's own time zone (within the last
 * `MISSED_LOOKBACK_DAYS` days) with no run for them: none linked to the session and none logged that
 * day. With the athlete and who coaches them, and the organisation's address for links. One query.
 * The queue's hourly sweep runs it once per organisation, in that organisation's context.
 */
export async function missedSessions(tx: Tx, options: { now: Date; orgId: string }) {
  const at = options.now.toISOString();
  return tx.execute<{
    orgId: string;
    orgSlug: string;
    sessionId: string;
    date: string;
    kind: string;
    weekStart: string;
    athleteId: string;
    athleteUserId: string;
    athleteName: string;
    coachUserIds: string[];
  }>(sql`
    select ps.org_id as "orgId", o.slug as "orgSlug", ps.id as "sessionId", ps.date::text as "date",
      ps.kind::text as "kind", pw.week_start::text as "weekStart", a.id as "athleteId",
      a.user_id as "athleteUserId", a.display_name as "athleteName",
      coalesce((select array_agg(ca.coach_user_id) from coach_assignments ca
        where ca.org_id = a.org_id and ca.athlete_id = a.id), '{}') as "coachUserIds"
    from planned_sessions ps
    join planned_weeks pw on pw.org_id = ps.org_id and pw.id = ps.week_id and pw.status = 'published'
    join athletes a on a.org_id = ps.org_id and a.id = ps.athlete_id
    join users u on u.id = a.user_id
    join organizations o on o.id = ps.org_id
    where ps.date < (${at}::timestamptz at time zone u.time_zone)::date
      and ps.date >= (${at}::timestamptz at time zone u.time_zone)::date - ${MISSED_LOOKBACK_DAYS}::int
      and not exists (select 1 from runs r where r.org_id = ps.org_id and r.athlete_id = ps.athlete_id
        and (r.planned_session_id = ps.id or r.local_date = ps.date))
      and not exists (select 1 from excused_days e where e.org_id = ps.org_id and e.athlete_id = ps.athlete_id
        and e.date = ps.date)
      and ps.org_id = ${options.orgId}
    order by ps.org_id, ps.date, ps.id`);
}

/**
 * One planned session with what a download or a comparison needs: its athlete, day, kind, steps
 * (jsonb: read with readWorkoutStructure) and whether its week is published.
 */
export async function findPlannedWorkout(tx: Tx, orgId: string, sessionId: string) {
  const [row] = await tx
    .select({
      id: plannedSessions.id,
      athleteId: plannedSessions.athleteId,
      date: plannedSessions.date,
      kind: plannedSessions.kind,
      structure: plannedSessions.structure,
      weekStatus: plannedWeeks.status,
    })
    .from(plannedSessions)
    .innerJoin(
      plannedWeeks,
      and(eq(plannedWeeks.orgId, plannedSessions.orgId), eq(plannedWeeks.id, plannedSessions.weekId)),
    )
    .where(and(eq(plannedSessions.orgId, orgId), eq(plannedSessions.id, sessionId)));
  return row ?? null;
}
