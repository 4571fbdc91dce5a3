/**
 * Conversations against a real PostgreSQL, as the app's restricted role: threads on a run and on a
 * week, replies both ways, unread counts for each reader, and read marks that only move forward.
 */
import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/server/data/users";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { contextFor } from "~/test/sessions";
import { useTestDatabase } from "~/test/test-database";
import { createCaller } from "./root";

const RUN_DAY = "2026-11-24"; // the fixture's runs
const WEEK = "2026-11-23";

describe("comment threads", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  const as = (user: SessionUser) => createCaller(contextFor(t.app.db, user));
  const unread = (user: SessionUser) => as(user).comments.unread({ orgSlug: a.slug });

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Threads");
  });

  it("carries a run's conversation both ways, each side counting what the other wrote", async () => {
    const athlete = as(a.users.athlete1);
    const coach = as(a.users.coach);
    const run = { orgSlug: a.slug, athleteId: a.athleteIds.athlete1, runId: a.runIds.public1 };

    // The fixture's coach comment waits for the athlete; the coach wrote it, so it is not unread for them.
    expect(await unread(a.users.athlete1)).toMatchObject({
      total: 1,
      threads: [{ athleteId: a.athleteIds.athlete1, thread: `run:${a.runIds.public1}`, count: 1 }],
    });
    expect((await unread(a.users.coach)).total).toBe(0);

    const [thread] = await athlete.comments.threads({ orgSlug: a.slug, runId: a.runIds.public1 });
    expect(thread).toMatchObject({ runId: a.runIds.public1, runDate: RUN_DAY, unread: 1 });
    expect(thread!.comments.map((c) => c.body)).toEqual(["Nice and easy."]);

    await athlete.comments.markRead({ ...run, upTo: thread!.comments.at(-1)!.id });
    expect((await unread(a.users.athlete1)).total).toBe(0);

    await athlete.comments.create({ ...run, body: "It felt easy, promise." });
    expect((await unread(a.users.athlete1)).total).toBe(0);
    expect(await unread(a.users.coach)).toMatchObject({
      total: 1,
      threads: [{ athleteName: expect.any(String), thread: `run:${a.runIds.public1}`, count: 1 }],
    });

    const [seenByCoach] = await coach.comments.threads({ ...run });
    expect(seenByCoach!.comments.map((c) => [c.body, c.unread])).toEqual([
      ["Nice and easy.", false],
      ["It felt easy, promise.", true],
    ]);
    // A reply posted after the coach's page was drawn stays unread when the coach marks what they saw.
    await athlete.comments.create({ ...run, body: "Also, my knee is fine." });
    await coach.comments.markRead({ ...run, upTo: seenByCoach!.comments.at(-1)!.id });
    expect(await unread(a.users.coach)).toMatchObject({ total: 1 });
    // Marks never move back: marking an older comment leaves the newer one read.
    const [again] = await coach.comments.threads({ ...run });
    await coach.comments.markRead({ ...run, upTo: again!.comments.at(-1)!.id });
    await coach.comments.markRead({ ...run, upTo: again!.comments[0]!.id });
    expect((await unread(a.users.coach)).total).toBe(0);

    // Writing in a thread without opening it leaves what others wrote there unread.
    await athlete.comments.create({ ...run, body: "One more thing." });
    await coach.comments.create({ ...run, body: "Noted." });
    expect(await unread(a.users.coach)).toMatchObject({ total: 1 });
    const [latest] = await coach.comments.threads({ ...run });
    await coach.comments.markRead({ ...run, upTo: latest!.comments.at(-1)!.id });
    expect((await unread(a.users.coach)).total).toBe(0);
    expect((await unread(a.users.athlete1)).total).toBe(1);
    const [mine] = await athlete.comments.threads({ ...run });
    await athlete.comments.markRead({ ...run, upTo: mine!.comments.at(-1)!.id });
  });

  it("gathers a week's thread with those on the week's runs, and keeps threads apart", async () => {
    const coach = as(a.users.coach);
    const week = { orgSlug: a.slug, athleteId: a.athleteIds.athlete1, weekStart: WEEK };
    const posted = await coach.comments.create({ ...week, body: "Solid week." });

    const weekOnly = await as(a.users.athlete1).comments.threads({ orgSlug: a.slug, weekStart: WEEK });
    expect(weekOnly.map((th) => th.key)).toEqual([`week:${WEEK}`]);
    const withRuns = await as(a.users.athlete1).comments.threads({
      orgSlug: a.slug,
      weekStart: WEEK,
      weekEnd: "2026-11-29",
    });
    expect(withRuns.map((th) => th.key).sort()).toEqual([`run:${a.runIds.public1}`, `week:${WEEK}`].sort());
    // Unread first.
    expect(withRuns[0]).toMatchObject({ key: `week:${WEEK}`, unread: 1 });
    const laterWeek = await as(a.users.athlete1).comments.threads({
      orgSlug: a.slug,
      weekStart: "2026-11-30",
      weekEnd: "2026-12-06",
    });
    expect(laterWeek).toEqual([]);

    // A comment names the thread it belongs to: not one about the run.
    const wrongThread = await as(a.users.athlete1)
      .comments.markRead({ ...week, weekStart: undefined, runId: a.runIds.public1, upTo: posted.id })
      .catch((e: unknown) => e);
    expect(wrongThread).toBeInstanceOf(TRPCError);
    expect((wrongThread as TRPCError).code).toBe("NOT_FOUND");
    await as(a.users.athlete1).comments.markRead({ ...week, upTo: posted.id });
    expect((await unread(a.users.athlete1)).total).toBe(0);
  });

  it("counts for an owner the threads they wrote in, and for a coach only their own athletes", async () => {
    const run = { orgSlug: a.slug, athleteId: a.athleteIds.athlete2, runId: a.runIds.public2 };
    await as(a.users.owner).comments.create({ ...run, body: "Welcome aboard." });
    expect((await unread(a.users.athlete2)).total).toBe(1);
    await as(a.users.athlete2).comments.create({ ...run, body: "Glad to be here." });
    expect(await unread(a.users.owner)).toMatchObject({ total: 1, threads: [{ athleteId: a.athleteIds.athlete2 }] });
    // Athlete 2 is not the coach's: nothing of theirs reaches the coach, nor athlete 1.
    expect((await unread(a.users.coach)).total).toBe(0);
    expect((await unread(a.users.athlete1)).threads.map((th) => th.athleteId)).not.toContain(a.athleteIds.athlete2);
  });

  it("keeps each member's read marks to themself", async () => {
    const readers = await t.db.transaction(async (tx) => {
      await tx.execute(sql`select app.act_as(${a.users.athlete1.id}::uuid, ${a.orgId}::uuid)`);
      await tx.execute(sql`select set_config('role', 'runbalance_app', true)`);
      return tx.execute<{ user_id: string }>(sql`select user_id from comment_reads`);
    });
    // The coach and the owner have marks in this organisation too; athlete 1 sees only their own.
    expect(readers.length).toBeGreaterThan(0);
    expect(new Set(readers.map((r) => r.user_id))).toEqual(new Set([a.users.athlete1.id]));
  });
});
