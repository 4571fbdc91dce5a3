import "server-only";
import type { ParseResult } from "~/server/activity-import";
import { storeDrafts } from "~/server/data/imports";
import type { Tx } from "~/server/db/connection";
import { ServiceError } from "~/server/errors";

/**
 * Stores the runs read from one file as drafts for the athlete, who confirms each one's kind and RPE
 * later (imports.confirm). A file that could not be read, or holds no run, is refused by name.
 */
export async function storeImportedRuns(
  tx: Tx,
  target: { orgId: string; athleteId: string; userId: string },
  fileName: string,
  parsed: ParseResult,
) {
  if (!parsed.ok) throw new ServiceError("BAD_REQUEST", parsed.error);
  if (parsed.activities.length === 0) {
    const skipped = parsed.skipped.map((s) => s.label).join(", ");
    throw new ServiceError("BAD_REQUEST", `"${fileName}" holds no run${skipped ? ` (only ${skipped})` : ""}.`);
  }
  const stored = await storeDrafts(tx, {
    orgId: target.orgId,
    athleteId: target.athleteId,
    createdBy: target.userId,
    fileName,
    contentHash: parsed.contentHash,
    activities: parsed.activities,
    warnings: parsed.warnings,
  });
  return {
    runs: stored.map((s) => ({ id: s.id, startedAt: s.startedAt.toISOString(), duplicate: s.duplicate })),
    skipped: parsed.skipped.map((s) => `${s.sport}: ${s.reason}`),
    warnings: parsed.warnings,
  };
}
