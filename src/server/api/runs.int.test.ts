import ICAL from "ical.js";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, weekStartFor } from "~/domain/rules";
import type { SessionUser } from "~/server/data/users";
import { plannedSessions, plannedWeeks } from "~/server/db/schema";
import { setOrganisation } from "~/server/db/tenant";
import { calendarForToken } from "~/server/services/calendar";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { useTestDatabase } from "~/test/test-database";
import { createCaller } from "./root";
import { contextFor } from "~/test/sessions";
import { now, todayUtc } from "~/lib/clock";

describe("logging runs", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  const as = (user: SessionUser) => createCaller(contextFor(t.db, user));
  const today = todayUtc();
  const recoveryRun = {
    date: today,
    time: "06:30",
    kind: "recovery" as const,
    durationS: 25 * 60,
    distanceM: 4200,
    rpe: 5,
  };
  const countRuns = async () =>
    (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from runs where org_id = ${a.orgId}`))[0]!.n;

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Alpha");
  });

  it("creates one run for one idempotency key, however often it is sent, and answers the same", async () => {
    const before = await countRuns();
    const input = { orgSlug: a.slug, idempotencyKey: crypto.randomUUID(), run: recoveryRun };
    const first = await as(a.users.athlete1).runs.log(input);
    const again = await as(a.users.athlete1).runs.log(input);
    expect(again).toEqual(JSON.parse(JSON.stringify(first)));
    // Ten concurrent copies of a new submission (double taps, retries) still make one run.
    const storm = { ...input, idempotencyKey: crypto.randomUUID() };
    const answers = await Promise.all(Array.from({ length: 10 }, () => as(a.users.athlete1).runs.log(storm)));
    expect(new Set(answers.map((r) => r.run.id)).size).toBe(1);
    expect(await countRuns()).toBe(before + 2);
    // The same key for a different run is refused.
    await expect(as(a.users.athlete1).runs.log({ ...input, run: { ...recoveryRun, rpe: 2 } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await countRuns()).toBe(before + 2);
  });

  it("gives the 'too hard' feedback for a recovery run at RPE 5", async () => {
    const { feedback } = await as(a.users.athlete1).runs.log({
      orgSlug: a.slug,
      idempotencyKey: crypto.randomUUID(),
      run: recoveryRun,
    });
    expect(feedback!.runFlags.map((f) => f.code)).toContain("recovery_too_hard");
    expect(feedback!.runFlags.find((f) => f.code === "recovery_too_hard")!.message).toMatch(/RPE 5/);
  });

  it.each([
    [{ rpe: 0 }, "rpe"],
    [{ rpe: 11 }, "rpe"],
    [{ durationS: -600 }, "durationS"],
    [{ distanceM: 500_000 }, "distanceM"],
    [{ date: addDays(today, 30) }, "date"],
  ])("refuses %o with a message at the field and changes nothing", async (change, field) => {
    const before = await countRuns();
    const attempt = as(a.users.athlete1).runs.log({
      orgSlug: a.slug,
      idempotencyKey: crypto.randomUUID(),
      run: { ...recoveryRun, ...change },
    });
    await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const error = (await attempt.catch((e: unknown) => e)) as {
      cause?: { issues?: Array<{ path: unknown[] }>; field?: string };
    };
    expect(JSON.stringify(error.cause?.issues?.[0]?.path ?? [error.cause?.field])).toContain(field);
    expect(await countRuns()).toBe(before);
  });

  it("lets the athlete and their coach edit and delete a run, and nobody else", async () => {
    const { run } = await as(a.users.athlete1).runs.log({
      orgSlug: a.slug,
      idempotencyKey: crypto.randomUUID(),
      run: recoveryRun,
    });
    const edited = { ...recoveryRun, rpe: 2, notes: "Slowed down" };
    await expect(
      as(a.users.athlete2).runs.update({ orgSlug: a.slug, runId: run.id, run: edited }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(as(a.users.athlete2).runs.delete({ orgSlug: a.slug, runId: run.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const updated = await as(a.users.athlete1).runs.update({ orgSlug: a.slug, runId: run.id, run: edited });
    expect(updated.run).toMatchObject({ rpe: 2, notes: "Slowed down" });
    expect(updated.feedback!.runFlags.map((f) => f.code)).not.toContain("recovery_too_hard");
    await as(a.users.coach).runs.delete({ orgSlug: a.slug, runId: run.id });
    await expect(as(a.users.athlete1).runs.get({ orgSlug: a.slug, runId: run.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("hides a private run from teammates but not from the coach", async () => {
    await expect(as(a.users.athlete2).runs.get({ orgSlug: a.slug, runId: a.runIds.private1 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await as(a.users.athlete2).runs.get({ orgSlug: a.slug, runId: a.runIds.public1 })).canEdit).toBe(false);
    expect((await as(a.users.coach).runs.get({ orgSlug: a.slug, runId: a.runIds.private1 })).canEdit).toBe(true);
  });
});

describe("the athlete's week, history and calendar", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  const as = (user: SessionUser) => createCaller(contextFor(t.db, user));

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Alpha");
    // A published plan for this week and a draft for next week.
    const weekStart = weekStartFor(todayUtc(), "monday");
    await t.db.transaction(async (tx) => {
      await setOrganisation(tx, a.orgId);
      for (const [start, status] of [
        [weekStart, "published"],
        [addDays(weekStart, 7), "draft"],
      ] as const) {
        const [week] = await tx
          .insert(plannedWeeks)
          .values({ orgId: a.orgId, athleteId: a.athleteIds.athlete1, weekStart: start, status })
          .returning();
        await tx.insert(plannedSessions).values([
          {
            orgId: a.orgId,
            athleteId: a.athleteIds.athlete1,
            weekId: week!.id,
            date: addDays(start, 1),
            kind: "intervals",
            durationMin: 50,
            targetRpe: 8,
            description: "6 × 800 m",
          },
          {
            orgId: a.orgId,
            athleteId: a.athleteIds.athlete1,
            weekId: week!.id,
            date: addDays(start, 3),
            kind: "aerobic",
            durationMin: 45,
            targetRpe: 5,
            description: `steady ${status}`,
          },
        ]);
      }
    });
  });

  it("shows this week's published plan and the mix so far", async () => {
    const week = await as(a.users.athlete1).athleteWeeks.thisWeek({ orgSlug: a.slug });
    expect(week.days).toHaveLength(7);
    expect(week.planned.map((p) => p.description)).toEqual(["6 × 800 m", "steady published"]);
    expect(week.evaluation.compliance).toHaveLength(2);
  });

  it("serves a calendar feed an independent parser reads, and 404s once revoked", async () => {
    const { path } = await as(a.users.athlete1).calendarFeeds.create({ orgSlug: a.slug });
    const token = path.split("/").pop()!;
    const ics = await calendarForToken(t.db, token, now());
    const calendar = new ICAL.Component(ICAL.parse(ics!));
    const summaries = calendar.getAllSubcomponents("vevent").map((e) => String(e.getFirstPropertyValue("summary")));
    expect(summaries).toEqual(expect.arrayContaining(["Intervals · 50 min", "Aerobic · 45 min"]));
    // Draft weeks never reach the athlete's calendar.
    const descriptions = calendar
      .getAllSubcomponents("vevent")
      .map((e) => String(e.getFirstPropertyValue("description")));
    expect(descriptions.some((d) => d.includes("draft"))).toBe(false);

    await as(a.users.athlete1).calendarFeeds.revoke({ orgSlug: a.slug });
    expect(await calendarForToken(t.db, token, now())).toBeNull();
    expect(await calendarForToken(t.db, "not-a-real-token-at-all-xxxxxxxx", now())).toBeNull();
  });

  it("gives VDOT paces from a recent race and refuses impossible ones", async () => {
    const guidance = await as(a.users.athlete1).athletes.setRace({
      orgSlug: a.slug,
      race: { distanceM: 5000, timeS: 1200 },
    });
    expect(guidance!.vdot).toBeCloseTo(49.8, 1);
    await expect(
      as(a.users.athlete1).athletes.setRace({ orgSlug: a.slug, race: { distanceM: 5000, timeS: 400 } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await as(a.users.athlete1).athleteWeeks.thisWeek({ orgSlug: a.slug })).paces?.vdot).toBeCloseTo(49.8, 1);
  });

  it("exports only the caller's own runs", async () => {
    const mine = await as(a.users.athlete2).runs.allMine({ orgSlug: a.slug });
    expect(mine.map((r) => r.id)).toEqual([a.runIds.public2]);
  });
});
