/**
 * PostgreSQL restarts while a production server takes a steady load of writes: the database is
 * stopped for about 3 s mid-load and started again on the same port and data folder. Expected:
 * - /api/health says 503 during the outage and 200 again within 5 s of the database accepting connections;
 * - writes that fail are answered 503 SERVICE_UNAVAILABLE with Retry-After (retry later), never 500;
 *   writes sent and answered while the database is down fail that way, and writes succeed again
 *   within 5 s of it accepting connections; the route handlers outside tRPC (CSV export, calendar
 *   feed, activity upload) and pages (through /unavailable) answer 503 with Retry-After too, and 200
 *   after the restart;
 * - every write the client saw acknowledged (HTTP 200) is in the database afterwards;
 * - writes that failed, sent again with the same idempotency key, succeed without duplicates;
 * - the server process never exits.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgFixture } from "~/test/fixtures";
import { FIXTURE_PASSWORD } from "~/test/fixtures";
import { healthStatus, signIn, trpcMutation, type Session } from "../../../scripts/lib/http-client";
import { now } from "~/lib/clock";
import {
  prepareDatabase,
  runFaultTest,
  startProductionServer,
  startRestartableDatabase,
  type ProductionServer,
  type RestartableDatabase,
} from "./production-server";

const WRITES = 600;
const PARALLEL = 4;
const LOAD_SECONDS = 15;
const OUTAGE_STARTS_AT_MS = 4_000;
const OUTAGE_MS = 3_000;

interface Write {
  key: string;
  run: Record<string, unknown>;
  sentAt: number;
  answeredAt: number;
  status: number;
  error?: string;
  retryAfter?: string;
  runId?: string;
}

describe.runIf(runFaultTest("database restart test"))("PostgreSQL restart under a load of writes", () => {
  let database: RestartableDatabase;
  let server: ProductionServer;
  let org: OrgFixture;
  let athlete: Session;
  let calendarPath: string;
  let serverExitedEarly = false;
  const unavailableReasons: string[] = [];

  beforeAll(async () => {
    database = await startRestartableDatabase("restart");
    org = await prepareDatabase(database.url);
    // "tRPC runs.log answered 503: database unavailable (ECONNREFUSED)": which failures the outage produced.
    server = await startProductionServer(database.url, {
      onOutput: (line) => {
        const reason = / answered 503: database unavailable \((.+)\)$/.exec(line)?.[1];
        if (reason) unavailableReasons.push(reason);
      },
    });
    void server.exited.then(() => (serverExitedEarly = true));
    athlete = await signIn(server.baseUrl, org.users.athlete1.email, FIXTURE_PASSWORD);
    const feed = await trpcMutation<{ path: string }>(athlete, "calendarFeeds.create", { orgSlug: org.slug });
    calendarPath = feed.data!.path;
  });

  afterAll(async () => {
    await server?.stop();
    await database?.destroy();
  });

  /** Runs on distinct past days (a week's feedback stays small), tagged with their key in the notes. */
  function newWrite(i: number): Write {
    const day = new Date(now().getTime() - (1 + (i % 300)) * 86_400_000).toISOString().slice(0, 10);
    const key = randomUUID();
    const run = {
      date: day,
      time: "07:00",
      kind: "aerobic",
      durationS: 1800 + i,
      distanceM: 5000,
      rpe: 4,
      notes: `load ${key}`,
    };
    return { key, run, sentAt: 0, answeredAt: 0, status: 0 };
  }

  async function send(write: Write, t0: number): Promise<void> {
    write.sentAt = Date.now() - t0;
    const response = await trpcMutation<{ run: { id: string } }>(
      athlete,
      "runs.log",
      { orgSlug: org.slug, idempotencyKey: write.key, run: write.run },
      10_000,
    );
    write.answeredAt = Date.now() - t0;
    write.status = response.status;
    write.error = response.error;
    write.retryAfter = response.retryAfter;
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

  /** The route handlers outside tRPC that use the database, each called once: status and Retry-After. */
  async function probeRoutes() {
    const gpx = readFileSync("src/server/activity-import/fixtures/run-with-hr.gpx");
    const requests: Record<string, [string, RequestInit]> = {
      csv: [`/o/${org.slug}/runs.csv`, { headers: { cookie: athlete.cookie } }],
      calendar: [calendarPath, {}],
      // Pages cannot set their own status: they send the reader to /unavailable (fetch follows).
      "athlete's page": [`/o/${org.slug}`, { headers: { cookie: athlete.cookie } }],
      settings: [`/settings`, { headers: { cookie: athlete.cookie } }],
      upload: [
        `/o/${org.slug}/import/upload`,
        {
          method: "POST",
          body: gpx,
          headers: {
            cookie: athlete.cookie,
            "x-runbalance-upload": "1",
            "x-file-name": "probe.gpx",
            "content-type": "application/octet-stream",
          },
        },
      ],
    };
    const answers: Record<string, string> = {};
    for (const [name, [path, init]] of Object.entries(requests)) {
      const response = await fetch(`${server.baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(5_000) }).catch(
        () => null,
      );
      await response?.arrayBuffer();
      const retryAfter = response?.headers.get("retry-after");
      answers[name] = `${response?.status ?? 0}${retryAfter ? ` retry-after ${retryAfter}` : ""}`;
    }
    return answers;
  }

  /** Polls /api/health every 100 ms until stopped: when each request was sent and answered (ms since t0), and its status. */
  function pollHealth(t0: number) {
    const samples: Array<{ at: number; answeredAt: number; status: number }> = [];
    let running = true;
    const done = (async () => {
      while (running) {
        const at = Date.now() - t0;
        const status = await healthStatus(server.baseUrl, 2_000);
        samples.push({ at, answeredAt: Date.now() - t0, status });
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    return { samples, stop: async () => ((running = false), await done) };
  }

  it("keeps every acknowledged write, answers 503 (not 500) during the outage, and recovers within 5 s", async () => {
    const writes = Array.from({ length: WRITES }, (_, i) => newWrite(i));
    const t0 = Date.now();
    const health = pollHealth(t0);
    const load = loadOfWrites(writes, t0);

    await new Promise((r) => setTimeout(r, OUTAGE_STARTS_AT_MS));
    const stoppedAt = Date.now() - t0;
    await database.stop();
    const stopCompletedAt = Date.now() - t0;
    await new Promise((r) => setTimeout(r, 1_000));
    const routesWhileDown = await probeRoutes();
    await new Promise((r) => setTimeout(r, Math.max(0, stopCompletedAt + OUTAGE_MS - (Date.now() - t0))));
    const startingAt = Date.now() - t0;
    await database.start();
    const acceptingAt = Date.now() - t0;

    await load;
    // Keep polling a little after the load, in case health were slower than the writes to recover.
    await new Promise((r) => setTimeout(r, Math.max(0, acceptingAt + 6_000 - (Date.now() - t0))));
    await health.stop();
    const routesAfter = await probeRoutes();

    // The outcomes as the load saw them (the retries below send the failed writes again).
    const outcomes = writes.map((w) => ({ ...w }));
    const firstHealthyAfter = health.samples.find((s) => s.at >= acceptingAt && s.status === 200);
    // Requests sent after the database had stopped and answered before it was started again: the
    // database was down for the whole of each. (A request sent just before the restart may wait for a
    // connection and succeed: the driver retries every 0.5 s at most.)
    const wholeOfOutage = (r: { at: number; answeredAt: number }) =>
      r.at >= stopCompletedAt && r.answeredAt < startingAt;
    const downDuringOutage = health.samples.filter(wholeOfOutage);
    const acknowledged = outcomes.filter((w) => w.status === 200);
    const failed = outcomes.filter((w) => w.status !== 200);
    const failedOutsideOutage = failed.filter((w) => w.sentAt < stoppedAt - 1_000 || w.sentAt > acceptingAt + 5_000);
    const failureKinds = countBy(failed.map((w) => `${w.status} ${w.error ?? ""}`.trim()));
    const writesWhileDown = outcomes.filter((w) => wholeOfOutage({ at: w.sentAt, answeredAt: w.answeredAt }));
    const unavailable = failed.filter((w) => w.status === 503 && w.error === "SERVICE_UNAVAILABLE");
    const firstWriteOkAfter = outcomes
      .filter((w) => w.sentAt >= acceptingAt && w.status === 200)
      .sort((a, b) => a.sentAt - b.sentAt)[0];
    const lastFailure = failed.length ? Math.max(...failed.map((w) => w.sentAt)) : null;
    const failureWindowMs = failed.length
      ? [Math.min(...failed.map((w) => w.sentAt)), Math.max(...failed.map((w) => w.sentAt))]
      : [];

    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      const [found] = await sql<
        [{ n: number }]
      >`select count(*)::int as n from runs where id = any(${acknowledged.map((w) => w.runId!)}::uuid[])`;

      // The client retries what failed with the same idempotency key: one run per key, no duplicates.
      const t1 = Date.now();
      const retried = writes.filter((w) => w.status !== 200);
      for (const write of retried) await send(write, t1);
      const [rows] = await sql<[{ total: number; distinct: number }]>`
        select count(*)::int as total, count(distinct notes)::int as distinct from runs where notes like 'load %'`;

      const figures = {
        outageWindowMs: [stoppedAt, acceptingAt],
        restartTookMs: acceptingAt - startingAt,
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
        writesWhileDown: writesWhileDown.length,
        answered503WhileDown: writesWhileDown.filter((w) => w.status === 503).length,
        answered503: unavailable.length,
        retryAfterHeaders: countBy(unavailable.map((w) => w.retryAfter ?? "(none)")),
        writesOkSecondsAfterDatabaseAccepts: firstWriteOkAfter ? (firstWriteOkAfter.sentAt - acceptingAt) / 1000 : null,
        lastFailureSecondsAfterDatabaseAccepts: lastFailure === null ? null : (lastFailure - acceptingAt) / 1000,
        serverLogged503: countBy(unavailableReasons),
        routesWhileDown,
        routesAfter,
        retriedOk: retried.filter((w) => w.status === 200).length,
        runsAfterRetries: rows.total,
        distinctKeysAfterRetries: rows.distinct,
      };
      console.log(`database restart: ${JSON.stringify(figures, null, 2)}`);

      expect(downDuringOutage.length, "health was polled during the outage").toBeGreaterThan(0);
      expect(
        downDuringOutage.every((s) => s.status === 503),
        "health answers 503 while the database is down",
      ).toBe(true);
      expect(firstHealthyAfter, "health answers 200 again after the restart").toBeDefined();
      expect(figures.healthySecondsAfterDatabaseAccepts!).toBeLessThanOrEqual(5);
      expect(found.n, "every acknowledged write is stored").toBe(acknowledged.length);
      expect(failedOutsideOutage, "writes fail only around the outage").toEqual([]);
      // The client is told to try again, not that the server broke.
      expect(figures.answered503WhileDown, "writes sent while the database was down were answered 503").toBeGreaterThan(
        0,
      );
      expect(
        writesWhileDown.filter((w) => w.status !== 503),
        "every write sent and answered while the database is down is answered 503",
      ).toEqual([]);
      expect(failureKinds, "every failed write is 503 SERVICE_UNAVAILABLE, none 500").toEqual({
        "503 SERVICE_UNAVAILABLE": failed.length,
      });
      expect(
        unavailable.filter((w) => !(Number(w.retryAfter) > 0)),
        "every 503 says when to retry (Retry-After)",
      ).toEqual([]);
      expect(
        routesWhileDown,
        "CSV export, calendar feed, pages and upload answer 503 while the database is down",
      ).toEqual({
        "athlete's page": "503 retry-after 2",
        settings: "503 retry-after 2",
        csv: "503 retry-after 2",
        calendar: "503 retry-after 2",
        upload: "503 retry-after 2",
      });
      expect(routesAfter, "and 200 once it is back").toEqual({
        csv: "200",
        calendar: "200",
        "athlete's page": "200",
        settings: "200",
        upload: "200",
      });
      expect(firstWriteOkAfter, "writes succeed again after the restart").toBeDefined();
      expect(figures.writesOkSecondsAfterDatabaseAccepts!).toBeLessThanOrEqual(5);
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
