import { can } from "~/domain/authz/policy";
import { MAX_FILE_BYTES, type ParseResult } from "~/server/activity-import";
import { resolveOrgActor } from "~/server/api/trpc";
import { storeDrafts } from "~/server/data/imports";
import { findAthleteRefs } from "~/server/data/organisations";
import type { Database } from "~/server/db/connection";
import { withSession } from "~/server/db/tenant";

export type ImportOutcome =
  | {
      status: 200;
      body: {
        fileName: string;
        ok: true;
        runs: Array<{ id: string; startedAt: string; duplicate: boolean }>;
        skipped: string[];
        warnings: string[];
      };
    }
  | { status: 400 | 404 | 413; body: { fileName: string; ok: false; error: string } };

/**
 * One uploaded file: parsed first (off the event loop, outside any transaction), then its runs are
 * stored as drafts for the athlete, if the caller may write that athlete's runs.
 */
export async function importFile(
  db: Database,
  request: {
    userId: string;
    /** The user's session secret: the transaction's row-level security context comes from it. */
    sessionSecret: string;
    orgSlug: string;
    athleteId: string | null;
    fileName: string;
    bytes: Uint8Array;
  },
  parse: (fileName: string, bytes: Uint8Array) => Promise<ParseResult>,
): Promise<ImportOutcome> {
  const { fileName } = request;
  if (request.bytes.byteLength > MAX_FILE_BYTES) {
    return {
      status: 413,
      body: { fileName, ok: false, error: `"${fileName}" is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.` },
    };
  }
  const parsed = await parse(fileName, request.bytes);
  return withSession(db, request.sessionSecret, async (tx) => {
    const resolved = await resolveOrgActor(tx, request.userId, request.orgSlug);
    const athleteId = request.athleteId ?? resolved?.actor.athleteId;
    const [ref] = resolved && athleteId ? await findAthleteRefs(tx, resolved.org.id, [athleteId]) : [];
    if (!resolved || !ref || !can(resolved.actor, { type: "run.write", athlete: ref })) {
      return { status: 404, body: { fileName, ok: false, error: "No such athlete." } };
    }
    if (!parsed.ok) return { status: 400, body: { fileName, ok: false, error: parsed.error } };
    if (parsed.activities.length === 0) {
      const skipped = parsed.skipped.map((s) => s.sport).join(", ");
      return {
        status: 400,
        body: { fileName, ok: false, error: `"${fileName}" holds no run${skipped ? ` (only ${skipped})` : ""}.` },
      };
    }
    const stored = await storeDrafts(tx, {
      orgId: resolved.org.id,
      athleteId: ref.athleteId,
      createdBy: request.userId,
      fileName,
      contentHash: parsed.contentHash,
      activities: parsed.activities,
      warnings: parsed.warnings,
    });
    return {
      status: 200,
      body: {
        fileName,
        ok: true,
        runs: stored.map((s) => ({ id: s.id, startedAt: s.startedAt.toISOString(), duplicate: s.duplicate })),
        skipped: parsed.skipped.map((s) => `${s.sport}: ${s.reason}`),
        warnings: parsed.warnings,
      },
    };
  });
}
