import "server-only";
import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Tx } from "~/server/db/connection";
import { notifications, plannedSessions, plannedWeeks, runs } from "~/server/db/schema";
import type { StoredLap } from "~/server/db/schema";
import type { SessionKind } from "~/domain/rules";
import type { RunRow } from "~/domain/training/week-input";
import { groupBy } from "~/lib/group-by";
import { now } from "~/lib/clock";
import { addDays } from "~/domain/rules";
import { HISTORY_DAYS } from "~/domain/training/week-input";
import { decodeAthleteContext, type AthleteContext } from "./athletes";
import { columnRecordOf, decodeJsonRow } from "./json-rows";
import { jobPayload } from "./mail";
import { notificationRows, type NewNotification } from "./notifications";
import { excusedColumns, type ExcusedDayRecord } from "./season-days";
import { phaseColumns, type PhaseRow } from "./season";
import { plannedBetween, sessionColumns } from "./weeks";

export interface RunFields {
  startedAt: Date;
  localDate: string;
  kind: SessionKind;
  durationS: number;
  distanceM: number | null;
  rpe: number;
  notes: string;
  private: boolean;
  plannedSessionId: string | null;
}

const runColumns = {
  id: runs.id,
  athleteId: runs.athleteId,
  startedAt: runs.startedAt,
  localDate: runs.localDate,
  kind: runs.kind,
  durationS: runs.durationS,
  distanceM: runs.distanceM,
  rpe: runs.rpe,
  notes: runs.notes,
  private: runs.private,
  plannedSessionId: runs.plannedSessionId,
  source: runs.source,
};

export async function insertRun(
  tx: Tx,
  orgId: string,
  athleteId: string,
  createdBy: string,
  fields: RunFields,
  source: "manual" | "import" = "manual",
  laps: StoredLap[] | null = null,
) {
  const [row] = await tx
    .insert(runs)
    .values({ orgId, athleteId, createdBy, source, ...fields, laps })
    .returning(runColumns);
  return row!;
}

export async function findRun(tx: Tx, orgId: string, runId: string) {
  const [row] = await tx
    .select(runColumns)
    .from(runs)
    .where(and(eq(runs.orgId, orgId), eq(runs.id, runId)));
  return row ?? null;
}

/** An imported run's laps as the device recorded them; null for a logged run (or a run of another organisation). */
export async function findRunLaps(tx: Tx, orgId: string, runId: string): Promise<StoredLap[] | null> {
  const [row] = await tx
    .select({ laps: runs.laps })
    .from(runs)
    .where(and(eq(runs.orgId, orgId), eq(runs.id, runId)));
  return row?.laps ?? null;
}

export async function updateRun(tx: Tx, orgId: string, runId: string, fields: RunFields) {
  const [row] = await tx
    .update(runs)
    .set({ ...fields, updatedAt: now() })
    .where(and(eq(runs.orgId, orgId), eq(runs.id, runId)))
    .returning(runColumns);
  return row ?? null;
}

export async function deleteRun(tx: Tx, orgId: string, runId: string) {
  await tx.delete(runs).where(and(eq(runs.orgId, orgId), eq(runs.id, runId)));
}

/** All of an athlete's runs, newest first (history pages and the CSV export). */
export async function listRuns(tx: Tx, orgId: string, athleteId: string, range: { from?: string; to?: string } = {}) {
  return tx
    .select(runColumns)
    .from(runs)
    .where(
      and(
        eq(runs.orgId, orgId),
        eq(runs.athleteId, athleteId),
        range.from ? gte(runs.localDate, range.from) : undefined,
        range.to ? lte(runs.localDate, range.to) : undefined,
      ),
    )
    .orderBy(desc(runs.localDate), desc(runs.startedAt));
}

/** A planned session of this athlete, if it exists (a run may only name its own athlete's sessions). */
export async function findPlannedSession(tx: Tx, orgId: string, athleteId: string, id: string) {
  const [row] = await tx
    .select({ id: plannedSessions.id, date: plannedSessions.date, kind: plannedSessions.kind })
    .from(plannedSessions)
    .where(and(eq(plannedSessions.orgId, orgId), eq(plannedSessions.athleteId, athleteId), eq(plannedSessions.id, id)));
  return row ?? null;
}

type IdempotencyScope = { orgId: string; userId: string; key: string };
type EarlierRequest = { requestHash: string; response: unknown };

/** A used key's answer: the same request's stored response, or "mismatch" for a different request. */
export function earlierAnswer(
  earlier: EarlierRequest | null,
  requestHash: string,
): { status: "replay"; response: unknown } | { status: "mismatch" } {
  if (!earlier || earlier.requestHash !== requestHash) return { status: "mismatch" };
  return { status: "replay", response: earlier.response };
}

/** The rows judging one week of one athlete (evaluateWeekOf in services/recent-weeks.ts). */
export interface WeekRows {
  runs: Array<RunRow & { athleteId: string; startedAt: Date }>;
  planned: Awaited<ReturnType<typeof plannedBetween>> extends Map<string, Array<infer P>> ? P[] : never;
  phases: PhaseRow[];
  excused: ExcusedDayRecord[];
}

/** Inbox events with their ids and the mail job's payload (notificationBatch in services/notify.ts). */
export interface NotificationBatch {
  events: ReadonlyArray<NewNotification & { id: string }>;
  mailJob: Record<string, unknown>;
}

