import { can } from "~/domain/authz/policy";
import { MAX_FILE_BYTES, type ParseResult } from "~/server/activity-import";
import { ParserBusyError } from "~/server/activity-import/parse-pool";
import { resolveOrgActor } from "~/server/api/trpc";
import { storeDrafts } from "~/server/data/imports";
import { findAthleteRefs } from "~/server/data/organisations";
import type { Database, Tx } from "~/server/db/connection";
import { withTenant } from "~/server/db/tenant";

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
  | { status: 400 | 404 | 413 | 429 | 503; body: { fileName: string; ok: false; error: string } };

type ImportRequest = {
  userId: string;
  orgSlug: string;
  athleteId: string | null;
  fileName: string;
  /** Reads the uploaded bytes; null when there are more than MAX_FILE_BYTES. Called only for a caller who may import. */
  body: () => Promise<Uint8Array | null>;
};

/** The organisation and athlete the caller may write runs for, or null (not a member, not their athlete). */
async function importTarget(tx: Tx, request: ImportRequest) {
  const resolved = await resolveOrgActor(tx, request.userId, request.orgSlug);
  const athleteId = request.athleteId ?? resolved?.actor.athleteId;
  const [ref] = resolved && athleteId ? await findAthleteRefs(tx, resolved.org.id, [athleteId]) : [];
  if (!resolved || !ref || !can(resolved.actor, { type: "run.write", athlete: ref })) return null;
  return { orgId: resolved.org.id, athleteId: ref.athleteId };
}

/**
 * One uploaded file. The caller's right to write that athlete's runs is checked first, so nobody
 * else's upload is read or parsed; then the file is parsed (off the event loop, outside any
 * transaction; `owner` queues it behind the same user's other files only), then its runs are stored
 * as drafts, the right checked again in that transaction.
 */
export async function importFile(
  db: Database,
  request: ImportRequest,
  parse: (fileName: string, bytes: Uint8Array, owner: string) => Promise<ParseResult>,
): Promise<ImportOutcome> {
  const { fileName } = request;
  const notFound = { status: 404, body: { fileName, ok: false, error: "No such athlete." } } as const;
  const mayImport = await withTenant(db, { orgId: null, userId: request.userId }, (tx) => importTarget(tx, request));
  if (!mayImport) return notFound;
  const bytes = await request.body();
  if (!bytes || bytes.byteLength > MAX_FILE_BYTES) {
    return {
      status: 413,
      body: { fileName, ok: false, error: `"${fileName}" is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.` },
    };
  }
  let parsed: ParseResult;
  try {
    parsed = await parse(fileName, bytes, request.userId);
  } catch (error) {
    if (!(error instanceof ParserBusyError)) throw error;
    return { status: error.scope === "owner" ? 429 : 503, body: { fileName, ok: false, error: error.message } };
  }
  if (!parsed.ok) return { status: 400, body: { fileName, ok: false, error: parsed.error } };
  if (parsed.activities.length === 0) {
    const skipped = parsed.skipped.map((s) => s.label).join(", ");
    return {
      status: 400,
      body: { fileName, ok: false, error: `"${fileName}" holds no run${skipped ? ` (only ${skipped})` : ""}.` },
    };
  }
  return withTenant(db, { orgId: null, userId: request.userId }, async (tx) => {
    const target = await importTarget(tx, request);
    if (!target) return notFound;
    const stored = await storeDrafts(tx, {
      orgId: target.orgId,
      athleteId: target.athleteId,
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
