import { and, count, eq, gt, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  athletes,
  coachAssignments,
  memberships,
  organizations,
  plannedSessions,
  plannedWeeks,
  runs,
  weekTemplates,
} from "~/server/db/schema";
import { useTestDatabase } from "~/test/test-database";
import { zonedDate } from "~/lib/zoned-time";
import { DEMO_ATHLETES, DEMO_WEEKS } from "./demo-data";
import { seedDemo } from "./seed-demo";

describe("demo data", () => {
  const t = useTestDatabase();
  // A Wednesday afternoon: every demo athlete (Europe and the Americas) is on the 25th.
  const at = new Date("2026-11-25T15:00:00Z");
  const today = "2026-11-25";

  it("creates one organisation with 2 coaches, 8 athletes and 8 weeks of plans and runs", async () => {
    expect(await seedDemo(t.db, at)).toBe("seeded");
    expect(await t.db.select({ n: count() }).from(organizations)).toEqual([{ n: 1 }]);
    const roles = await t.db.select({ role: memberships.role, n: count() }).from(memberships).groupBy(memberships.role);
    expect(Object.fromEntries(roles.map((r) => [r.role, r.n]))).toEqual({ owner: 1, coach: 1, athlete: 8 });
    expect(await t.db.select({ n: count() }).from(athletes)).toEqual([{ n: 8 }]);
    expect((await t.db.select({ n: count() }).from(coachAssignments))[0]!.n).toBeGreaterThanOrEqual(8);

    const published = await t.db.select({ n: count() }).from(plannedWeeks).where(eq(plannedWeeks.status, "published"));
    expect(published[0]!.n).toBe(8 * DEMO_WEEKS);
    expect((await t.db.select({ n: count() }).from(plannedSessions))[0]!.n).toBeGreaterThan(8 * DEMO_WEEKS * 4);
    expect((await t.db.select({ n: count() }).from(runs))[0]!.n).toBeGreaterThan(8 * DEMO_WEEKS * 3);
    // Two starter templates, so "Use template" works from the first visit.
    const templates = await t.db.select({ name: weekTemplates.name }).from(weekTemplates);
    expect(templates.map((r) => r.name).sort()).toEqual([
      "Starter: base week (6 runs)",
      "Starter: lighter week with tempo (5 runs)",
    ]);
    // Nothing is logged in the future.
    expect((await t.db.select({ n: count() }).from(runs).where(gt(runs.localDate, today)))[0]!.n).toBe(0);
  });

  it("includes the drift the product must catch", async () => {
    const tooHardRecovery = await t.db
      .select({ n: count() })
      .from(runs)
      .where(and(eq(runs.kind, "recovery"), gt(runs.rpe, 3)));
    expect(tooHardRecovery[0]!.n).toBeGreaterThan(5);

    const qualityHeavyWeeks = await t.db.execute<{ n: number }>(sql`
      select count(*)::int as n from (
        select week_id from planned_sessions where kind in ('tempo', 'intervals', 'hills', 'race')
        group by week_id having count(*) >= 3) w`);
    expect(qualityHeavyWeeks[0]!.n).toBeGreaterThan(0);

    const missed = await t.db.execute<{ n: number }>(sql`
      select count(*)::int as n from planned_sessions p
      where p.date < ${today} and not exists (select 1 from runs r where r.org_id = p.org_id and r.planned_session_id = p.id)`);
    expect(missed[0]!.n).toBeGreaterThan(5);
  });

  it("is deterministic and never seeds twice", async () => {
    const before = await t.db.execute(
      sql`select kind, local_date, duration_s, distance_m, rpe from runs order by 2, 1, 3, 4, 5`,
    );
    expect(await seedDemo(t.db, at)).toBe("exists");
    expect(
      await t.db.execute(sql`select kind, local_date, duration_s, distance_m, rpe from runs order by 2, 1, 3, 4, 5`),
    ).toEqual(before);
    // The same seed in the same week gives the same numbers (see demo-data.test.ts for the generator itself).
    expect(before.length).toBeGreaterThan(0);
  });

  it("gives each athlete history up to their own today, in their own time zone", async () => {
    // Thursday 03:00 UTC: Thursday in Europe, still Wednesday evening in New York and Chicago.
    const early = new Date("2026-11-26T03:00:00Z");
    await t.db.execute(sql`truncate organizations, users cascade`);
    expect(await seedDemo(t.db, early)).toBe("seeded");
    const rows = await t.db.execute<{ email: string; last: string; logged: Date }>(sql`
      select u.email, max(r.local_date)::text as last, max(r.created_at) as logged
      from runs r join athletes a on a.org_id = r.org_id and a.id = r.athlete_id join users u on u.id = a.user_id
      group by u.email`);
    expect(rows.length).toBe(DEMO_ATHLETES.length);
    for (const row of rows) {
      const persona = DEMO_ATHLETES.find((p) => p.email === row.email)!;
      expect(row.last < zonedDate(early, persona.timeZone), row.email).toBe(true);
      expect(new Date(row.logged).getTime(), row.email).toBeLessThanOrEqual(early.getTime());
    }
  });
});
