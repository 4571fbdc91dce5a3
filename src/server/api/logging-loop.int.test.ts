import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { weekStartFor } from "~/domain/rules";
import { zonedDate } from "~/lib/zoned-time";
import { findSessionUser, type SessionUser } from "~/server/data/users";
import { plannedSessions, plannedWeeks, runImports } from "~/server/db/schema";
import { setOrganisation } from "~/server/db/tenant";
import { verifyCredentials } from "~/server/auth/credentials";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { signUpTokenIn, useMailOutbox } from "~/test/mail-outbox";
import { contextFor } from "~/test/sessions";
import { useTestDatabase } from "~/test/test-database";
import { createCaller } from "./root";

describe("imported runs wait for the athlete's RPE", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  const as = (user: SessionUser) => createCaller(contextFor(t.db, user));
  const ids = { onPlannedDay: randomUUID(), onDraftPlanDay: randomUUID(), onFreeDay: randomUUID() };

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Alpha");
    const athleteId = a.athleteIds.athlete1;
    await t.db.transaction(async (tx) => {
      await setOrganisation(tx, a.orgId);
      // The fixture publishes a recovery run on Tue 2026-11-03; the next week is a draft with a tempo run.
      const [draft] = await tx
        .insert(plannedWeeks)
        .values({ orgId: a.orgId, athleteId, weekStart: "2026-11-09", status: "draft" })
        .returning();
      await tx
        .insert(plannedSessions)
        .values({ orgId: a.orgId, athleteId, weekId: draft!.id, date: "2026-11-10", kind: "tempo", durationMin: 40 });
      const file = (id: string, startedAt: string) => ({
        id,
        orgId: a.orgId,
        athleteId,
        contentHash: `hash-${id}`,
        fileName: `${id}.fit`,
        startedAt: new Date(startedAt),
        movingS: 1700,
        elapsedS: 1800,
        distanceM: 4800,
        sport: "running",
        createdBy: a.users.coach.id,
      });
      await tx
        .insert(runImports)
        .values([
          file(ids.onPlannedDay, "2026-11-03T06:30:00Z"),
          file(ids.onDraftPlanDay, "2026-11-10T06:30:00Z"),
          file(ids.onFreeDay, "2026-11-05T06:30:00Z"),
        ]);
    });
  });

  it("preselects the kind from that day's published session only, never an RPE", async () => {
    for (const reader of [a.users.athlete1, a.users.coach]) {
      const pending = await as(reader).imports.pending({
        orgSlug: a.slug,
        athleteId: reader === a.users.coach ? a.athleteIds.athlete1 : undefined,
      });
      const byId = new Map(pending.map((p) => [p.id, p]));
      expect(byId.get(ids.onPlannedDay)).toMatchObject({
        localDate: "2026-11-03",
        planned: { id: a.plannedSessionId, kind: "recovery" },
      });
      // A draft plan is the coach's work in progress: it preselects nothing.
      expect(byId.get(ids.onDraftPlanDay)).toMatchObject({ localDate: "2026-11-10", planned: null });
      expect(byId.get(ids.onFreeDay)).toMatchObject({ planned: null });
      for (const draft of pending) expect(draft).not.toHaveProperty("rpe");
    }
  });

  it("refuses to save a run without the athlete's RPE, and the run keeps waiting", async () => {
    await expect(
      as(a.users.coach).imports.confirm({
        orgSlug: a.slug,
        importId: ids.onFreeDay,
        kind: "aerobic",
      } as never),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const pending = await as(a.users.athlete1).imports.pending({ orgSlug: a.slug });
    expect(pending.map((p) => p.id)).toContain(ids.onFreeDay);
  });

  it("saves the athlete's rating as a run that fulfils the planned session of that kind", async () => {
    const saved = await as(a.users.athlete1).imports.confirm({
      orgSlug: a.slug,
      importId: ids.onPlannedDay,
      kind: "recovery",
      rpe: 2,
    });
    expect(saved.run).toMatchObject({ localDate: "2026-11-03", rpe: 2, plannedSessionId: a.plannedSessionId });
    // Another kind than the plan's fulfils nothing.
    const other = await as(a.users.athlete1).imports.confirm({
      orgSlug: a.slug,
      importId: ids.onDraftPlanDay,
      kind: "tempo",
      rpe: 7,
    });
    expect(other.run.plannedSessionId).toBeNull();
    const pending = await as(a.users.athlete1).imports.pending({ orgSlug: a.slug });
    expect(pending.map((p) => p.id)).toEqual(expect.arrayContaining([ids.onFreeDay]));
    expect(pending.map((p) => p.id)).not.toEqual(expect.arrayContaining([ids.onPlannedDay]));
    expect(pending.map((p) => p.id)).not.toEqual(expect.arrayContaining([ids.onDraftPlanDay]));
  });
});

