/**
 * Who hears of each event (issue 17), against a real PostgreSQL: through the routers as the app's
 * restricted role where a request causes it, and as the scheduler would for missed sessions. Nobody
 * outside gets anything, a rolled-back change notifies nobody, and keyed events are recorded once.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, weekStartFor } from "~/domain/rules";
import { now, todayUtc } from "~/lib/clock";
import { createCaller } from "~/server/api/root";
import type { SessionUser } from "~/server/data/users";
import { plannedSessions, plannedWeeks, runs } from "~/server/db/schema";
import { setOrganisation, withTenant } from "~/server/db/tenant";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { contextFor } from "~/test/sessions";
import { useTestDatabase } from "~/test/test-database";
import { notifyComment, recordMissedSessions } from "./notification-events";

type Row = { org_id: string; recipient_user_id: string; kind: string; title: string; body: string; link: string };

describe("inbox events", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  let b: OrgFixture;
  const as = (user: SessionUser | null) => createCaller(contextFor(t.app.db, user));

  /** Notifications of one kind (as the superuser: row-level security aside), oldest first. */
  const recorded = (kind: string) =>
    t.db.execute<Row>(
      sql`select org_id, recipient_user_id, kind, title, body, link from notifications where kind = ${kind}::notification_kind
          order by created_at, recipient_user_id`,
    );
  const clear = (kind: string) => t.db.execute(sql`delete from notifications where kind = ${kind}::notification_kind`);
  const recipients = (rows: Row[]) => rows.map((r) => r.recipient_user_id).sort();

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Events");
    b = await createOrgFixture(t.db, "Others");
  });

  it("tells the athlete their week was published, then that it changed; a draft tells nobody", async () => {
    await clear("week_published");
    await clear("week_changed");
    const coach = as(a.users.coach);
    const weekStart = addDays(weekStartFor(todayUtc(), "monday"), 14); // fixture users: UTC, Monday weeks
    const input = { orgSlug: a.slug, athleteId: a.athleteIds.athlete1, weekStart };
    const session = {
      day: 1,
      kind: "aerobic" as const,
      durationMin: 45,
      distanceM: null,
      targetRpe: null,
      description: "",
    };
    const draft = await coach.weeks.save({ ...input, version: null, status: "draft", sessions: [session] });
    expect(await recorded("week_published")).toHaveLength(0);

    const published = await coach.weeks.save({
      ...input,
      version: draft.week.version,
      status: "published",
      sessions: [session, { ...session, day: 3 }],
    });
    const [first] = await recorded("week_published");
    expect(first).toMatchObject({
      org_id: a.orgId,
      recipient_user_id: a.users.athlete1.id,
      title: expect.stringMatching(new RegExp(`^${a.users.coach.name} published your plan for the week of `)),
      body: "2 sessions planned. Have a look before your next run.",
      link: `/o/${a.slug}/plan/${weekStart}`,
    });

    await coach.weeks.save({ ...input, version: published.week.version, status: "published", sessions: [session] });
    const changed = await recorded("week_changed");
    expect(recipients(changed)).toEqual([a.users.athlete1.id]);
    expect(changed[0]!.title).toMatch(/ changed your plan for the week of /);
    expect(await recorded("week_published")).toHaveLength(1);

    // A stale save is refused: nothing changes, nobody hears of it.
    await expect(
      coach.weeks.save({ ...input, version: published.week.version, status: "published", sessions: [] }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await recorded("week_changed")).toHaveLength(1);
  });

  it("tells the athlete's coaches, by name and with the facts, of a run that raised a warning, once per run", async () => {
    await clear("run_warning");
    const athlete = as(a.users.athlete1);
    const { run } = await athlete.runs.log({
      orgSlug: a.slug,
      idempotencyKey: randomUUID(),
      run: { date: todayUtc(), time: "06:30", kind: "recovery", durationS: 25 * 60, distanceM: 4200, rpe: 8 },
    });
    const rows = await recorded("run_warning");
    // Not the fixture's own row (a different run): only this run's.
    const mine = rows.filter((r) => r.link === `/o/${a.slug}/runs/${run.id}`);
    expect(recipients(mine)).toEqual([a.users.coach.id]);
    expect(mine[0]!.title).toMatch(
      new RegExp(`^${a.users.athlete1.name}’s recovery run of .* raised (a warning|\\d warnings)$`),
    );
    expect(mine[0]!.body).toMatch(new RegExp(`^${a.users.athlete1.name}: .*RPE 8`));
    // Edited and still too hard: not told twice.
    await athlete.runs.update({
      orgSlug: a.slug,
      runId: run.id,
      run: { date: todayUtc(), time: "06:30", kind: "recovery", durationS: 25 * 60, distanceM: 4200, rpe: 9 },
    });
    expect((await recorded("run_warning")).filter((r) => r.link.endsWith(run.id))).toHaveLength(1);

    // An easy run raises nothing; a coach logging the run is not told of what they just read.
    await clear("run_warning");
    await athlete.runs.log({
      orgSlug: a.slug,
      idempotencyKey: randomUUID(),
      run: { date: todayUtc(), time: "07:30", kind: "recovery", durationS: 20 * 60, distanceM: 3500, rpe: 2 },
    });
    await as(a.users.coach).runs.log({
      orgSlug: a.slug,
      athleteId: a.athleteIds.athlete1,
      idempotencyKey: randomUUID(),
      run: { date: todayUtc(), time: "18:30", kind: "recovery", durationS: 25 * 60, distanceM: 4200, rpe: 9 },
    });
    expect(await recorded("run_warning")).toHaveLength(0);
  });

  it("tells the inviter that their invitation was accepted", async () => {
    await clear("invitation_accepted");
    await as(a.users.coach).invitations.create({ orgSlug: a.slug, email: "joiner@example.com", role: "athlete" });
    const [mail] = await t.db.execute<{ text: string }>(
      sql`select text from outbox_emails where "to" = 'joiner@example.com' order by created_at desc limit 1`,
    );
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(mail!.text)![1]!;
    await as(null).invitations.accept({ token, name: "Jo Joiner", password: "a long joiner password" });
    const rows = await recorded("invitation_accepted");
    expect(recipients(rows)).toEqual([a.users.coach.id]);
    expect(rows[0]).toMatchObject({
      title: "Jo Joiner accepted your invitation",
      body: "Jo Joiner joined as an athlete you coach.",
      link: expect.stringMatching(new RegExp(`^/o/${a.slug}/athletes/[0-9a-f-]+$`)),
    });
  });

  it("records each missed session once per recipient, only for days that ended without a run", async () => {
    await clear("session_missed");
    const today = todayUtc(); // the fixture's athletes live in UTC
    // A day in the last week without any run of athlete 1 (the fixture logs some on fixed days).
    const taken = await t.db.execute<{ d: string }>(
      sql`select local_date::text as d from runs where org_id = ${a.orgId} and athlete_id = ${a.athleteIds.athlete1}`,
    );
    const busy = new Set(taken.map((r) => r.d));
    const missedDay = [1, 2, 3, 4, 5].map((n) => addDays(today, -n)).find((d) => !busy.has(d))!;
    const ranDay = addDays(missedDay, -1);
    const ids = await t.db.transaction(async (tx) => {
      await setOrganisation(tx, a.orgId);
      const [week] = await tx
        .insert(plannedWeeks)
        .values({
          orgId: a.orgId,
          athleteId: a.athleteIds.athlete1,
          weekStart: addDays(today, -9),
          status: "published",
        })
        .returning({ id: plannedWeeks.id });
      const session = (date: string) => ({
        orgId: a.orgId,
        weekId: week!.id,
        athleteId: a.athleteIds.athlete1,
        date,
        kind: "tempo" as const,
        durationMin: 40,
      });
      const rows = await tx
        .insert(plannedSessions)
        .values([session(missedDay), session(ranDay), session(today)])
        .returning({ id: plannedSessions.id });
      await tx.insert(runs).values({
        orgId: a.orgId,
        athleteId: a.athleteIds.athlete1,
        startedAt: new Date(`${ranDay}T07:00:00Z`),
        localDate: ranDay,
        kind: "tempo",
        durationS: 2400,
        rpe: 7,
        plannedSessionId: rows[1]!.id,
      });
      return rows.map((r) => r.id);
    });
    // As the job runs it: the app's role with only that organisation as its context.
    const record = () =>
      withTenant(t.db, { orgId: a.orgId, userId: null }, (tx) =>
        recordMissedSessions(tx, { now: now(), orgId: a.orgId }),
      );
    await record();
    await record(); // a scheduler firing twice
    const [keys] = await t.db.execute<{ missed: number; ran: number; today: number }>(
      sql`select count(*) filter (where dedupe_key = ${`missed:${ids[0]}`})::int as missed,
                 count(*) filter (where dedupe_key = ${`missed:${ids[1]}`})::int as ran,
                 count(*) filter (where dedupe_key = ${`missed:${ids[2]}`})::int as today
          from notifications where kind = 'session_missed'`,
    );
    // The athlete and their one coach, once each, however often it runs; nothing for the others.
    expect(keys).toEqual({ missed: 2, ran: 0, today: 0 });
    const mine = await t.db.execute<Row>(
      sql`select org_id, recipient_user_id, kind, title, body, link from notifications where dedupe_key = ${`missed:${ids[0]}`}`,
    );
    const byRecipient = new Map(mine.map((r) => [r.recipient_user_id, r]));
    expect(byRecipient.get(a.users.athlete1.id)).toMatchObject({
      title: expect.stringMatching(/^No run logged for your tempo run planned on /),
      link: `/o/${a.slug}/plan/${addDays(today, -9)}`,
    });
    expect(byRecipient.get(a.users.coach.id)!.title).toMatch(
      new RegExp(`^${a.users.athlete1.name} has no run for the tempo run planned on `),
    );
    // Nobody of organisation B, nor anyone outside the athlete and their coach, heard of it.
    const outsiders = [a.users.owner.id, a.users.athlete2.id, ...Object.values(b.users).map((u) => u.id)];
    const [leak] = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from notifications where dedupe_key like 'missed:%' and recipient_user_id in ${outsiders}`,
    );
    expect(leak!.n).toBe(0);
  });

  it("notifies nobody when the change that caused the event rolls back", async () => {
    await clear("comment");
    await expect(
      withTenant(t.db, { orgId: a.orgId, userId: a.users.coach.id }, async (tx) => {
        await notifyComment(
          tx,
          { id: a.orgId, slug: a.slug },
          {
            athlete: {
              athleteId: a.athleteIds.athlete1,
              userId: a.users.athlete1.id,
              displayName: a.users.athlete1.name,
              coachUserIds: [a.users.coach.id],
            },
            author: { userId: a.users.coach.id, name: a.users.coach.name },
            comment: { id: randomUUID(), body: "Never saved" },
            about: { weekStart: "2026-11-23" },
          },
        );
        throw new Error("the comment failed to save");
      }),
    ).rejects.toThrow("the comment failed to save");
    expect(await recorded("comment")).toHaveLength(0);
  });
});
