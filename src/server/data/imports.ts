import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Tx } from "~/server/db/connection";
import { runImports } from "~/server/db/schema";
import type { ImportedActivity } from "~/server/activity-import";

const importColumns = {
  id: runImports.id,
  athleteId: runImports.athleteId,
  fileName: runImports.fileName,
  part: runImports.part,
  startedAt: runImports.startedAt,
  movingS: runImports.movingS,
  elapsedS: runImports.elapsedS,
  distanceM: runImports.distanceM,
  avgHeartRate: runImports.avgHeartRate,
  sport: runImports.sport,
  warnings: runImports.warnings,
  runId: runImports.runId,
};

/**
 * Stores the runs read from one file as drafts. A file imported before (same content hash and part)
 * is not stored again: the existing draft or run is reported instead.
 */
export async function storeDrafts(
  tx: Tx,
  input: {
    orgId: string;
    athleteId: string;
    createdBy: string;
    fileName: string;
    contentHash: string;
    activities: ImportedActivity[];
    warnings: string[];
  },
) {
  const stored = [];
  for (const [part, activity] of input.activities.entries()) {
    const [inserted] = await tx
      .insert(runImports)
      .values({
        orgId: input.orgId,
        athleteId: input.athleteId,
        contentHash: input.contentHash,
        part,
        fileName: input.fileName.slice(0, 200),
        startedAt: new Date(activity.startTime),
        movingS: Math.round(activity.movingTimeS),
        elapsedS: Math.round(activity.elapsedTimeS),
        distanceM: activity.distanceM === null ? null : Math.round(activity.distanceM),
        avgHeartRate: activity.avgHeartRate === null ? null : Math.round(activity.avgHeartRate),
        sport: activity.subSport ? `${activity.sport} (${activity.subSport})` : activity.sport,
        warnings: input.warnings,
        laps: activity.laps,
        createdBy: input.createdBy,
      })
      .onConflictDoNothing()
      .returning(importColumns);
    if (inserted) {
      stored.push({ ...inserted, duplicate: false });
      continue;
    }
    const [existing] = await tx
      .select(importColumns)
      .from(runImports)
      .where(
        and(
          eq(runImports.orgId, input.orgId),
          eq(runImports.athleteId, input.athleteId),
          eq(runImports.contentHash, input.contentHash),
          eq(runImports.part, part),
        ),
      );
    if (existing) stored.push({ ...existing, duplicate: true });
  }
  return stored;
}

/** Drafts waiting for the athlete to say what kind of run it was and how hard it felt. */
export async function listPendingImports(tx: Tx, orgId: string, athleteId: string) {
  return tx
    .select(importColumns)
    .from(runImports)
    .where(and(eq(runImports.orgId, orgId), eq(runImports.athleteId, athleteId), isNull(runImports.runId)))
    .orderBy(asc(runImports.startedAt));
}

/** One draft, with the device's laps (which the run keeps once confirmed). */
export async function findImport(tx: Tx, orgId: string, id: string) {
  const [row] = await tx
    .select({ ...importColumns, laps: runImports.laps })
    .from(runImports)
    .where(and(eq(runImports.orgId, orgId), eq(runImports.id, id)));
  return row ?? null;
}

export async function linkImportToRun(tx: Tx, orgId: string, id: string, runId: string) {
  await tx
    .update(runImports)
    .set({ runId })
    .where(and(eq(runImports.orgId, orgId), eq(runImports.id, id)));
}

export async function deleteImport(tx: Tx, orgId: string, id: string) {
  await tx.delete(runImports).where(and(eq(runImports.orgId, orgId), eq(runImports.id, id)));
}
