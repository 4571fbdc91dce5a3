import "server-only";
import { MAX_FILE_BYTES, type ParseResult } from "~/server/activity-import";
import { memberAthleteFor } from "~/server/api/access";
import type { Database } from "~/server/db/connection";
import { withTenant } from "~/server/db/tenant";
import { ServiceError } from "~/server/errors";
import { storeImportedRuns } from "~/server/services/imports";
import { httpStatusOf, type RefusalStatus } from "./service-error";

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
  | { status: RefusalStatus; body: { fileName: string; ok: false; error: string } };

/**
 * One uploaded file, answered as the upload route sends it: parsed first (off the event loop, outside
 * any transaction), then its runs are stored as drafts for the athlete, if the caller may write that
 * athlete's runs. A refusal is answered with its status and message, naming the file.
 */
export async function importFile(
  db: Database,
  request: { userId: string; orgSlug: string; athleteId: string | null; fileName: string; bytes: Uint8Array },
  parse: (fileName: string, bytes: Uint8Array) => Promise<ParseResult>,
): Promise<ImportOutcome> {
  const { fileName } = request;
  try {
    if (request.bytes.byteLength > MAX_FILE_BYTES)
      throw new ServiceError("PAYLOAD_TOO_LARGE", `"${fileName}" is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
    const parsed = await parse(fileName, request.bytes);
    return await withTenant(db, { orgId: null, userId: request.userId }, async (tx) => {
      const { org, athlete } = await memberAthleteFor(
        tx,
        { userId: request.userId, orgSlug: request.orgSlug, athleteId: request.athleteId ?? undefined },
        "write",
      );
      const target = { orgId: org.id, athleteId: athlete.athleteId, userId: request.userId };
      const stored = await storeImportedRuns(tx, target, fileName, parsed);
      return { status: 200, body: { fileName, ok: true, ...stored } } as const;
    });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return { status: httpStatusOf(error), body: { fileName, ok: false, error: error.message } };
  }
}
