import "server-only";
import { optionalEnv } from "~/server/env";
import { startQueueWorker } from "./runner";

/**
 * The worker inside the app's own process (RUNBALANCE_WORKER=inline, the default, with
 * WORKER_DATABASE_URL set). On SIGTERM it stops taking jobs and lets those running finish while
 * Next.js drains its requests; a job cut short by the exit is retried by the next worker (ADR 017).
 */
export async function startInlineWorker(): Promise<void> {
  const { RUNBALANCE_WORKER, WORKER_DATABASE_URL } = optionalEnv();
  if (RUNBALANCE_WORKER !== "inline" || !WORKER_DATABASE_URL) return;
  const worker = await startQueueWorker(WORKER_DATABASE_URL);
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void worker.stop());
  console.log("[runbalance] job queue worker running in this process");
}