describe("a new account starts in the browser's time zone", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  const as = (user: SessionUser | null) => createCaller(contextFor(t.db, user));
  const zoneOf = async (email: string) =>
    (await t.db.execute<{ time_zone: string }>(sql`select time_zone from users where email = ${email}`))[0]?.time_zone;

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Alpha");
  });

  it("at sign-up, from the browser that confirms; an unknown zone keeps UTC rather than refusing", async () => {
    const outbox = useMailOutbox();
    const signUp = async (email: string, timeZone: string) => {
      await as(null).auth.signUp({ name: "Lee", email, password: "a good long password", organisationName: "LA RC" });
      return as(null).auth.confirmSignUp({ token: signUpTokenIn(outbox.latestTo(email))!, timeZone });
    };
    await signUp("lee@example.com", "America/Los_Angeles");
    expect(await zoneOf("lee@example.com")).toBe("America/Los_Angeles");
    await signUp("kim@example.com", "Mars/Olympus_Mons");
    expect(await zoneOf("kim@example.com")).toBe("UTC");
    const user = await verifyCredentials(t.db, { email: "lee@example.com", password: "a good long password" }, null);
    expect((await findSessionUser(t.db, user!.id))!.timeZone).toBe("America/Los_Angeles");
  });

  it("at invitation acceptance, for the account it creates, not for someone who already has one", async () => {
    await as(a.users.owner).invitations.create({ orgSlug: a.slug, email: "sam@example.com", role: "athlete" });
    const [mail] = await t.db.execute<{ text: string }>(
      sql`select text from outbox_emails where "to" = 'sam@example.com' order by created_at desc limit 1`,
    );
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(mail!.text)![1]!;
    await as(null).invitations.accept({ token, name: "Sam", password: "runner password 1", timeZone: "Asia/Tokyo" });
    expect(await zoneOf("sam@example.com")).toBe("Asia/Tokyo");

    // A member of another club keeps the zone they chose.
    const b = await createOrgFixture(t.db, "Bravo");
    await as(a.users.owner).invitations.create({ orgSlug: a.slug, email: b.users.coach.email, role: "coach" });
    const [second] = await t.db.execute<{ text: string }>(
      sql`select text from outbox_emails where "to" = ${b.users.coach.email} order by created_at desc limit 1`,
    );
    const before = await zoneOf(b.users.coach.email);
    await as(b.users.coach).invitations.accept({
      token: /\/invite\/([A-Za-z0-9_-]+)/.exec(second!.text)![1]!,
      timeZone: "Asia/Tokyo",
    });
    expect(await zoneOf(b.users.coach.email)).toBe(before);
  });
});

describe("feedback after logging, for its reader", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  const as = (user: SessionUser) => createCaller(contextFor(t.db, user));
  const today = zonedDate(new Date(), "UTC");

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Alpha");
    // A published plan with a 90-minute recovery run today: the plan's flag, for the coach alone.
    await t.db.transaction(async (tx) => {
      await setOrganisation(tx, a.orgId);
      const [week] = await tx
        .insert(plannedWeeks)
        .values({
          orgId: a.orgId,
          athleteId: a.athleteIds.athlete1,
          weekStart: weekStartFor(today, "monday"),
          status: "published",
        })
        .returning();
      await tx.insert(plannedSessions).values({
        orgId: a.orgId,
        athleteId: a.athleteIds.athlete1,
        weekId: week!.id,
        date: today,
        kind: "recovery",
        durationMin: 90,
      });
    });
  });

  it("never sends the athlete the plan's flags; a coach logging for them gets them", async () => {
    const run = { date: today, time: "00:00", kind: "aerobic" as const, durationS: 40 * 60, distanceM: 8000, rpe: 5 };
    const log = (user: SessionUser, athleteId?: string) =>
      as(user).runs.log({ orgSlug: a.slug, idempotencyKey: randomUUID(), athleteId, run });
    const coach = await log(a.users.coach, a.athleteIds.athlete1);
    const coachFlags = [...coach.feedback.runFlags, ...coach.feedback.weekFlags];
    expect(coachFlags.filter((f) => f.audience === "coach").map((f) => f.code)).toContain("recovery_too_long");
    const own = await log(a.users.athlete1);
    const ownFlags = [...own.feedback.runFlags, ...own.feedback.weekFlags];
    expect(ownFlags.filter((f) => f.audience === "coach")).toEqual([]);
  });
});
