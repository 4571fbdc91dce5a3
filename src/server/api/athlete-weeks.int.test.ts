/**
 * The athlete's side of the coaching loop (#14): flags reach only their readers (the plan's never
 * leave the server for an athlete), the plan ahead shows published weeks and never drafts, the
 * current week says whether it is published, and History and Feedback start with the athlete's record.
 * Dates are relative to the clock, so this passes on any day.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "~/domain/rules";
import type { SessionUser } from "~/server/data/users";
import { plannedSessions, plannedWeeks } from "~/server/db/schema";
import { setOrganisation } from "~/server/db/tenant";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { contextFor } from "~/test/sessions";
import { useTestDatabase } from "~/test/test-database";
import { createCaller } from "./root";

describe("the athlete's weeks", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  const as = (user: SessionUser) => createCaller(contextFor(t.db, user));
  let weekStart = "";
  let joinedOn = "";

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Loop");
    weekStart = (await as(a.users.athlete1).athleteWeeks.thisWeek({ orgSlug: a.slug })).weekStart;
    // Athlete 1 joined twenty days before this week started; their runs are since then.
    joinedOn = addDays(weekStart, -20);
    await t.db.transaction(async (tx) => {
      await setOrganisation(tx, a.orgId);
      await tx.execute(
        sql`update athletes set created_at = ${`${joinedOn}T12:00:00Z`}::timestamptz where id = ${a.athleteIds.athlete1}`,
      );
      const runDay = addDays(weekStart, -9);
      await tx.execute(
        sql`update runs set local_date = ${runDay}, started_at = ${`${runDay}T07:00:00Z`}::timestamptz where athlete_id = ${a.athleteIds.athlete1}`,
      );
      const week = async (start: string, status: "draft" | "published", description: string) => {
        const [row] = await tx
          .insert(plannedWeeks)
          .values({ orgId: a.orgId, athleteId: a.athleteIds.athlete1, weekStart: start, status })
          .returning();
        // A 45-min recovery run and a 20-min aerobic run: both plan flags, for the coach alone.
        await tx.insert(plannedSessions).values([
          {
            orgId: a.orgId,
            athleteId: a.athleteIds.athlete1,
            weekId: row!.id,
            date: start,
            kind: "recovery",
            durationMin: 45,
            description,
            position: 0,
          },
          {
            orgId: a.orgId,
            athleteId: a.athleteIds.athlete1,
            weekId: row!.id,
            date: addDays(start, 2),
            kind: "aerobic",
            durationMin: 20,
            description,
            position: 0,
          },
        ]);
      };
      await week(weekStart, "published", "this week's plan");
      await week(addDays(weekStart, 7), "draft", "secret draft");
      await week(addDays(weekStart, 14), "published", "the week after next");
    });
  });

  it("sends the athlete no plan flag, and their coach every flag, warnings first", async () => {
    const mine = await as(a.users.athlete1).athleteWeeks.thisWeek({ orgSlug: a.slug });
    const coach = await as(a.users.coach).athleteWeeks.thisWeek({ orgSlug: a.slug, athleteId: a.athleteIds.athlete1 });
    const planCodes = coach.evaluation.flags.filter((f) => f.measure === "plan").map((f) => f.code);
    expect(planCodes).toEqual(expect.arrayContaining(["recovery_too_long", "aerobic_too_short"]));
    expect(mine.evaluation.flags.filter((f) => f.audience === "coach" || f.measure === "plan")).toEqual([]);
    expect(JSON.stringify(mine)).not.toContain('"measure":"plan"');
    for (const flags of [mine.evaluation.flags, coach.evaluation.flags]) {
      const severities = flags.map((f) => f.severity);
      expect(severities).toEqual([...severities].sort((x, y) => (x === y ? 0 : x === "warning" ? -1 : 1)));
    }
    // The owner reads the coach's flags too.
    const owner = await as(a.users.owner).athleteWeeks.thisWeek({ orgSlug: a.slug, athleteId: a.athleteIds.athlete1 });
    expect(owner.evaluation.flags.some((f) => f.measure === "plan")).toBe(true);
  });

  it("says whether this week is published, and where next week is", async () => {
    const mine = await as(a.users.athlete1).athleteWeeks.thisWeek({ orgSlug: a.slug });
    expect(mine.published).toBe(true);
    expect(mine.nextWeekStart).toBe(addDays(weekStart, 7));
    const other = await as(a.users.athlete2).athleteWeeks.thisWeek({ orgSlug: a.slug });
    expect(other.published).toBe(false);
    expect(other.planned).toEqual([]);
  });

  it("lists this week and at least four ahead, published ones with their sessions, drafts as not published", async () => {
    const upcoming = await as(a.users.athlete1).athleteWeeks.upcoming({ orgSlug: a.slug });
    expect(upcoming.weeks.length).toBeGreaterThanOrEqual(5);
    expect(upcoming.weeks.map((w) => w.weekStart)).toEqual(upcoming.weeks.map((_, i) => addDays(weekStart, i * 7)));
    expect(upcoming.weeks.map((w) => w.published).slice(0, 4)).toEqual([true, false, true, false]);
    expect(upcoming.weeks[1]!.sessions).toEqual([]);
    expect(upcoming.weeks[2]!.sessions.map((s) => [s.kind, s.durationMin, s.description])).toEqual([
      ["recovery", 45, "the week after next"],
      ["aerobic", 20, "the week after next"],
    ]);
    expect(JSON.stringify(upcoming)).not.toContain("secret draft");
    // The plan ahead is the athlete's own: coaches read it in the week builder.
    await expect(as(a.users.coach).athleteWeeks.upcoming({ orgSlug: a.slug })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("starts History at the record's start, with totals, load and the current week marked partial", async () => {
    const history = await as(a.users.athlete1).athleteWeeks.history({ orgSlug: a.slug });
    expect(history.since).toBe(joinedOn);
    const starts = history.weeks.map((w) => w.weekStart);
    // Newest first: this week, then back to the week that contains the day they joined.
    expect(starts).toEqual([0, 1, 2, 3].map((i) => addDays(weekStart, -7 * i)));
    expect(history.weeks.map((w) => w.partial)).toEqual([true, false, false, false]);
    const withRuns = history.weeks.find((w) => w.weekStart === addDays(weekStart, -14))!;
    // The fixture's two runs of athlete 1: 30 min and 5 km each, RPE 3.
    expect(withRuns.totals).toEqual({ runs: 2, durationS: 3600, distanceM: 10_000 });
    expect(withRuns.load).toBe(2 * 3 * 30);
    for (const week of history.weeks) expect(week.evaluation.flags.some((f) => f.audience === "coach")).toBe(false);

    const coachView = await as(a.users.coach).athleteWeeks.history({
      orgSlug: a.slug,
      athleteId: a.athleteIds.athlete1,
    });
    expect(coachView.weeks[0]!.evaluation.flags.some((f) => f.measure === "plan")).toBe(true);
  });

  it("starts Feedback at the record's start, an imported run before joining included, and never sends plan flags", async () => {
    const feedback = await as(a.users.athlete1).athleteWeeks.feedback({ orgSlug: a.slug });
    expect(feedback.map((w) => w.weekStart)).toEqual([0, 1, 2, 3].map((i) => addDays(weekStart, -7 * i)));
    expect(feedback.flatMap((w) => w.flags).some((f) => f.audience === "coach")).toBe(false);

    const earlier = addDays(weekStart, -35);
    await t.db.transaction(async (tx) => {
      await setOrganisation(tx, a.orgId);
      await tx.execute(
        sql`update runs set local_date = ${earlier}, started_at = ${`${earlier}T07:00:00Z`}::timestamptz where id = ${a.runIds.public1}`,
      );
    });
    const longer = await as(a.users.athlete1).athleteWeeks.feedback({ orgSlug: a.slug });
    expect(longer.at(-1)!.weekStart).toBe(addDays(weekStart, -35));
    expect(longer).toHaveLength(6);
  });
});
