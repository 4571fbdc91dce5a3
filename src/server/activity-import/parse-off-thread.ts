import { Worker } from "node:worker_threads";
import { parseActivityFile } from "./parse-activity-file";
import type { ParseResult } from "./types";

type Pending = { resolve: (result: ParseResult) => void; reject: (error: Error) => void };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(error: Error) {
  for (const job of pending.values()) job.reject(error);
  pending.clear();
  worker = null;
}

/** One long-lived worker thread; files queue on it, so parsing uses at most one extra core. */
function getWorker(): Worker {
  if (worker) return worker;
  const created = new Worker(new URL("./parse-worker.ts", import.meta.url));
  created.on("message", ({ id, result }: { id: number; result: ParseResult }) => {
    pending.get(id)?.resolve(result);
    pending.delete(id);
  });
  created.on("error", failAll);
  created.on("exit", () => failAll(new Error("The file parser stopped unexpectedly.")));
  created.unref();
  worker = created;
  return created;
}

/**
 * Parses an uploaded file on a worker thread. Where workers cannot be started (some test runners),
 * it falls back to parsing in-process.
 */
export function parseOffThread(fileName: string, bytes: Uint8Array): Promise<ParseResult> {
  let target: Worker;
  try {
    target = getWorker();
  } catch {
    return Promise.resolve(parseActivityFile({ fileName, bytes }));
  }
  const id = nextId++;
  return new Promise<ParseResult>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    target.postMessage({ id, fileName, bytes });
  });
}
