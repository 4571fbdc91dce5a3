import "server-only";
import { MAX_FILE_BYTES, type ParseResult } from "~/server/activity-import";
import { ParserBusyError } from "~/server/activity-import/parse-pool";
import { memberAthleteFor } from "~/server/api/access";
import type { Database, Tx } from "~/server/db/connection";
import { withSession } from "~/server/db/tenant";
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

type ImportRequest = {
  userId: string;
  /** The user's session secret: the transactions' row-level security context comes from it. */
  sessionSecret: string;
  orgSlug: string;
  athleteId: string | null;
  fileName: string;
  /** Reads the uploaded bytes; null when there are more than MAX_FILE_BYTES. Called only for a caller who may import. */
  body: () => Promise<Uint8Array | null>;
};

/**
 * One uploaded file, answered as the upload route sends it. The caller's right to write that
 * athlete's runs is checked first, so nobody else's upload is read or parsed; then the file is
 * parsed (off the event loop, outside any transaction; `owner` queues it behind the same user's other
 * files only), then its runs are stored as drafts, the right checked again in that transaction. A
 * refusal is answered with its status and message, naming the file.
 */
export async function importFile(
  db: Database,
  request: ImportRequest,
  parse: (fileName: string, bytes: Uint8Array, owner: string) => Promise<ParseResult>,
): Promise<ImportOutcome> {
  const { fileName } = request;
  const target = (tx: Tx) =>
    memberAthleteFor(
      tx,
      { userId: request.userId, orgSlug: request.orgSlug, athleteId: request.athleteId ?? undefined },
      "write",
    );
  try {
    await withSession(db, request.sessionSecret, target);
    const bytes = await request.body();
    if (!bytes || bytes.byteLength > MAX_FILE_BYTES)
      throw new ServiceError("PAYLOAD_TOO_LARGE", `"${fileName}" is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
    const parsed = await parseOrRefuse(parse, fileName, bytes, request.userId);
    return await withSession(db, request.sessionSecret, async (tx) => {
      const { org, athlete } = await target(tx);
      const stored = await storeImportedRuns(tx, { org, athlete, importerUserId: request.userId }, fileName, parsed);
      return { status: 200, body: { fileName, ok: true, ...stored } } as const;
    });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return { status: httpStatusOf(error), body: { fileName, ok: false, error: error.message } };
  }
}

/** Parses on the worker pool; a full pool is a refusal to try again later, not a failure. */
async function parseOrRefuse(
  parse: (fileName: string, bytes: Uint8Array, owner: string) => Promise<ParseResult>,
  fileName: string,
  bytes: Uint8Array,
  owner: string,
): Promise<ParseResult> {
  try {
    return await parse(fileName, bytes, owner);
  } catch (error) {
    if (!(error instanceof ParserBusyError)) throw error;
    throw new ServiceError(error.scope === "owner" ? "TOO_MANY_REQUESTS" : "SERVICE_UNAVAILABLE", error.message);
  }
}
