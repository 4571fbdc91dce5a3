/**
 * The run log's write path (ADR 024): at most six SQL statements per request, counted as a request
 * sends them (the request context's session lookup, BEGIN, the organisation's entry, the read, the
 * write, COMMIT), through the app's own login, for every way a run is logged; and the feedback it
 * computes before writing is the one the database gives after (an edit with the same values).
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayUtc } from "~/lib/clock";
import { findSessionAccount } from "~/server/data/accounts";
import type { SessionUser } from "~/server/data/users";
import { connect, type Connection } from "~/server/db/connection";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { sessionOf } from "~/test/sessions";
import { useTestDatabase } from "~/test/test-database";
import { createCaller } from "./root";

/** Budget of issue 18: session lookup, BEGIN, tenant entry, the writes, COMMIT. */
const RUN_LOG_STATEMENTS = 6;

describe("logging a run's statements", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  let counted: Connection;
  let statements: string[] = [];
  const replicaUrl = process.env.DATABASE_REPLICA_URL;

  /** A request as the route handler makes it: the session read for the context, then the procedure. */
  async function request<T>(user: SessionUser, call: (caller: ReturnType<typeof createCaller>) => Promise<T>) {
    statements = [];
    const secret = sessionOf(user.id);
    const sessionUser = await findSessionAccount(counted.db, secret);
    const caller = createCaller({ db: counted.db, user: sessionUser, sessionSecret: secret, clientAddress: null });
    const result = await call(caller);
    return { result, statements: [...statements] };
  }

  const run = (overrides: Record<string, unknown> = {}) => ({
    date: todayUtc(),
    time: "06:30",
    kind: "aerobic" as const,
    durationS: 45 * 60,
    distanceM: 8000,
    rpe: 4,
    ...overrides,
  });
  const runsOf = async (athleteId: string) =>
    (
      await t.db.execute<{ n: number }>(
        sql`select count(*)::int as n from runs where org_id = ${a.orgId} and athlete_id = ${athleteId}`,
      )
    )[0]!.n;

  beforeAll(async () => {
    // The count is the primary's: a configured replica may add a statement after a commit.
    delete process.env.DATABASE_REPLICA_URL;
    a = await createOrgFixture(t.db, "Counted");
    counted = connect(t.app.url, { max: 2, onQuery: (query) => statements.push(query) });
    // Warm up the connection (type lookups happen once per connection, not per request).
    await request(a.users.athlete1, (c) =>
      c.runs.log({ orgSlug: a.slug, idempotencyKey: randomUUID(), run: run({ time: "05:00" }) }),
    );
  });
  afterAll(async () => {
    await counted?.close();
    if (replicaUrl !== undefined) process.env.DATABASE_REPLICA_URL = replicaUrl;
  });

  it(`an athlete's own run: at most ${RUN_LOG_STATEMENTS} statements, and the run is saved`, async () => {
    const before = await runsOf(a.athleteIds.athlete1);
    const { result, statements } = await request(a.users.athlete1, (c) =>
      c.runs.log({ orgSlug: a.slug, idempotencyKey: randomUUID(), run: run() }),
    );
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(RUN_LOG_STATEMENTS);
    expect(statements[0]).toMatch(/app\.session_account/);
    expect(statements.at(-1)).toMatch(/^commit/);
    expect(result.run).toMatchObject({ athleteId: a.athleteIds.athlete1, rpe: 4, source: "manual" });
    expect(await runsOf(a.athleteIds.athlete1)).toBe(before + 1);
  });

  it("a coach logging for their athlete, and a run raising a warning their coach is told of (inbox and mail job)", async () => {
    const coachLogs = await request(a.users.coach, (c) =>
      c.runs.log({ orgSlug: a.slug, athleteId: a.athleteIds.athlete1, idempotencyKey: randomUUID(), run: run() }),
    );
    expect(coachLogs.statements.length, coachLogs.statements.join("\n")).toBeLessThanOrEqual(RUN_LOG_STATEMENTS);
    expect(coachLogs.result.run.athleteId).toBe(a.athleteIds.athlete1);

    const jobsBefore = (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from graphile_worker.jobs`))[0]!
      .n;
    const warned = await request(a.users.athlete1, (c) =>
      c.runs.log({
        orgSlug: a.slug,
        idempotencyKey: randomUUID(),
        run: run({ time: "19:00", kind: "recovery", durationS: 25 * 60, distanceM: 4200, rpe: 9 }),
      }),
    );
    expect(warned.statements.length, warned.statements.join("\n")).toBeLessThanOrEqual(RUN_LOG_STATEMENTS);
    const inbox = await t.db.execute<{ recipient_user_id: string }>(
      sql`select recipient_user_id from notifications where kind = 'run_warning' and link like ${`%${warned.result.run.id}`}`,
    );
    expect(inbox.map((n) => n.recipient_user_id)).toEqual([a.users.coach.id]);
    const jobsAfter = (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from graphile_worker.jobs`))[0]!
      .n;
    expect(jobsAfter).toBe(jobsBefore + 1);
  });

  it("a replayed key answers the first result in fewer statements and writes nothing", async () => {
    const input = { orgSlug: a.slug, idempotencyKey: randomUUID(), run: run({ time: "12:00" }) };
    const first = await request(a.users.athlete1, (c) => c.runs.log(input));
    const count = await runsOf(a.athleteIds.athlete1);
    const again = await request(a.users.athlete1, (c) => c.runs.log(input));
    expect(again.statements.length).toBeLessThan(first.statements.length);
    expect(again.result).toEqual(JSON.parse(JSON.stringify(first.result)));
    expect(await runsOf(a.athleteIds.athlete1)).toBe(count);
  });

  it("names only the athlete's own planned session, and nothing is written when refused", async () => {
    const planned = { date: "2026-11-03", time: "07:00", kind: "recovery" as const, rpe: 2 };
    const count = await runsOf(a.athleteIds.athlete2);
    await expect(
      request(a.users.athlete2, (c) =>
        c.runs.log({
          orgSlug: a.slug,
          idempotencyKey: randomUUID(),
          run: run({ ...planned, plannedSessionId: a.plannedSessionId }),
        }),
      ),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await runsOf(a.athleteIds.athlete2)).toBe(count);
    const { result } = await request(a.users.athlete1, (c) =>
      c.runs.log({
        orgSlug: a.slug,
        idempotencyKey: randomUUID(),
        run: run({ ...planned, plannedSessionId: a.plannedSessionId }),
      }),
    );
    expect(result.run.plannedSessionId).toBe(a.plannedSessionId);
  });

  it("gives the same feedback as the database read after the write (an edit saving the same values)", async () => {
    for (const values of [
      run({ date: "2026-11-03", time: "18:00", kind: "recovery", durationS: 30 * 60, distanceM: 5000, rpe: 6 }),
      run({ time: "20:00", kind: "tempo", durationS: 50 * 60, distanceM: 11000, rpe: 8 }),
    ]) {
      const { result: logged } = await request(a.users.athlete1, (c) =>
        c.runs.log({ orgSlug: a.slug, idempotencyKey: randomUUID(), run: values }),
      );
      const { result: edited } = await request(a.users.athlete1, (c) =>
        c.runs.update({ orgSlug: a.slug, runId: logged.run.id, run: values }),
      );
      expect(logged.feedback).toEqual(edited.feedback);
      expect(logged.run).toEqual({ ...edited.run });
    }
  });
});