/** The columns of a run judging a week: runsBetween selects them, the run log's read returns them. */
const weekRunColumns = {
  athleteId: runs.athleteId,
  id: runs.id,
  localDate: runs.localDate,
  kind: runs.kind,
  durationS: runs.durationS,
  distanceM: runs.distanceM,
  rpe: runs.rpe,
  plannedSessionId: runs.plannedSessionId,
  startedAt: runs.startedAt,
};

const plannedWeekColumns = { athleteId: plannedSessions.athleteId, ...sessionColumns, weekStatus: plannedWeeks.status };

/**
 * Everything logging a run reads before it writes, in one statement (ADR 024): the athlete (their
 * context, as athleteContexts reads it, for the access check and the feedback), the answer already
 * given under the idempotency key, whether the planned session named is this athlete's, and the rows
 * judging the week of `date` (published plans), read over the widest window any week start needs
 * (evaluateWeekOf keeps the week's own). The SQL is app.run_log_basis (drizzle/0018), a function so
 * that PostgreSQL plans it once per connection; row-level security applies as to separate queries.
 */
export async function readRunLogBasis(
  tx: Tx,
  input: { scope: IdempotencyScope; athleteId: string; date: string; plannedSessionId: string | null },
): Promise<{
  athlete: AthleteContext | null;
  earlier: EarlierRequest | null;
  plannedSessionFound: boolean;
  week: WeekRows;
}> {
  const { scope, athleteId, date, plannedSessionId } = input;
  // Any week containing `date` starts within the 6 days before it; its runs are read from HISTORY_DAYS before.
  const from = addDays(date, -6);
  const to = addDays(date, 6);
  const [row] = await tx
    .select({ basis: sql<RunLogBasisJson>`basis` })
    .from(
      sql`app.run_log_basis(${scope.orgId}::uuid, ${scope.userId}::uuid, ${scope.key}::uuid, ${athleteId}::uuid,
        ${plannedSessionId}::uuid, ${addDays(from, -HISTORY_DAYS)}::date, ${from}::date, ${to}::date) as basis`,
    )
    // Prepared (per connection; off when the pool disables it): one round trip instead of two.
    .prepare("run_log_basis")
    .execute();
  const basis = row?.basis;
  if (!basis) throw new Error("the run log's basis returned no row");
  return {
    athlete: decodeAthleteContext(basis.athlete),
    earlier: basis.earlier,
    plannedSessionFound: basis.plannedSessionFound,
    week: {
      runs: basis.runs.map((r) => decodeJsonRow(weekRunColumns, r)),
      planned: basis.planned.map((p) => decodeJsonRow(plannedWeekColumns, p)),
      phases: basis.phases.map((p) => decodeJsonRow(phaseColumns, p)),
      excused: basis.excused.map((e) => decodeJsonRow(excusedColumns, e)),
    },
  };
}

interface RunLogBasisJson {
  athlete: Record<string, unknown> | null;
  earlier: EarlierRequest | null;
  plannedSessionFound: boolean;
  runs: Record<string, unknown>[];
  planned: Record<string, unknown>[];
  phases: Record<string, unknown>[];
  excused: Record<string, unknown>[];
}

/**
 * Saves a logged run in one statement (ADR 024): app.save_logged_run (drizzle/0018) claims the
 * idempotency key with the answer already in it and, only when the claim succeeds, inserts the run,
 * records the coaches' warnings and enqueues their mail (as notify does). When a concurrent request
 * with the same key took it first, nothing is written and its request's hash and answer come back.
 */
export async function saveLoggedRun(
  tx: Tx,
  input: {
    scope: IdempotencyScope;
    requestHash: string;
    response: unknown;
    run: { id: string; athleteId: string; createdBy: string; fields: RunFields };
    notifications: NotificationBatch | null;
  },
): Promise<{ saved: true } | { saved: false; earlier: EarlierRequest | null }> {
  const { scope, run } = input;
  const runRecord = columnRecordOf(runs, {
    orgId: scope.orgId,
    id: run.id,
    athleteId: run.athleteId,
    createdBy: run.createdBy,
    source: "manual",
    ...run.fields,
  });
  const batch = input.notifications;
  const notificationRecords = batch
    ? notificationRows(scope.orgId, batch.events).map((n) => columnRecordOf(notifications, n))
    : [];
  const [row] = await tx
    .select({ outcome: sql<{ saved: true } | { saved: false; earlier: EarlierRequest | null }>`outcome` })
    .from(
      sql`app.save_logged_run(${scope.orgId}::uuid, ${scope.userId}::uuid, ${scope.key}::uuid, ${input.requestHash}::text,
        ${JSON.stringify(input.response)}::jsonb, ${JSON.stringify(runRecord)}::jsonb,
        ${JSON.stringify(notificationRecords)}::jsonb, ${batch ? jobPayload(scope.orgId, batch.mailJob) : null}::jsonb) as outcome`,
    )
    .prepare("save_logged_run")
    .execute();
  if (!row) throw new Error("saving the logged run returned no row");
  return row.outcome;
}

/** Runs of several athletes between two dates (inclusive), grouped by athlete. One query. */
export async function runsBetween(tx: Tx, orgId: string, athleteIds: string[], from: string, to: string) {
  const rows = athleteIds.length
    ? await tx
        .select(weekRunColumns)
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
