/**
 * Reads on a real streaming replica (ADR 023): a primary and a hot standby started for this file
 * (src/test/streaming-pair.ts), migrated, with the app's own restricted login on both. No mocks: the
 * standby's replay is paused with pg_wal_replay_pause(), and it is stopped with pg_ctl.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import postgres from "postgres";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { now, todayUtc } from "~/lib/clock";
import { appRouter, createCaller } from "~/server/api/root";
import type { Context } from "~/server/api/trpc";
import type { SessionUser } from "~/server/data/users";
import { provisionAppLogin } from "~/server/db/app-login";
import { connect, type Connection, type Database } from "~/server/db/connection";
import { applyMigrations } from "~/server/db/migrate";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { openSession, sessionOf } from "~/test/sessions";
import { startStreamingPair, type StreamingPair } from "~/test/streaming-pair";
import { calendarForToken } from "~/server/services/calendar";
import {
  DB_ROUTE_HEADER,
  forgetReplicaOutage,
  onReplica,
  readWithoutSession,
  parseWriteMarker,
  requestReadRouting,
  WRITE_MARKER_COOKIE,
  WRITE_MARKER_MAX_AGE_SECONDS,
} from "./replica";

/** Where to look for free ports (primary, standby, and one left closed). */
const PORT = Number(process.env.REPLICA_TEST_PORT ?? 55510);

