/**
 * PostgreSQL restarts while a production server takes a steady load of writes: the database is
 * stopped for about 3 s mid-load and started again on the same port and data folder. Expected:
 * - /api/health says 503 during the outage and 200 again within 5 s of the database accepting connections;
 * - every write the client saw acknowledged (HTTP 200) is in the database afterwards;
 * - writes that failed, sent again with the same idempotency key, succeed without duplicates;
 * - the server process never exits.
 */
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgFixture } from "~/test/fixtures";
import { FIXTURE_PASSWORD } from "~/test/fixtures";
import { healthStatus, signIn, trpcMutation, type Session } from "../../../scripts/lib/http-client";
import { hasProductionBuild, NO_BUILD_MESSAGE, prepareDatabase, startProductionServer, startRestartableDatabase, type ProductionServer, type RestartableDatabase } from "./production-server";
import { inResilienceRun } from "./run-here";

const WRITES = 600;
const PARALLEL = 4;
const LOAD_SECONDS = 15;
const OUTAGE_STARTS_AT_MS = 4_000;
const OUTAGE_MS = 3_000;

interface Write {
  key: string;
  run: Record<string, unknown>;
  sentAt: number;
  status: number;
  error?: string;
  runId?: string;
}

if (inResilienceRun && !hasProductionBuild()) console.warn(`database restart test skipped: ${NO_BUILD_MESSAGE}`);

