import "server-only";
import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Tx } from "~/server/db/connection";
import { idempotencyKeys, plannedSessions, runs } from "~/server/db/schema";
import type { StoredLap } from "~/server/db/schema";
import type { SessionKind } from "~/domain/rules";
import type { RunRow } from "~/domain/training/week-input";
import { groupBy } from "~/lib/group-by";
import { now } from "~/lib/clock";

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

/**
 * Claims an idempotency key in the caller's transaction. "claimed": do the work, then `storeResponse`.
 * "replay": the same request was already answered; here is the answer. "mismatch": the key was used for
 * a different request. A concurrent duplicate waits on the first one's row lock and then replays it.
 */
export async function claimIdempotencyKey(
  tx: Tx,
  scope: { orgId: string; userId: string; key: string },
  requestHash: string,
): Promise<{ status: "claimed" } | { status: "replay"; response: unknown } | { status: "mismatch" }> {
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ ...scope, requestHash, response: sql`'null'::jsonb` })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return { status: "claimed" };
  const [existing] = await tx
    .select({ requestHash: idempotencyKeys.requestHash, response: idempotencyKeys.response })
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.orgId, scope.orgId),
        eq(idempotencyKeys.userId, scope.userId),
        eq(idempotencyKeys.key, scope.key),
      ),
    );
  if (!existing || existing.requestHash !== requestHash) return { status: "mismatch" };
  return { status: "replay", response: existing.response };
}

export async function storeIdempotentResponse(
  tx: Tx,
  scope: { orgId: string; userId: string; key: string },
  response: unknown,
) {
  await tx
    .update(idempotencyKeys)
    .set({ response: sql`${JSON.stringify(response)}::jsonb` })
    .where(
      and(
        eq(idempotencyKeys.orgId, scope.orgId),
        eq(idempotencyKeys.userId, scope.userId),
        eq(idempotencyKeys.key, scope.key),
      ),
    );
}

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