describe("reads on a streaming replica", () => {
  let pair: StreamingPair;
  let owner: Connection;
  /** The app's login on each server; every statement it sends is recorded per server. */
  let primary: Connection;
  let replica: Connection;
  let standbyAdmin: postgres.Sql;
  const sent = { primary: [] as string[], replica: [] as string[] };
  let a: OrgFixture;
  let b: OrgFixture;

  beforeAll(async () => {
    pair = await startStreamingPair(PORT);
    await applyMigrations(pair.primaryUrl);
    const login = {
      role: `rb_replica_app_${randomBytes(3).toString("hex")}`,
      password: randomBytes(18).toString("base64url"),
    };
    const appUrl = await provisionAppLogin(pair.primaryUrl, login);
    owner = connect(pair.primaryUrl, { max: 2 });
    primary = connect(appUrl, { max: 4, onQuery: (query) => void sent.primary.push(query) });
    replica = connect(pair.onStandby(appUrl), {
      max: 4,
      onQuery: (query) => void sent.replica.push(query),
    });
    standbyAdmin = postgres(pair.standbyUrl, { max: 1, onnotice: () => {} });
    a = await createOrgFixture(owner.db, "Alpha");
    b = await createOrgFixture(owner.db, "Beta");
    for (const fixture of [a, b]) for (const user of Object.values(fixture.users)) await openSession(owner.db, user.id);
    await pair.waitForReplay();
  }, 180_000);

  afterAll(async () => {
    await standbyAdmin?.end({ timeout: 1 });
    await primary?.close();
    await replica?.close();
    await owner?.close();
    await pair?.stop();
  });

  /** One request of `user`: a caller with the request's routing and what its response would carry. */
  function requestOf(user: SessionUser, options: { marker?: string; replica?: Database | null } = {}) {
    const resHeaders = new Headers();
    const readRouting = requestReadRouting({
      replica: options.replica === undefined ? replica.db : options.replica,
      markerCookie: options.marker,
      resHeaders,
      secure: false,
      exposeRoute: true,
    });
    const context: Context = {
      db: primary.db,
      user,
      sessionSecret: sessionOf(user.id),
      clientAddress: "192.0.2.10",
      readRouting,
    };
    return {
      caller: createCaller(context),
      pool: () => resHeaders.get(DB_ROUTE_HEADER),
      setCookies: () => resHeaders.getSetCookie(),
      marker: () =>
        resHeaders
          .getSetCookie()
          .map((cookie) => new RegExp(`^${WRITE_MARKER_COOKIE}=([^;]+)`).exec(cookie)?.[1])
          .find(Boolean),
    };
  }

  const run = () => ({
    date: todayUtc(),
    time: "06:30",
    kind: "recovery" as const,
    durationS: 25 * 60,
    distanceM: 4200,
    rpe: 3,
  });
  const logRun = (request: ReturnType<typeof requestOf>) =>
    request.caller.runs.log({ orgSlug: a.slug, idempotencyKey: crypto.randomUUID(), run: run() });

  it("serves the opted-in reads from the standby, with the primary's answers", async () => {
    const before = sent.replica.length;
    const coach = requestOf(a.users.coach);
    const roster = await coach.caller.roster.list({ orgSlug: a.slug });
    expect(coach.pool()).toBe("replica");
    expect(sent.replica.length).toBeGreaterThan(before);
    // The digests the replica computed were stored on the primary afterwards (the roster's cache).
    const n = (
      await owner.sql<{ n: number }[]>`select count(*)::int as n from week_digests where org_id = ${a.orgId}`
    )[0]!.n;
    expect(n).toBeGreaterThan(0);
    await pair.waitForReplay();
    // The same answer on the primary alone (no replica configured), now from the cached digests.
    expect(await requestOf(a.users.coach, { replica: null }).caller.roster.list({ orgSlug: a.slug })).toEqual(roster);

    const reads: Array<[ReturnType<typeof requestOf>, (r: ReturnType<typeof requestOf>) => Promise<unknown>]> = [
      [
        requestOf(a.users.coach),
        (r) => r.caller.athletes.overview({ orgSlug: a.slug, athleteId: a.athleteIds.athlete1 }),
      ],
      [requestOf(a.users.athlete1), (r) => r.caller.athleteWeeks.history({ orgSlug: a.slug })],
      [requestOf(a.users.athlete1), (r) => r.caller.athleteWeeks.feedback({ orgSlug: a.slug })],
      [requestOf(a.users.athlete1), (r) => r.caller.runs.allMine({ orgSlug: a.slug })],
    ];
    for (const [request, read] of reads) {
      const answer = await read(request);
      expect(request.pool()).toBe("replica");
      expect(answer).toEqual(
        await read(requestOf(request === reads[0]![0] ? a.users.coach : a.users.athlete1, { replica: null })),
      );
    }
    // A read on the standby sends as many statements as the same read on the primary alone.
    const count = async (log: string[], read: () => Promise<unknown>) => {
      const start = log.length;
      await read();
      return log.length - start;
    };
    const onStandby = await count(sent.replica, () =>
      requestOf(a.users.athlete1).caller.runs.allMine({ orgSlug: a.slug }),
    );
    const onPrimary = await count(sent.primary, () =>
      requestOf(a.users.athlete1, { replica: null }).caller.runs.allMine({ orgSlug: a.slug }),
    );
    expect(onStandby).toBe(onPrimary);

    // Not opted in: on the primary.
    const me = requestOf(a.users.athlete1);
    await me.caller.athleteWeeks.thisWeek({ orgSlug: a.slug });
    expect(me.pool()).toBe("primary");
  });

  it("sends a user's reads after their write to the primary while the standby lags; others still read the standby", async () => {
    await pair.waitForReplay();
    await standbyAdmin`select pg_wal_replay_pause()`;
    try {
      const replicaBefore = sent.replica.length;
      const write = requestOf(a.users.athlete1);
      const { run: logged } = await logRun(write);
      expect(write.pool()).toBe("primary");
      // The mutation and its marker never touched the standby.
      expect(sent.replica.length).toBe(replicaBefore);
      const marker = write.marker();
      expect(parseWriteMarker(marker)).toBe(marker);
      const cookie = write.setCookies().find((c) => c.startsWith(`${WRITE_MARKER_COOKIE}=`))!;
      expect(cookie).toContain("HttpOnly");
      expect(cookie).toContain("SameSite=Lax");
      expect(cookie).toContain(`Max-Age=${WRITE_MARKER_MAX_AGE_SECONDS}`);

      // With the marker: the primary, which has the run.
      const mine = requestOf(a.users.athlete1, { marker });
      expect((await mine.caller.runs.allMine({ orgSlug: a.slug })).map((r) => r.id)).toContain(logged.id);
      expect(mine.pool()).toBe("primary");
      // Without it (another browser): the paused standby, which has not replayed the run yet.
      const elsewhere = requestOf(a.users.athlete1);
      expect((await elsewhere.caller.runs.allMine({ orgSlug: a.slug })).map((r) => r.id)).not.toContain(logged.id);
      expect(elsewhere.pool()).toBe("replica");
      // Another user still reads the standby.
      const coach = requestOf(a.users.coach);
      await coach.caller.athletes.overview({ orgSlug: a.slug, athleteId: a.athleteIds.athlete1 });
      expect(coach.pool()).toBe("replica");
    } finally {
      await standbyAdmin`select pg_wal_replay_resume()`;
    }
    // Once replayed, the marker no longer holds the user on the primary.
    await pair.waitForReplay();
    const write = requestOf(a.users.athlete1);
    const { run: logged } = await logRun(write);
    await pair.waitForReplay();
    const later = requestOf(a.users.athlete1, { marker: write.marker() });
    expect((await later.caller.runs.allMine({ orgSlug: a.slug })).map((r) => r.id)).toContain(logged.id);
    expect(later.pool()).toBe("replica");
  });

  it("reads a session the standby has not replayed yet on the primary (a sign-in a moment ago)", async () => {
    await pair.waitForReplay();
    await standbyAdmin`select pg_wal_replay_pause()`;
    try {
      await openSession(owner.db, a.users.athlete2.id);
      const fresh = requestOf(a.users.athlete2);
      expect((await fresh.caller.athleteWeeks.history({ orgSlug: a.slug })).weeks.length).toBeGreaterThan(0);
      expect(fresh.pool()).toBe("primary");
    } finally {
      await standbyAdmin`select pg_wal_replay_resume()`;
    }
    await pair.waitForReplay();
    const later = requestOf(a.users.athlete2);
    await later.caller.athleteWeeks.history({ orgSlug: a.slug });
    expect(later.pool()).toBe("replica");
  });

  it("adds one statement to a mutation with a replica (its WAL position) and none without", async () => {
    const statementsOfLog = async (replicaDb: Database | null) => {
      const start = sent.primary.length;
      await logRun(requestOf(a.users.athlete1, { replica: replicaDb }));
      return sent.primary.slice(start);
    };
    await statementsOfLog(null); // warm: the first run of a day may differ from the next
    const without = await statementsOfLog(null);
    const withReplica = await statementsOfLog(replica.db);
    expect(without.some((q) => q.includes("pg_current_wal_lsn"))).toBe(false);
    expect(withReplica.length).toBe(without.length + 1);
    expect(withReplica.at(-1)).toContain("pg_current_wal_lsn");
  });

  it("puts the marker cookie and the pool header on tRPC's HTTP answers (the fetch adapter's resHeaders)", async () => {
    const user = a.users.athlete1;
    const call = (path: string, init: RequestInit, marker?: string) =>
      fetchRequestHandler({
        endpoint: "/api/trpc",
        req: new Request(`http://localhost/api/trpc/${path}`, init),
        router: appRouter,
        createContext: ({ resHeaders }) => ({
          db: primary.db,
          user,
          sessionSecret: sessionOf(user.id),
          clientAddress: "192.0.2.10",
          readRouting: requestReadRouting({
            replica: replica.db,
            markerCookie: marker,
            resHeaders,
            secure: false,
            exposeRoute: true,
          }),
        }),
      });
    const input = { orgSlug: a.slug, idempotencyKey: crypto.randomUUID(), run: run() };
    const logged = await call("runs.log", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(superjson.serialize(input)),
    });
    expect(logged.status).toBe(200);
    expect(logged.headers.get(DB_ROUTE_HEADER)).toBe("primary");
    const cookie = logged.headers.getSetCookie().find((c) => c.startsWith(`${WRITE_MARKER_COOKIE}=`));
    const marker = parseWriteMarker(/=([^;]+)/.exec(cookie ?? "")?.[1]);
    expect(marker).not.toBeNull();
    await pair.waitForReplay();
    const query = encodeURIComponent(JSON.stringify(superjson.serialize({ orgSlug: a.slug })));
    const read = await call(`runs.allMine?input=${query}`, { method: "GET" }, marker!);
    expect(read.status).toBe(200);
    expect(read.headers.get(DB_ROUTE_HEADER)).toBe("replica");
    expect(read.headers.getSetCookie()).toEqual([]);
  });

  it("refuses a forged or garbage marker harmlessly", async () => {
    for (const garbage of ["garbage", "0/0'; select 1 --", "1/2/3", "G/0", "0/" + "A".repeat(40), "", "%2F"]) {
      expect(parseWriteMarker(garbage)).toBeNull();
      const request = requestOf(a.users.athlete1, { marker: garbage });
      await request.caller.runs.allMine({ orgSlug: a.slug });
      expect(request.pool()).toBe("replica");
    }
    // A well-formed marker from the future only keeps this user's own reads on the primary.
    const future = requestOf(a.users.athlete1, { marker: "FFFFFFFF/FFFFFFFF" });
    await future.caller.runs.allMine({ orgSlug: a.slug });
    expect(future.pool()).toBe("primary");
  });

  it("holds tenancy on the standby as on the primary", async () => {
    // Another organisation's coach: not found, answered by the standby's own row-level security.
    const before = sent.replica.length;
    await expect(requestOf(b.users.coach).caller.roster.list({ orgSlug: a.slug })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(sent.replica.length).toBeGreaterThan(before);
    await expect(
      requestOf(b.users.owner).caller.athletes.overview({ orgSlug: b.slug, athleteId: a.athleteIds.athlete1 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });

    // The policies themselves, on the standby, as the app's role: nothing without a context, nothing
    // of A in B's context, A's runs in A's.
    const runsOfA = (secret: string | null, org: string | null) =>
      replica.db.transaction(
        async (tx) => {
          await tx.execute(sql`select set_config('role', 'runbalance_app', true), app.enter_session(${secret})`);
          if (org) await tx.execute(sql`select app.enter_organisation(${org}::uuid)`);
          const [row] = await tx.execute<{ n: number }>(
            sql`select count(*)::int as n from runs where org_id = ${a.orgId}`,
          );
          return row!.n;
        },
        { accessMode: "read only" },
      );
    expect(await runsOfA(null, null)).toBe(0);
    expect(await runsOfA(sessionOf(b.users.owner.id), b.orgId)).toBe(0);
    expect(await runsOfA(sessionOf(b.users.owner.id), a.orgId)).toBe(0);
    expect(await runsOfA(sessionOf(a.users.owner.id), a.orgId)).toBeGreaterThan(0);
  });

  it("falls back to the primary when the standby cannot be reached, and returns to it", async () => {
    // A replica that is not there at all.
    const absent = connect(pair.closedUrl, { max: 1 });
    try {
      const request = requestOf(a.users.athlete1, { replica: absent.db });
      expect((await request.caller.runs.allMine({ orgSlug: a.slug })).length).toBeGreaterThan(0);
      expect(request.pool()).toBe("primary");
    } finally {
      await absent.close();
      forgetReplicaOutage();
    }
    // The standby stopped while the app's pool held connections to it.
    await requestOf(a.users.coach).caller.roster.list({ orgSlug: a.slug });
    await pair.stopStandby();
    try {
      for (const user of [a.users.coach, a.users.owner]) {
        const request = requestOf(user);
        expect((await request.caller.roster.list({ orgSlug: a.slug })).length).toBeGreaterThan(0);
        expect(request.pool()).toBe("primary");
      }
    } finally {
      await pair.startStandby();
      forgetReplicaOutage();
    }
    await pair.waitForReplay();
    const request = requestOf(a.users.coach);
    await request.caller.roster.list({ orgSlug: a.slug });
    expect(request.pool()).toBe("replica");
  });

  it("serves calendar feeds from the standby, and a feed revoked a moment ago there until replayed", async () => {
    await pair.waitForReplay();
    const { path } = await requestOf(b.users.athlete1).caller.calendarFeeds.create({ orgSlug: b.slug });
    const token = path.replace("/api/calendar/", "");
    await pair.waitForReplay();
    const feed = () => readWithoutSession(primary.db, replica.db, (db) => calendarForToken(db, token, now()));
    const served = await feed();
    expect(served.pool).toBe("replica");
    expect(served.value).toContain("BEGIN:VCALENDAR");

    await standbyAdmin`select pg_wal_replay_pause()`;
    try {
      await requestOf(b.users.athlete1).caller.calendarFeeds.revoke({ orgSlug: b.slug });
      // The accepted window (ADR 023): until the standby replays the revocation, it still serves the feed.
      expect((await feed()).value).toContain("BEGIN:VCALENDAR");
    } finally {
      await standbyAdmin`select pg_wal_replay_resume()`;
    }
    await pair.waitForReplay();
    expect(await feed()).toEqual({ value: null, pool: "replica" });
  });

  it("keeps a replica read read-only even where the replica's name points at the primary", async () => {
    // A pooler sends the replica's connections to the primary while no standby is healthy.
    const request = requestOf(a.users.athlete1, { replica: primary.db, marker: "FFFFFFFF/FFFFFFFF" });
    await request.caller.runs.allMine({ orgSlug: a.slug });
    // The primary has every write, whatever the marker says.
    expect(request.pool()).toBe("replica");
    const attempt = onReplica(
      primary.db,
      { sessionSecret: sessionOf(a.users.athlete1.id), expectedUserId: a.users.athlete1.id, mustSee: null },
      (tx) => tx.execute(sql`update users set name = name where id = ${a.users.athlete1.id}`),
    );
    await expect(attempt).rejects.toMatchObject({ cause: { code: "25006" } }); // read_only_sql_transaction
  });

  it("measures the replay lag: commit on the primary to replayed on the standby", async () => {
    await owner.sql`create table if not exists replay_probe (id serial primary key, at timestamptz default now())`;
    await pair.waitForReplay();
    const standby = postgres(pair.standbyUrl, { max: 1, onnotice: () => {} });
    const lags: number[] = [];
    try {
      for (let i = 0; i < 200; i++) {
        const lsn = (
          await owner.sql<{ lsn: string }[]>`insert into replay_probe default values
          returning pg_current_wal_lsn()::text as lsn`
        )[0]!.lsn;
        // The insert's commit is acknowledged here: from now until the standby has replayed it.
        const committed = performance.now();
        const commitLsn = (
          await owner.sql<{ commitLsn: string }[]>`select pg_current_wal_lsn()::text as "commitLsn"`
        )[0]!.commitLsn;
        for (;;) {
          const done = (
            await standby<{ done: boolean }[]>`select pg_last_wal_replay_lsn() >= ${commitLsn}::pg_lsn as done`
          )[0]!.done;
          if (done) break;
        }
        lags.push(performance.now() - committed);
        expect(lsn).toBeTruthy();
      }
    } finally {
      await standby.end({ timeout: 1 });
    }
    lags.sort((x, y) => x - y);
    const p50 = lags[Math.floor(lags.length * 0.5)]!;
    const p95 = lags[Math.floor(lags.length * 0.95)]!;
    console.log(
      `replica replay lag over ${lags.length} writes: p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${lags.at(-1)!.toFixed(2)} ms`,
    );
    // Loopback streaming replication replays within a second even on a busy two-core machine.
    expect(p95).toBeLessThan(1000);
  });
});
