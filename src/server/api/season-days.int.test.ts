/**
 * Excused days and wellness check-ins through the app's router against a real PostgreSQL: an excused
 * day leaves the compliance rate (roster and athlete page alike), its change reaches the cached week
 * digests at once, and only the athlete or their coaches may mark a day; only the athlete checks in.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, weekStartFor } from "~/domain/rules";
import { createCaller } from "~/server/api/root";
import { athletes, weekDigests, wellnessCheckins } from "~/server/db/schema";
import { withTenant } from "~/server/db/tenant";
import type { SessionUser } from "~/server/data/users";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { refusal } from "~/test/refusal";
import { useTestDatabase } from "~/test/test-database";
import { calendarForToken } from "~/server/services/calendar";
import { contextFor } from "~/test/sessions";
import { now as clockNow, todayUtc } from "~/lib/clock";

const DAY_MS = 86_400_000;

/** The code a call is refused with. */
const refusalCode = async (promise: Promise<unknown>) => (await refusal(promise)).code;

describe("excused days and check-ins", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  let b: OrgFixture;
  const as = (user: SessionUser) => createCaller(contextFor(t.db, user));
  const inOrg = <T>(work: Parameters<typeof withTenant<T>>[2]) =>
    withTenant(t.db, { orgId: a.orgId, userId: null }, work);
  // Last week (fixture users live in UTC, weeks from Monday): three sessions, none run.
  const lastWeek = () => addDays(weekStartFor(todayUtc(), "monday"), -7);
  const rosterLineOf = async (athleteId: string) =>
    (await as(a.users.coach).roster.list({ orgSlug: a.slug })).find((r) => r.athleteId === athleteId)!;
  const versionOf = async (athleteId: string) =>
    (
      await inOrg((tx) =>
        tx
          .select({ v: athletes.trainingVersion })
          .from(athletes)
          .where(and(eq(athletes.orgId, a.orgId), eq(athletes.id, athleteId))),
      )
    )[0]!.v;

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Excused");
    b = await createOrgFixture(t.db, "Elsewhere");
    await inOrg((tx) =>
      tx
        .update(athletes)
        .set({ createdAt: new Date(clockNow().getTime() - 70 * DAY_MS) })
        .where(eq(athletes.orgId, a.orgId)),
    );
    await as(a.users.coach).weeks.save({
      orgSlug: a.slug,
      athleteId: a.athleteIds.athlete1,
      weekStart: lastWeek(),
      version: null,
      status: "published",
      sessions: [0, 2, 4].map((day) => ({
        day,
        kind: "aerobic" as const,
        durationMin: 45,
        distanceM: null,
        targetRpe: null,
        description: "",
      })),
    });
  });

  it("leaves an excused session out of the compliance rate, at once despite the cached digests", async () => {
    const before = await rosterLineOf(a.athleteIds.athlete1);
    expect(before.compliance.missed).toBeGreaterThanOrEqual(3);
    // Digests are cached now; marking the day must invalidate them (drizzle/0013's trigger).
    const version = await versionOf(a.athleteIds.athlete1);
    const day = addDays(lastWeek(), 2);
    // As the browser sends it: no athlete named (their own), the key present but undefined.
    await as(a.users.athlete1).excusedDays.mark({
      orgSlug: a.slug,
      athleteId: undefined,
      date: day,
      reason: "ill",
      note: "Flu",
    });
    expect(await versionOf(a.athleteIds.athlete1)).toBeGreaterThan(version);

    const after = await rosterLineOf(a.athleteIds.athlete1);
    expect(after.compliance.due).toBe(before.compliance.due - 1);
    expect(after.compliance.missed).toBe(before.compliance.missed - 1);
    // The same without any cache.
    await inOrg((tx) => tx.delete(weekDigests));
    expect(await rosterLineOf(a.athleteIds.athlete1)).toEqual(after);

    const overview = await as(a.users.coach).athletes.overview({
      orgSlug: a.slug,
      athleteId: a.athleteIds.athlete1,
      weeks: 4,
    });
    const week = overview.weeks.find((w) => w.weekStart === lastWeek())!;
    expect(week.excused).toEqual([{ date: day, reason: "ill", note: "Flu" }]);
    expect(week.evaluation.compliance.map((c) => c.color)).toEqual(["red", "excused", "red"]);
    expect(week.evaluation.flags.filter((f) => f.code === "missed_session")).toHaveLength(2);

    // Removing the mark brings the missed session back.
    await as(a.users.coach).excusedDays.unmark({ orgSlug: a.slug, athleteId: a.athleteIds.athlete1, date: day });
    expect((await rosterLineOf(a.athleteIds.athlete1)).compliance).toEqual(before.compliance);
  });

  it("lets the athlete and their coach mark a day, and nobody else", async () => {
    const day = addDays(lastWeek(), 4);
    const mark = (user: SessionUser, athleteId?: string) =>
      as(user).excusedDays.mark({ orgSlug: a.slug, athleteId, date: day, reason: "travelling", note: "" });
    await mark(a.users.coach, a.athleteIds.athlete1);
    // Marking again changes the reason: one per athlete and day.
    await as(a.users.athlete1).excusedDays.mark({ orgSlug: a.slug, date: day, reason: "injured", note: "Calf" });
    const overview = await as(a.users.coach).athletes.overview({
      orgSlug: a.slug,
      athleteId: a.athleteIds.athlete1,
      weeks: 4,
    });
    expect(overview.weeks.flatMap((w) => w.excused)).toEqual([{ date: day, reason: "injured", note: "Calf" }]);
    // The athlete's calendar feed shows the day with its reason, never its note (health details).
    const { path } = await as(a.users.athlete1).calendarFeeds.create({ orgSlug: a.slug });
    const ics = (await calendarForToken(t.db, path.split("/").pop()!, clockNow()))!;
    const event = ics.split("BEGIN:VEVENT").find((e) => e.includes("SUMMARY:Excused: injured"));
    expect(event).toContain(`DTSTART;VALUE=DATE:${day.replaceAll("-", "")}`);
    expect(ics).not.toContain("Calf");

    // A teammate, a coach of someone else's athlete and another organisation's coach are refused.
    expect(await refusalCode(mark(a.users.athlete2, a.athleteIds.athlete1))).toBe("NOT_FOUND");
    expect(await refusalCode(mark(a.users.coach, a.athleteIds.athlete2))).toBe("NOT_FOUND");
    expect(await refusalCode(mark(b.users.coach, a.athleteIds.athlete1))).toBe("NOT_FOUND");
    // Bad input changes nothing and says why.
    expect(
      await refusalCode(
        as(a.users.athlete1).excusedDays.mark({ orgSlug: a.slug, date: "2026-02-30", reason: "ill", note: "" }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await refusalCode(as(a.users.athlete1).excusedDays.unmark({ orgSlug: a.slug, date: addDays(lastWeek(), 1) })),
    ).toBe("NOT_FOUND");
  });

  it("keeps one check-in a day, the athlete's own, and tags three poor days running on the roster", async () => {
    const athlete = as(a.users.athlete1);
    const today = todayUtc();
    expect((await athlete.wellness.today({ orgSlug: a.slug })).checkin).toBeNull();
    const values = { sleep: 4, soreness: 2, stress: 3, mood: 4, restingHr: 50, note: "" };
    await athlete.wellness.save({ orgSlug: a.slug, ...values });
    await athlete.wellness.save({ orgSlug: a.slug, ...values, sleep: 1, note: "Woke at 3" });
    const saved = await athlete.wellness.today({ orgSlug: a.slug });
    expect(saved.checkin).toMatchObject({ date: today, sleep: 1, note: "Woke at 3" });
    const rows = await inOrg((tx) =>
      tx.select().from(wellnessCheckins).where(eq(wellnessCheckins.athleteId, a.athleteIds.athlete1)),
    );
    expect(rows.filter((r) => r.date === today)).toHaveLength(1);

    expect((await rosterLineOf(a.athleteIds.athlete1)).notes).not.toContain("Poor sleep 3 days running");
    await inOrg((tx) =>
      tx.insert(wellnessCheckins).values(
        [1, 2].map((back) => ({
          orgId: a.orgId,
          athleteId: a.athleteIds.athlete1,
          date: addDays(today, -back),
          sleep: 2,
          soreness: 2,
          stress: 3,
          mood: 3,
        })),
      ),
    );
    expect((await rosterLineOf(a.athleteIds.athlete1)).notes).toContain("Poor sleep 3 days running");

    // Coaches read check-ins (athlete page) but never write them; bad scores are refused.
    expect(await refusalCode(as(a.users.coach).wellness.save({ orgSlug: a.slug, ...values }))).toBe("FORBIDDEN");
    expect(await refusalCode(athlete.wellness.save({ orgSlug: a.slug, ...values, mood: 6 }))).toBe("BAD_REQUEST");
    const overview = await as(a.users.coach).athletes.overview({
      orgSlug: a.slug,
      athleteId: a.athleteIds.athlete1,
      weeks: 4,
    });
    expect(overview.checkins.map((c) => c.date)).toEqual([addDays(today, -2), addDays(today, -1), today]);
  });
});
