import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { ParsePool, type ParsePoolOptions } from "./parse-pool";
import type { ParseResult } from "./types";

const MB = 1024 * 1024;

/**
 * The server's pool (ADR 004). Two workers even on two cores, so one user's large file never makes
 * another user's file wait: each user parses one file at a time. A 24-hour GPX (the largest real
 * file) parses in ~3 s of CPU; the budget leaves room for a busy machine.
 */
export const SERVER_POOL: Omit<ParsePoolOptions, "spawn"> = {
  size: Math.max(2, Math.min(4, availableParallelism())),
  budgetMs: 30_000,
  maxPerOwner: 4,
  maxQueuedBytes: 200 * MB,
  maxHeapMb: 768,
};

let pool: ParsePool | null = null;

function serverPool(): ParsePool {
  pool ??= new ParsePool({
    ...SERVER_POOL,
    // Written out in full so Turbopack bundles the worker as its own chunk.
    spawn: (resourceLimits) => new Worker(new URL("./parse-worker.ts", import.meta.url), { resourceLimits }),
  });
  return pool;
}

/**
 * Parses an uploaded file on the server's worker pool, queued behind the owner's (the uploading
 * user's) other files only. Throws `ParserBusyError` when the file cannot even be queued.
 */
export function parseOffThread(fileName: string, bytes: Uint8Array, owner: string): Promise<ParseResult> {
  return serverPool().parse(owner, fileName, bytes);
}
