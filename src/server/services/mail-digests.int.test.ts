/**
 * The athlete's Sunday preview and the daily summary against a real SMTP server: what each mail lists,
 * in the reader's units, only from published weeks and unread notifications of the kinds they chose
 * "daily" for, and never twice for the same week or day (the delivery's idempotency key).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, weekStartFor } from "~/domain/rules";
import { formatDay } from "~/lib/format";
import { todayUtc } from "~/lib/clock";
import { createCaller } from "~/server/api/root";
import { enterOrganisation } from "~/server/data/organisations";
import { notifications, users } from "~/server/db/schema";
import { withSession, withTenant } from "~/server/db/tenant";
import { rereadEnv } from "~/server/env";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { contextFor, sessionOf } from "~/test/sessions";
import { header, startTestSmtp, type ReceivedMail, type TestSmtp } from "~/test/smtp";
import { useTestDatabase } from "~/test/test-database";
import { mailDailySummary, mailNotifications, mailWeekPreview } from "./mail-jobs";
import { notify } from "./notify";

/** A mail's text part, with quoted-printable soft line breaks and escapes undone. */
const textOf = (mail: ReceivedMail) =>
  mail.raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

describe("the week preview and the daily summary", () => {
  const t = useTestDatabase();
  let smtp: TestSmtp;
  let org: OrgFixture;
  const as = (user: OrgFixture["users"]["coach"]) => createCaller(contextFor(t.db, user));
  const subjectStarts = (prefix: string, to: string) => (m: ReceivedMail) =>
    m.to.includes(to) && (header(m.raw, "Subject") ?? "").startsWith(prefix);
  // The fixture's members live in UTC with weeks from Monday.
  const nextWeek = () => addDays(weekStartFor(todayUtc(), "monday"), 7);

  beforeAll(async () => {
    smtp = await startTestSmtp();
    process.env.SMTP_URL = smtp.url;
    process.env.NEXTAUTH_URL = "https://runbalance.example";
    rereadEnv();
    org = await createOrgFixture(t.db, "Digests");
  });

  afterAll(async () => {
    delete process.env.SMTP_URL;
    delete process.env.NEXTAUTH_URL;
    rereadEnv();
    await smtp?.close();
  });

  it("previews a published week once, in the athlete's units, and nothing from a draft", async () => {
    const weekStart = nextWeek();
    const job = { orgId: org.orgId, userId: org.users.athlete1.id, weekStart };
    const save = (start: string, status: "draft" | "published") =>
      as(org.users.coach).weeks.save({
        orgSlug: org.slug,
        athleteId: org.athleteIds.athlete1,
        weekStart: start,
        version: null,
        status,
        sessions: [
          { day: 1, kind: "recovery", durationMin: 25, distanceM: null, targetRpe: 2, description: "Shake-out" },
          { day: 3, kind: "aerobic", durationMin: null, distanceM: 16_100, targetRpe: null, description: "" },
        ],
      });
    await t.db.update(users).set({ units: "mi" }).where(eq(users.id, org.users.athlete1.id));
    await save(weekStart, "published");
    await save(addDays(weekStart, 7), "draft");

    await mailWeekPreview(t.db, job);
    await mailWeekPreview(t.db, job);
    await mailWeekPreview(t.db, { ...job, weekStart: addDays(weekStart, 7) });

    const subject = `Your plan for the week of ${formatDay(weekStart)}`;
    const previews = smtp.received.filter(subjectStarts(subject, org.users.athlete1.email));
    expect(previews).toHaveLength(1);
    const text = textOf(previews[0]!);
    expect(text).toContain("2 sessions planned for you next week.");
    expect(text).toContain(`${formatDay(addDays(weekStart, 1))}: Recovery, 25 min (Shake-out)`);
    expect(text).toContain(`${formatDay(addDays(weekStart, 3))}: Aerobic, 10.0 mi`);
    expect(text).toContain(`/o/${org.slug}/plan/${weekStart}`);
    // A draft is the coach's work in progress: the athlete hears nothing of it.
    expect(smtp.received.filter(subjectStarts("Your plan", org.users.athlete1.email))).toHaveLength(1);
  });

  it("gathers the day's comments into one summary for a reader who chose daily, once", async () => {
    await t.db
      .update(users)
      .set({ mailPreferences: { comment: "daily" } })
      .where(eq(users.id, org.users.athlete2.id));
    const comment = (title: string) =>
      withSession(t.app.db, sessionOf(org.users.coach.id), async (tx) => {
        await enterOrganisation(tx, org.users.coach.id, org.slug);
        await notify(tx, org.orgId, [
          {
            recipientUserId: org.users.athlete2.id,
            kind: "comment",
            athleteId: org.athleteIds.athlete2,
            actorUserId: org.users.coach.id,
            title,
            link: `/o/${org.slug}/history`,
          },
        ]);
      });
    await comment("Coach: lovely negative split");
    await comment("Coach: easy tomorrow");
    // "daily" means no mail right away.
    const recorded = await withTenant(t.db, { orgId: org.orgId, userId: org.users.athlete2.id }, (tx) =>
      tx.select({ id: notifications.id }).from(notifications).where(eq(notifications.orgId, org.orgId)),
    );
    expect(recorded).toHaveLength(2);
    await mailNotifications(t.db, {
      orgId: org.orgId,
      notifications: recorded.map(({ id }) => ({ id, recipientUserId: org.users.athlete2.id })),
    });
    expect(smtp.received.filter((m) => m.to.includes(org.users.athlete2.email))).toHaveLength(0);

    const job = { orgId: org.orgId, userId: org.users.athlete2.id, date: todayUtc() };
    await mailDailySummary(t.db, job);
    await mailDailySummary(t.db, job);
    const summaries = smtp.received.filter(subjectStarts("Your day in Runbalance", org.users.athlete2.email));
    expect(summaries).toHaveLength(1);
    expect(header(summaries[0]!.raw, "Subject")).toBe("Your day in Runbalance: 2 updates");
    const text = textOf(summaries[0]!);
    expect(text).toContain("Comments and replies");
    expect(text).toContain("Coach: lovely negative split");
    expect(text).toContain("Coach: easy tomorrow");

    // Each reader's summary holds their own notifications only.
    await mailDailySummary(t.db, { ...job, userId: org.users.coach.id });
    for (const mail of smtp.received.filter((m) => m.to.includes(org.users.coach.email)))
      expect(textOf(mail)).not.toContain("lovely negative split");
  });
});
