/**
 * SIGTERM drains in-flight requests. Several run logs are held in flight on purpose (a table lock
 * makes their insert wait) and an activity file is being uploaded slowly when the server gets
 * SIGTERM. Expected: new connections are refused at once, every request in flight completes with
 * 200, the process exits within the grace period, and its database connections are gone afterwards.
 *
 * Next.js 16 drains by itself on SIGTERM (`next start`: server.close(), then the Next server's own
 * cleanup; see "after" in node_modules/next/dist/docs/01-app/02-guides/self-hosting.md), then exits
 * with 143 (128 + SIGTERM) on purpose, so the exit reads as "ended by SIGTERM". A custom handler
 * (NEXT_MANUAL_SIG_HANDLE, documented for the Pages Router only) is not needed, and would have to
 * re-implement the drain without access to Next's HTTP server.
 */
import { request } from "node:http";
import { connect as connectTcp } from "node:net";
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_PASSWORD, type OrgFixture } from "~/test/fixtures";
import { signIn, trpcMutation, type Session, type TrpcResponse } from "../../../scripts/lib/http-client";
import {
  prepareDatabase,
  runFaultTest,
  startProductionServer,
  startRestartableDatabase,
  type ProductionServer,
  type RestartableDatabase,
} from "./production-server";

const IN_FLIGHT_WRITES = 6;
/** How long the held requests stay in flight after SIGTERM. */
const HOLD_AFTER_SIGTERM_MS = 2_000;
/** Kubernetes' default terminationGracePeriodSeconds is 30 s; we ask for far less. */
const GRACE_PERIOD_MS = 10_000;
const SIGTERM_EXIT_CODE = 143;

describe.runIf(runFaultTest("graceful shutdown test"))("SIGTERM while requests are in flight", () => {
  let database: RestartableDatabase;
  let server: ProductionServer;
  let org: OrgFixture;
  let athlete: Session;
  let admin: postgres.Sql;

  beforeAll(async () => {
    database = await startRestartableDatabase("sigterm");
    org = await prepareDatabase(database.url);
    server = await startProductionServer(database.url);
    athlete = await signIn(server.baseUrl, org.users.athlete1.email, FIXTURE_PASSWORD);
    admin = postgres(database.url, { max: 2, onnotice: () => {} });
  });

  afterAll(async () => {
    await admin?.end({ timeout: 5 });
    await server?.stop();
    await database?.destroy();
  });

  function logRun(i: number): Promise<TrpcResponse> {
    const run = {
      date: "2026-01-15",
      time: "07:00",
      kind: "recovery",
      durationS: 1500 + i,
      distanceM: 4000,
      rpe: 2,
      notes: `in flight ${i}`,
    };
    return trpcMutation(athlete, "runs.log", { orgSlug: org.slug, idempotencyKey: randomUUID(), run }, 30_000);
  }

  /** Sessions of the app (application_name "runbalance") waiting on a lock: the held requests. */
  async function waitingOnLock(): Promise<number> {
    const [row] = await admin<[{ n: number }]>`
      select count(*)::int as n from pg_stat_activity where application_name = 'runbalance' and wait_event_type = 'Lock'`;
    return row.n;
  }

  /** Uploads a GPX file in small pieces over `spreadMs`: a request that is in flight for that long. */
  function slowUpload(spreadMs: number): Promise<{ status: number; body: string }> {
    const file = readFileSync("src/server/activity-import/fixtures/run-with-hr.gpx");
    const pieces = 20;
    return new Promise((resolve, reject) => {
      const req = request(`${server.baseUrl}/o/${org.slug}/import/upload`, {
        method: "POST",
        headers: {
          cookie: athlete.cookie,
          "x-runbalance-upload": "1",
          "x-file-name": "slow-upload.gpx",
          "content-type": "application/octet-stream",
          "content-length": String(file.length),
        },
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      const size = Math.ceil(file.length / pieces);
      let sent = 0;
      const next = () => {
        req.write(file.subarray(sent * size, (sent + 1) * size));
        if (++sent < pieces) setTimeout(next, spreadMs / pieces);
        else req.end();
      };
      next();
    });
  }

  /** Whether a fresh TCP connection to the server is accepted. */
  function acceptsConnections(): Promise<boolean> {
    const { hostname, port } = new URL(server.baseUrl);
    return new Promise((resolve) => {
      const socket = connectTcp({ host: hostname, port: Number(port) });
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
  }

  it("finishes every in-flight request with 200, refuses new connections, then exits", async () => {
    // Hold the writes: each run log claims its idempotency key first, an insert this lock blocks.
    const lock = await admin.reserve();
    await lock`begin`;
    await lock`lock table idempotency_keys in exclusive mode`;

    const writes = Array.from({ length: IN_FLIGHT_WRITES }, (_, i) => logRun(i));
    const upload = slowUpload(HOLD_AFTER_SIGTERM_MS + 1_000);
    const deadline = Date.now() + 10_000;
    while ((await waitingOnLock()) < IN_FLIGHT_WRITES && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(await waitingOnLock(), "all held writes are in flight before SIGTERM").toBe(IN_FLIGHT_WRITES);

    const sigtermAt = Date.now();
    process.kill(server.pid, "SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    const acceptsAfterSigterm = await acceptsConnections();

    await new Promise((r) => setTimeout(r, HOLD_AFTER_SIGTERM_MS - 300));
    await lock`commit`;
    lock.release();

    const results = await Promise.all(writes);
    const uploaded = await upload;
    const exit = await Promise.race([
      server.exited,
      new Promise<null>((r) => setTimeout(() => r(null), GRACE_PERIOD_MS)),
    ]);
    const exitedAfterMs = Date.now() - sigtermAt;
    const [{ n: runsStored }] = await admin<
      [{ n: number }]
    >`select count(*)::int as n from runs where notes like 'in flight %'`;
    const [{ n: appConnections }] = await admin<
      [{ n: number }]
    >`select count(*)::int as n from pg_stat_activity where application_name = 'runbalance'`;

    const figures = {
      inFlightWrites: IN_FLIGHT_WRITES,
      writeStatuses: results.map((r) => r.status),
      uploadStatus: uploaded.status,
      acceptsNewConnectionsAfterSigterm: acceptsAfterSigterm,
      exit,
      exitedAfterMs,
      runsStored,
      appConnectionsAfterExit: appConnections,
    };
    console.log(`graceful shutdown: ${JSON.stringify(figures, null, 2)}`);

    expect(
      results.map((r) => r.status),
      "every held write completes",
    ).toEqual(Array(IN_FLIGHT_WRITES).fill(200));
    expect(uploaded.status, `the slow upload completes: ${uploaded.body}`).toBe(200);
    expect(acceptsAfterSigterm, "no new connections once draining").toBe(false);
    expect(exit, `the server exits within ${GRACE_PERIOD_MS} ms:\n${server.output()}`).not.toBeNull();
    expect(exit!.code).toBe(SIGTERM_EXIT_CODE);
    expect(runsStored).toBe(IN_FLIGHT_WRITES);
    expect(appConnections, "the app's database connections are closed").toBe(0);
  }, 60_000);
});
