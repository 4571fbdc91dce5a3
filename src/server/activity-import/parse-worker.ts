/**
 * Worker-thread entry: parses activity files away from the server's event loop (parse-pool.ts).
 * It says when it is ready, so its start-up time is not charged to the first file's budget.
 */
import { parentPort } from "node:worker_threads";
import { parseActivityFile } from "./parse-activity-file";

parentPort?.on("message", (job: { id: number; fileName: string; bytes: Uint8Array }) => {
  let result;
  try {
    result = parseActivityFile({ fileName: job.fileName, bytes: job.bytes });
  } catch (error) {
    result = {
      ok: false as const,
      fileName: job.fileName,
      error: `"${job.fileName}" could not be imported: ${error instanceof Error ? error.message : "unexpected error"}`,
    };
  }
  parentPort?.postMessage({ id: job.id, result });
});
parentPort?.postMessage({ ready: true });
