import "server-only";
import type { ParseResult } from "~/server/activity-import";
import type { SessionKind } from "~/domain/rules";
import { zonedDate } from "~/lib/zoned-time";
import type { AthleteContext } from "~/server/data/athletes";
import { listPendingImports, storeDrafts } from "~/server/data/imports";
import { plannedBetween } from "~/server/data/weeks";
import type { Tx } from "~/server/db/connection";
import { ServiceError } from "~/server/errors";
import { notifyRpePending, type OrgRef } from "./notification-events";

/**
 * Stores the runs read from one file as drafts for the athlete, who confirms each one's kind and RPE
 * later (imports.confirm). A file that could not be read, or holds no run, is refused by name.
 */
export async function storeImportedRuns(
  tx: Tx,
  target: {
    org: OrgRef;
    athlete: Pick<AthleteContext, "athleteId" | "userId">;
    importerUserId: string;
  },
  fileName: string,
  parsed: ParseResult,
) {
  if (!parsed.ok) throw new ServiceError("BAD_REQUEST", parsed.error);
  if (parsed.activities.length === 0) {
    const skipped = parsed.skipped.map((s) => s.label).join(", ");
    throw new ServiceError("BAD_REQUEST", `"${fileName}" holds no run${skipped ? ` (only ${skipped})` : ""}.`);
  }
  const stored = await storeDrafts(tx, {
    orgId: target.org.id,
    athleteId: target.athlete.athleteId,
    createdBy: target.importerUserId,
    fileName,
    contentHash: parsed.contentHash,
    activities: parsed.activities,
    warnings: parsed.warnings,
  });
  // A coach's import waits for the athlete's RPE: the athlete hears of it (not of their own import).
  await notifyRpePending(tx, target.org, {
    athlete: target.athlete,
    importerUserId: target.importerUserId,
    runs: stored.filter((s) => !s.duplicate).length,
  });
  return {
    runs: stored.map((s) => ({ id: s.id, startedAt: s.startedAt.toISOString(), duplicate: s.duplicate })),
    skipped: parsed.skipped.map((s) => `${s.sport}: ${s.reason}`),
    warnings: parsed.warnings,
  };
}

/**
 * Imported runs still waiting for the athlete's RPE ("RPE pending"), each with the published session
 * planned on its day, which preselects its kind and is what the run fulfils when saved as that kind.
 * A file holds times, distance and heart rate, never how hard a run felt: nobody but the athlete
 * gives that, so nothing here guesses it.
 */
export async function pendingImports(tx: Tx, orgId: string, athlete: Pick<AthleteContext, "athleteId" | "timeZone">) {
  const drafts = await listPendingImports(tx, orgId, athlete.athleteId);
  const days = drafts.map((d) => zonedDate(d.startedAt, athlete.timeZone)).sort();
  const planned =
    days.length > 0
      ? (await plannedBetween(tx, orgId, [athlete.athleteId], days[0]!, days.at(-1)!, true)).get(athlete.athleteId)
      : undefined;
  return drafts.map((d) => {
    const localDate = zonedDate(d.startedAt, athlete.timeZone);
    const session = planned?.find((p) => p.date === localDate);
    return {
      ...d,
      startedAt: d.startedAt.toISOString(),
      localDate,
      warnings: d.warnings as string[],
      planned: session ? { id: session.id, kind: session.kind } : null,
    };
  });
}

/** The session planned (and published) on a run's day for that kind, which the run fulfils; null if none. */
export async function plannedSessionFor(
  tx: Tx,
  orgId: string,
  athleteId: string,
  localDate: string,
  kind: SessionKind,
): Promise<string | null> {
  const planned = (await plannedBetween(tx, orgId, [athleteId], localDate, localDate, true)).get(athleteId);
  return planned?.find((p) => p.kind === kind)?.id ?? null;
}
