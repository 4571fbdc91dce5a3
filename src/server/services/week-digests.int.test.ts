/**
 * The roster's cache of week digests against a real PostgreSQL: filled on first use, served after,
 * and never stale: every kind of change the rules engine reads (a run, a published week, settings,
 * the next day) shows on the very next roster, identical to a roster computed without the cache.
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, weekStartFor } from "~/domain/rules";
import { isCurrentDigest, type WeekDigest } from "~/domain/training/roster";
import { createCaller } from "~/server/api/root";
import { enterOrganisation } from "~/server/data/organisations";
import { athletes, organizations, plannedSessions, plannedWeeks, runs, weekDigests } from "~/server/db/schema";
import { withTenant } from "~/server/db/tenant";
import type { SessionUser } from "~/server/data/users";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { useTestDatabase } from "~/test/test-database";
import { rosterFor } from "./roster";
import { isStillValid } from "./week-digests";
import { contextFor } from "~/test/sessions";
import { now as clockNow, todayUtc } from "~/lib/clock";

const DAY_MS = 86_400_000;

describe("roster week digests", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  const as = (user: SessionUser) => createCaller(contextFor(t.db, user));
  const inOrg = <T>(work: Parameters<typeof withTenant<T>>[2]) =>
    withTenant(t.db, { orgId: a.orgId, userId: null }, work);

  /** Valid digests (computed from the current versions), as the roster query would accept them. */
  const validDigests = () =>
    inOrg((tx) =>
      tx
        .select({
          athleteId: weekDigests.athleteId,
          weekStart: weekDigests.weekStart,
          asOf: weekDigests.asOf,
          computedAt: weekDigests.computedAt,
        })
        .from(weekDigests)
        .innerJoin(
          athletes,
          and(
            eq(athletes.orgId, weekDigests.orgId),
            eq(athletes.id, weekDigests.athleteId),
            eq(athletes.trainingVersion, weekDigests.athleteVersion),
          ),
        )
        .innerJoin(
          organizations,
          and(eq(organizations.id, weekDigests.orgId), eq(organizations.trainingVersion, weekDigests.orgVersion)),
        )
        .orderBy(weekDigests.athleteId, weekDigests.weekStart),
    );
  const versionOf = async (athleteId: string) =>
    (
      await inOrg((tx) =>
        tx
          .select({ v: athletes.trainingVersion })
          .from(athletes)
          .where(and(eq(athletes.orgId, a.orgId), eq(athletes.id, athleteId))),
      )
    )[0]!.v;

  /** The roster as served (cache included) must equal the roster computed from scratch. */
  async function expectSameAsWithoutCache(user: SessionUser) {
    const served = await as(user).roster.list({ orgSlug: a.slug });
    await inOrg((tx) => tx.delete(weekDigests));
    const fresh = await as(user).roster.list({ orgSlug: a.slug });
    expect(served).toEqual(fresh);
    return served;
  }

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Digests");
    // Joined ten weeks ago, so every week of the roster has history.
    await inOrg((tx) =>
      tx
        .update(athletes)
        .set({ createdAt: new Date(clockNow().getTime() - 70 * DAY_MS) })
        .where(eq(athletes.orgId, a.orgId)),
    );
  });

  it("stores one digest per athlete and week on first use, and serves the next rosters from them", async () => {
    const first = await as(a.users.owner).roster.list({ orgSlug: a.slug });
    const stored = await validDigests();
    expect(stored).toHaveLength(2 * 5);
    expect(new Set(stored.map((d) => d.athleteId))).toEqual(new Set([a.athleteIds.athlete1, a.athleteIds.athlete2]));

    const again = await as(a.users.owner).roster.list({ orgSlug: a.slug });
    expect(again).toEqual(first);
    // Nothing recomputed: every digest kept the moment it was computed at.
    expect(await validDigests()).toEqual(stored);
  });

  it("shows a run the moment it is logged", async () => {
    const today = todayUtc(); // fixture users live in UTC
    const before = (await as(a.users.coach).roster.list({ orgSlug: a.slug }))[0]!;
    const version = await versionOf(a.athleteIds.athlete1);
    await as(a.users.athlete1).runs.log({
      orgSlug: a.slug,
      idempotencyKey: crypto.randomUUID(),
      run: {
        date: today,
        time: "00:00",
        kind: "recovery",
        durationS: 1800,
        distanceM: 5000,
        rpe: 8,
        notes: "",
        private: false,
        plannedSessionId: null,
      },
    });
    expect(await versionOf(a.athleteIds.athlete1)).toBeGreaterThan(version);
    const after = await expectSameAsWithoutCache(a.users.coach);
    expect(after[0]!.thisWeek.runs).toBe(before.thisWeek.runs + 1);
    expect(after[0]!.flags.map((f) => f.code)).toContain("recovery_too_hard");
  });

  it("shows a published week, a changed athlete override and changed organisation defaults at once", async () => {
    const weekStart = weekStartFor(todayUtc(), "monday");
    const coach = as(a.users.coach);
    await coach.weeks.save({
      orgSlug: a.slug,
      athleteId: a.athleteIds.athlete1,
      weekStart,
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
    expect((await expectSameAsWithoutCache(a.users.coach))[0]!.thisWeek.plannedSessions).toBe(3);

    await coach.trainingSettings.updateAthlete({
      orgSlug: a.slug,
      athleteId: a.athleteIds.athlete1,
      override: { bands: { aerobic: [0.65, 0.85] } },
    });
    await expectSameAsWithoutCache(a.users.coach);

    await as(a.users.owner).roster.list({ orgSlug: a.slug });
    const [org] = await inOrg((tx) =>
      tx.select({ v: organizations.trainingVersion }).from(organizations).where(eq(organizations.id, a.orgId)),
    );
    await as(a.users.owner).trainingSettings.updateOrg({ orgSlug: a.slug, override: { monotonyMax: 2.5 } });
    // Every digest of the organisation depended on the old defaults.
    expect(await validDigests()).toEqual([]);
    await expectSameAsWithoutCache(a.users.owner);
    const [bumped] = await inOrg((tx) =>
      tx.select({ v: organizations.trainingVersion }).from(organizations).where(eq(organizations.id, a.orgId)),
    );
    expect(bumped!.v).toBe(org!.v + 1);
  });

  it("bumps the athlete's version on every write the engine reads, from any path", async () => {
    const athleteId = a.athleteIds.athlete2;
    const writes: Array<[string, () => Promise<unknown>]> = [
      [
        "insert a run",
        () =>
          inOrg((tx) =>
            tx.insert(runs).values({
              orgId: a.orgId,
              athleteId,
              startedAt: clockNow(),
              localDate: "2026-01-05",
              kind: "aerobic",
              durationS: 2400,
              rpe: 5,
            }),
          ),
      ],
      [
        "update a run",
        () =>
          inOrg((tx) =>
            tx
              .update(runs)
              .set({ rpe: 6 })
              .where(and(eq(runs.orgId, a.orgId), eq(runs.localDate, "2026-01-05"))),
          ),
      ],
      [
        "delete a run",
        () => inOrg((tx) => tx.delete(runs).where(and(eq(runs.orgId, a.orgId), eq(runs.localDate, "2026-01-05")))),
      ],
      [
        "publish a week with a session",
        () =>
          inOrg(async (tx) => {
            const [week] = await tx
              .insert(plannedWeeks)
              .values({ orgId: a.orgId, athleteId, weekStart: "2026-01-05", status: "published" })
              .returning();
            await tx.insert(plannedSessions).values({
              orgId: a.orgId,
              athleteId,
              weekId: week!.id,
              date: "2026-01-06",
              kind: "tempo",
              durationMin: 40,
            });
          }),
      ],
      [
        "unpublish a week",
        () =>
          inOrg((tx) =>
            tx
              .update(plannedWeeks)
              .set({ status: "draft" })
              .where(and(eq(plannedWeeks.orgId, a.orgId), eq(plannedWeeks.athleteId, athleteId))),
          ),
      ],
      [
        "move a session",
        () =>
          inOrg((tx) =>
            tx
              .update(plannedSessions)
              .set({ durationMin: 33 })
              .where(and(eq(plannedSessions.orgId, a.orgId), eq(plannedSessions.athleteId, athleteId))),
          ),
      ],
      [
        "delete a week",
        () =>
          inOrg((tx) =>
            tx.delete(plannedWeeks).where(and(eq(plannedWeeks.orgId, a.orgId), eq(plannedWeeks.athleteId, athleteId))),
          ),
      ],
      [
        "change the athlete's settings",
        () =>
          inOrg((tx) =>
            tx
              .update(athletes)
              .set({ trainingSettings: { monotonyMax: 2.4 } })
              .where(and(eq(athletes.orgId, a.orgId), eq(athletes.id, athleteId))),
          ),
      ],
    ];
    for (const [what, write] of writes) {
      const before = await versionOf(athleteId);
      await write();
      expect(await versionOf(athleteId), what).toBeGreaterThan(before);
    }
    // A change the engine does not read (the name) leaves the cache alone.
    const before = await versionOf(athleteId);
    await inOrg((tx) =>
      tx
        .update(athletes)
        .set({ displayName: "Renamed" })
        .where(and(eq(athletes.orgId, a.orgId), eq(athletes.id, athleteId))),
    );
    expect(await versionOf(athleteId)).toBe(before);
  });

  it("recomputes only the week in progress when the day changes", async () => {
    const owner = a.users.owner;
    const rosterAt = (now: Date) =>
      withTenant(t.db, { orgId: null, userId: owner.id }, async (tx) => {
        const membership = (await enterOrganisation(tx, owner.id, a.slug))!;
        return rosterFor(tx, membership.org, { userId: owner.id, role: "owner", athleteId: null }, now);
      });
    const now = clockNow();
    await rosterAt(now);
    const today = await validDigests();
    const tomorrow = new Date(now.getTime() + DAY_MS);
    const tomorrowDate = tomorrow.toISOString().slice(0, 10);
    const served = await rosterAt(tomorrow);
    const next = await validDigests();
    for (const digest of next) {
      const earlier = today.find((d) => d.athleteId === digest.athleteId && d.weekStart === digest.weekStart);
      if (digest.weekStart > addDays(tomorrowDate, -7)) {
        // The week in progress tomorrow is read as of tomorrow (it may be a new week on a Monday).
        expect(digest.asOf).toBe(tomorrowDate);
      } else if (earlier && earlier.asOf === null) {
        expect(digest.computedAt, `${digest.weekStart} was complete already`).toEqual(earlier.computedAt);
      }
    }
    await inOrg((tx) => tx.execute(sql`delete from week_digests`));
    expect(await rosterAt(tomorrow)).toEqual(served);
  });

  it("recomputes digests made by another version of the digest, such as those stored before versions", async () => {
    const owner = a.users.owner;
    await as(owner).roster.list({ orgSlug: a.slug });
    const stored = await inOrg((tx) =>
      tx
        .select({ athleteId: weekDigests.athleteId, weekStart: weekDigests.weekStart, digest: weekDigests.digest })
        .from(weekDigests),
    );
    expect(stored.length).toBeGreaterThan(0);
    // An older engine's digest, still valid by training versions and day: no version, other wording.
    await inOrg(async (tx) => {
      for (const row of stored) {
        const { version: _, ...unversioned } = row.digest as WeekDigest;
        const flags = [{ code: "load_spike", severity: "warning", message: "stale wording" }];
        await tx
          .update(weekDigests)
          .set({ digest: { ...unversioned, flags } })
          .where(
            and(
              eq(weekDigests.orgId, a.orgId),
              eq(weekDigests.athleteId, row.athleteId),
              eq(weekDigests.weekStart, row.weekStart),
            ),
          );
      }
    });
    const served = await expectSameAsWithoutCache(owner);
    expect(JSON.stringify(served)).not.toContain("stale wording");
    const again = await inOrg((tx) => tx.select({ digest: weekDigests.digest }).from(weekDigests));
    expect(again.every((row) => isCurrentDigest(row.digest))).toBe(true);
  });

  it("keeps a digest of a week in progress for that day only, and of a complete week for good", () => {
    expect(isStillValid({ weekStart: "2026-11-23", asOf: "2026-11-25" }, "2026-11-25")).toBe(true);
    expect(isStillValid({ weekStart: "2026-11-23", asOf: "2026-11-25" }, "2026-11-26")).toBe(false);
    expect(isStillValid({ weekStart: "2026-11-23", asOf: "2026-11-29" }, "2026-11-30")).toBe(false);
    expect(isStillValid({ weekStart: "2026-11-16", asOf: null }, "2026-11-25")).toBe(true);
    // Computed as complete, but the athlete moved west and it is the week's last day again.
    expect(isStillValid({ weekStart: "2026-11-16", asOf: null }, "2026-11-22")).toBe(false);
  });
});