describe.runIf(inResilienceRun && hasProductionBuild())("PostgreSQL restart under a load of writes", () => {
  let database: RestartableDatabase;
  let server: ProductionServer;
  let org: OrgFixture;
  let athlete: Session;
  let serverExitedEarly = false;

  beforeAll(async () => {
    database = await startRestartableDatabase("restart");
    org = await prepareDatabase(database.url);
    server = await startProductionServer(database.url);
    void server.exited.then(() => (serverExitedEarly = true));
    athlete = await signIn(server.baseUrl, org.users.athlete1.email, FIXTURE_PASSWORD);
  });

  afterAll(async () => {
    await server?.stop();
    await database?.destroy();
  });

  /** Runs on distinct past days (a week's feedback stays small), tagged with their key in the notes. */
  function newWrite(i: number): Write {
    const day = new Date(Date.now() - (1 + (i % 300)) * 86_400_000).toISOString().slice(0, 10);
    const key = randomUUID();
    const run = { date: day, time: "07:00", kind: "aerobic", durationS: 1800 + i, distanceM: 5000, rpe: 4, notes: `load ${key}` };
    return { key, run, sentAt: 0, status: 0 };
  }

  async function send(write: Write, t0: number): Promise<void> {
    write.sentAt = Date.now() - t0;
    const response = await trpcMutation<{ run: { id: string } }>(athlete, "runs.log", { orgSlug: org.slug, idempotencyKey: write.key, run: write.run }, 10_000);
    write.status = response.status;
    write.error = response.error;
    write.runId = response.data?.run.id;
  }

  /** PARALLEL workers, each sending its share at a steady pace over LOAD_SECONDS. */
  async function loadOfWrites(writes: Write[], t0: number): Promise<void> {
    const interval = (LOAD_SECONDS * 1000 * PARALLEL) / writes.length;
    await Promise.all(
      Array.from({ length: PARALLEL }, async (_, worker) => {
        for (let i = worker; i < writes.length; i += PARALLEL) {
          const due = t0 + (i / PARALLEL) * interval;
          await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
          await send(writes[i]!, t0);
        }
      }),
    );
  }

  /** Polls /api/health every 100 ms until stopped: (time since t0, status) pairs. */
  function pollHealth(t0: number) {
    const samples: Array<{ at: number; status: number }> = [];
    let running = true;
    const done = (async () => {
      while (running) {
        const at = Date.now() - t0;
        samples.push({ at, status: await healthStatus(server.baseUrl, 2_000) });
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    return { samples, stop: async () => ((running = false), await done) };
  }

  it("keeps every acknowledged write, reports the outage on /api/health, and recovers within 5 s", async () => {
    const writes = Array.from({ length: WRITES }, (_, i) => newWrite(i));
    const t0 = Date.now();
    const health = pollHealth(t0);
    const load = loadOfWrites(writes, t0);

    await new Promise((r) => setTimeout(r, OUTAGE_STARTS_AT_MS));
    const stoppedAt = Date.now() - t0;
    await database.stop();
    const stopCompletedAt = Date.now() - t0;
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    await database.start();
    const acceptingAt = Date.now() - t0;

    await load;
    // Keep polling a little after the load, in case health were slower than the writes to recover.
    await new Promise((r) => setTimeout(r, Math.max(0, acceptingAt + 6_000 - (Date.now() - t0))));
    await health.stop();

    const firstHealthyAfter = health.samples.find((s) => s.at >= acceptingAt && s.status === 200);
    const downDuringOutage = health.samples.filter((s) => s.at >= stopCompletedAt && s.at < acceptingAt);
    const acknowledged = writes.filter((w) => w.status === 200);
    const failed = writes.filter((w) => w.status !== 200);
    const failedOutsideOutage = failed.filter((w) => w.sentAt < stoppedAt - 1_000 || w.sentAt > acceptingAt + 5_000);
    const failureKinds = countBy(failed.map((w) => `${w.status} ${w.error ?? ""}`.trim()));
    const failureWindowMs = failed.length ? [Math.min(...failed.map((w) => w.sentAt)), Math.max(...failed.map((w) => w.sentAt))] : [];

    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      const [found] = await sql<[{ n: number }]>`select count(*)::int as n from runs where id = any(${acknowledged.map((w) => w.runId!)}::uuid[])`;

      // The client retries what failed with the same idempotency key: one run per key, no duplicates.
      const t1 = Date.now();
      for (const write of failed) await send(write, t1);
      const [rows] = await sql<[{ total: number; distinct: number }]>`
        select count(*)::int as total, count(distinct notes)::int as distinct from runs where notes like 'load %'`;

      const figures = {
        outageWindowMs: [stoppedAt, acceptingAt],
        outageMs: acceptingAt - stoppedAt,
        databaseStopTookMs: stopCompletedAt - stoppedAt,
        healthySecondsAfterDatabaseAccepts: firstHealthyAfter ? (firstHealthyAfter.at - acceptingAt) / 1000 : null,
        health503DuringOutage: downDuringOutage.filter((s) => s.status === 503).length,
        healthSamplesDuringOutage: downDuringOutage.length,
        writes: WRITES,
        acknowledged: acknowledged.length,
        acknowledgedFound: found.n,
        failedDuringLoad: failed.length,
        failedOutsideOutageWindow: failedOutsideOutage.length,
        failureKinds,
        failuresSentWithinMs: failureWindowMs,
        retriedOk: failed.filter((w) => w.status === 200).length,
        runsAfterRetries: rows.total,
        distinctKeysAfterRetries: rows.distinct,
      };
      console.log(`database restart: ${JSON.stringify(figures, null, 2)}`);

      expect(downDuringOutage.length, "health was polled during the outage").toBeGreaterThan(0);
      expect(downDuringOutage.every((s) => s.status === 503), "health answers 503 while the database is down").toBe(true);
      expect(firstHealthyAfter, "health answers 200 again after the restart").toBeDefined();
      expect(figures.healthySecondsAfterDatabaseAccepts!).toBeLessThanOrEqual(5);
      expect(found.n, "every acknowledged write is stored").toBe(acknowledged.length);
      expect(failedOutsideOutage, "writes fail only around the outage").toEqual([]);
      expect(figures.retriedOk, "failed writes succeed when sent again").toBe(failed.length);
      expect(rows.total, "one run per idempotency key").toBe(WRITES);
      expect(rows.distinct).toBe(WRITES);
      expect(serverExitedEarly, `the server process exited:\n${server.output()}`).toBe(false);
      expect(server.process.exitCode).toBeNull();
    } finally {
      await sql.end({ timeout: 5 });
    }
  }, 120_000);
});

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
