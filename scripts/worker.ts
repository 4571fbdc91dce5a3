// `npm run worker`: the job queue's worker alone (ADR 017), for running it apart from the app's
// processes (then start the app with RUNBALANCE_WORKER=off). Its login: WORKER_DATABASE_URL, or the
// owner's DATABASE_MIGRATION_URL. Stops on SIGTERM/SIGINT after the jobs running finish.
import { startQueueWorker } from "~/server/jobs/runner";

const url = process.env.WORKER_DATABASE_URL || process.env.DATABASE_MIGRATION_URL;
if (!url) {
  console.error("[worker] set WORKER_DATABASE_URL (or DATABASE_MIGRATION_URL) to the tables' owner's URL");
  process.exit(1);
}
const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 4);
const worker = await startQueueWorker(url, {
  concurrency,
  pollInterval: Number(process.env.WORKER_POLL_INTERVAL_MS ?? 2000),
  crontab: process.env.WORKER_CRONTAB !== "off",
});
console.log(`[worker] running (${concurrency} at a time); SIGTERM stops it`);
// Tests read this line to know the worker is taking jobs.
console.log("[worker] ready");
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void worker.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
