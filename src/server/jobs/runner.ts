import "server-only";
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { Logger, run, type LogFunctionFactory, type Runner, type TaskList, type WorkerEvents } from "graphile-worker";
import { z } from "zod";
import { connect, type Connection } from "~/server/db/connection";
import { withTenant } from "~/server/db/tenant";
import { now } from "~/lib/clock";
import { recordMissedSessions } from "~/server/services/notification-events";
import { registerQueueWorker, releaseDeadWorkers } from "~/server/data/job-queue";
import {
  mailCoachDigest,
  mailDailySummary,
  mailNotifications,
  mailWeekPreview,
  scheduledJobs,
} from "~/server/services/mail-jobs";

/**
 * The job queue's worker (ADR 017): Graphile Worker on the app's PostgreSQL, started inside the app's
 * process (src/instrumentation.ts) or alone (`npm run worker`, scripts/worker.ts); any number of
 * them may run, each job runs on one. It logs in as the worker's login (the tables' owner) and every
 * job acts inside one organisation as one member (see src/server/services/mail-jobs.ts).
 */

const uuid = z.string().uuid();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const member = { orgId: uuid, userId: uuid };
const payloads = {
  "notification-mail": z.object({
    orgId: uuid,
    notifications: z.array(z.object({ id: uuid, recipientUserId: uuid })).max(1000),
  }),
  "coach-digest": z.object({ ...member, weekStart: day }),
  "week-preview": z.object({ ...member, weekStart: day }),
  "daily-summary": z.object({ ...member, date: day }),
  "missed-sessions": z.object({ orgId: uuid }),
};

/** Every job keeps at most 10 attempts; Graphile Worker waits exp(attempt) seconds between them (2.7 s, 7.4 s, 20 s … 6 h in all). */
export const MAX_ATTEMPTS = 10;

/** The hourly tick that schedules digests, previews, daily summaries and sweeps (by the app clock). */
export const CRONTAB = "0 * * * * scheduler-tick ?max=3";

function taskList(db: Connection["db"]): TaskList {
  return {
    "notification-mail": async (payload) => mailNotifications(db, payloads["notification-mail"].parse(payload)),
    "coach-digest": async (payload) => mailCoachDigest(db, payloads["coach-digest"].parse(payload)),
    "week-preview": async (payload) => mailWeekPreview(db, payloads["week-preview"].parse(payload)),
    "daily-summary": async (payload) => mailDailySummary(db, payloads["daily-summary"].parse(payload)),
    // Sessions whose day ended without a run, into their athletes' and coaches' inboxes (idempotent
    // by dedupe key, so an hourly sweep that overlaps the last one records nothing twice).
    "missed-sessions": async (payload) => {
      const { orgId } = payloads["missed-sessions"].parse(payload);
      await withTenant(db, { orgId, userId: null }, (tx) => recordMissedSessions(tx, { now: now(), orgId }));
    },
    "scheduler-tick": async (_payload, helpers) => {
      for (const job of await scheduledJobs(db)) {
        await helpers.addJob(job.task, job.payload, {
          jobKey: job.key,
          jobKeyMode: "preserve_run_at",
          maxAttempts: MAX_ATTEMPTS,
        });
      }
    },
  };
}

export interface QueueWorker {
  /** Stops taking jobs, waits for those running (up to Graphile Worker's grace period), closes the pools. */
  stop: () => Promise<void>;
  runner: Runner;
}

const quietLogs: LogFunctionFactory = () => (level, message) => {
  if (level === "error" || level === "warning") console.warn(`[worker] ${message}`);
};

/**
 * Starts a worker pool on `url` (the worker's login). `concurrency` jobs at a time. Installs no
 * signal handlers: the caller decides (scripts/worker.ts stops on SIGTERM; the app's process lets
 * Next.js drain first).
 */
export async function startQueueWorker(
  url: string,
  options: { concurrency?: number; pollInterval?: number; crontab?: boolean } = {},
): Promise<QueueWorker> {
  // Each process's database sessions carry a name of its own: a job whose worker's process has no
  // session left is unlocked at once by any live worker (releaseDeadWorkers).
  const applicationName = `runbalance-worker-${randomUUID().slice(0, 12)}`;
  const withName = new URL(url);
  withName.searchParams.set("application_name", applicationName);
  const connection = connect(withName.toString(), { max: 4 });
  // Listening before run() starts its workers, so none is missed.
  const events: WorkerEvents = new EventEmitter();
  events.on("worker:create", ({ worker }) => {
    void registerQueueWorker(connection.db, worker.workerId, applicationName).catch(() => {});
  });
  const runner = await run({
    events,
    connectionString: withName.toString(),
    concurrency: options.concurrency ?? 4,
    pollInterval: options.pollInterval ?? 2000,
    noHandleSignals: true,
    taskList: taskList(connection.db),
    crontab: options.crontab === false ? "" : CRONTAB,
    logger: new Logger(quietLogs),
  });
  const release = () => releaseDeadWorkers(connection.db).catch(() => []);
  void release();
  const timer = setInterval(() => void release(), 10_000);
  timer.unref();
  let stopped: Promise<void> | undefined;
  return {
    runner,
    stop: () =>
      (stopped ??= (async () => {
        clearInterval(timer);
        await runner.stop();
        await connection.close();
      })()),
  };
}
