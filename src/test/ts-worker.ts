import { fileURLToPath } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

const TSCONFIG = fileURLToPath(new URL("../../tsconfig.json", import.meta.url));

/** Starts a TypeScript module (such as parse-worker.ts) as a worker thread, through tsx. */
export function startTsWorker(entry: URL, options: WorkerOptions = {}): Worker {
  return new Worker(new URL("./tsx-worker-entry.mjs", import.meta.url), {
    ...options,
    workerData: { entry: entry.href, tsconfig: TSCONFIG },
  });
}
