/**
 * The roster line against a real PostgreSQL: next week's plan status (none, draft, published) as
 * each athlete's own week counts it, the urgency that follows, and this week's totals with distance.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, weekStartFor } from "~/domain/rules";
import { todayUtc } from "~/lib/clock";
import { createCaller } from "~/server/api/root";
import { plannedWeeks, runs } from "~/server/db/schema";
import { setOrganisation } from "~/server/db/tenant";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { contextFor } from "~/test/sessions";
import { useTestDatabase } from "~/test/test-database";

describe("roster line", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  // Fixture users live in UTC with weeks starting on Monday.
  const today = todayUtc();
  const nextWeek = addDays(weekStartFor(today, "monday"), 7);

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Roster");
    await t.db.transaction(async (tx) => {
      await setOrganisation(tx, a.orgId);
      // Athlete 2 is new: no runs, no plan; then two runs today, one without a distance.
      await tx.delete(runs).where(and(eq(runs.orgId, a.orgId), eq(runs.athleteId, a.athleteIds.athlete2)));
      await tx.insert(runs).values(
        [6000, null].map((distanceM) => ({
          orgId: a.orgId,
          athleteId: a.athleteIds.athlete2,
          startedAt: new Date(`${today}T00:00:00Z`),
          localDate: today,
          kind: "recovery" as const,
          durationS: 1500,
          distanceM,
          rpe: 2,
        })),
      );
    });
  });

  const lineOf = async (athleteId: string) => {
    const rows = await createCaller(contextFor(t.db, a.users.owner)).roster.list({ orgSlug: a.slug });
    return rows.find((r) => r.athleteId === athleteId)!;
  };

  const setNextWeek = (status: "draft" | "published") =>
    t.db.transaction(async (tx) => {
      await setOrganisation(tx, a.orgId);
      await tx
        .insert(plannedWeeks)
        .values({ orgId: a.orgId, athleteId: a.athleteIds.athlete2, weekStart: nextWeek, status })
        .onConflictDoUpdate({
          target: [plannedWeeks.orgId, plannedWeeks.athleteId, plannedWeeks.weekStart],
          set: { status },
        });
    });

  it("says an athlete with no plan needs one, never On track, with this week's totals", async () => {
    const line = await lineOf(a.athleteIds.athlete2);
    expect(line).toMatchObject({ nextWeek: "none", urgency: "plan", tags: ["no plan next week"] });
    expect(line.thisWeek).toMatchObject({ doneMin: 50, doneM: 6000, runs: 2, plannedMin: 0 });
  });

  it("follows next week's plan from draft to published", async () => {
    await setNextWeek("draft");
    expect(await lineOf(a.athleteIds.athlete2)).toMatchObject({ nextWeek: "draft", urgency: "plan", tags: [] });
    await setNextWeek("published");
    expect(await lineOf(a.athleteIds.athlete2)).toMatchObject({ nextWeek: "published", urgency: "ok", tags: [] });
  });

  it("reads each athlete's own next week only", async () => {
    // Athlete 1 has no plan for next week, whatever athlete 2 has.
    expect(await lineOf(a.athleteIds.athlete1)).toMatchObject({ nextWeek: "none" });
    const coached = await createCaller(contextFor(t.db, a.users.coach)).roster.list({ orgSlug: a.slug });
    expect(coached.map((r) => [r.athleteId, r.nextWeek])).toEqual([[a.athleteIds.athlete1, "none"]]);
  });
});
