/**
 * Inbox events against a real PostgreSQL, through the router as the app's restricted role: who hears
 * of what (and nobody else), in the transaction of the change, and each member's own inbox.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/server/data/users";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { contextFor } from "~/test/sessions";
import { useTestDatabase } from "~/test/test-database";
import { createCaller } from "./root";

const WEEK = "2026-11-23";

describe("inbox events", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  let b: OrgFixture;
  const as = (user: SessionUser) => createCaller(contextFor(t.app.db, user));

  /** Every comment notification recorded since the last `clear()` (as the superuser: row-level security aside). */
  async function recorded() {
    return t.db.execute<{
      org_id: string;
      recipient_user_id: string;
      kind: string;
      title: string;
      body: string;
      link: string;
      actor_user_id: string | null;
      athlete_id: string | null;
    }>(
      sql`select org_id, recipient_user_id, kind, title, body, link, actor_user_id, athlete_id from notifications
          where kind = 'comment' order by created_at, recipient_user_id`,
    );
  }
  const clear = () => t.db.execute(sql`delete from notifications where kind = 'comment'`);

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Inbox");
    b = await createOrgFixture(t.db, "Elsewhere");
  });

  it("tells the athlete of a coach's comment on their run, and not the coach who wrote it", async () => {
    await clear();
    await as(a.users.coach).comments.create({
      orgSlug: a.slug,
      athleteId: a.athleteIds.athlete1,
      runId: a.runIds.public1,
      body: "Good pacing  on this one,\nkeep it up.",
    });
    const rows = await recorded();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      org_id: a.orgId,
      recipient_user_id: a.users.athlete1.id,
      kind: "comment",
      actor_user_id: a.users.coach.id,
      athlete_id: a.athleteIds.athlete1,
      body: "Good pacing on this one, keep it up.",
      link: `/o/${a.slug}/runs/${a.runIds.public1}#thread-run-${a.runIds.public1}`,
    });
    // A reply (the fixture's coach comment started the thread), about "your" run, by the coach's name.
    expect(rows[0]!.title).toMatch(new RegExp(`^${a.users.coach.name} replied on your .*run of Tue 24 Nov$`));
  });

  it("tells the athlete's coaches of the athlete's comment by name, and the owner only once they took part", async () => {
    await clear();
    const week = { orgSlug: a.slug, athleteId: a.athleteIds.athlete1, weekStart: WEEK };
    await as(a.users.athlete1).comments.create({ ...week, body: "Legs are heavy this week." });
    let rows = await recorded();
    expect(rows.map((r) => r.recipient_user_id)).toEqual([a.users.coach.id]);
    expect(rows[0]).toMatchObject({
      title: expect.stringMatching(/ commented on their week of Mon 23 Nov$/),
      link: `/o/${a.slug}/athletes/${a.athleteIds.athlete1}/week/${WEEK}#thread-week-${WEEK}`,
    });

    // The owner joins the thread: the athlete and the coach hear of it, in their own words.
    await clear();
    await as(a.users.owner).comments.create({ ...week, body: "Take an extra rest day." });
    rows = await recorded();
    const byRecipient = new Map(rows.map((r) => [r.recipient_user_id, r]));
    expect([...byRecipient.keys()].sort()).toEqual([a.users.athlete1.id, a.users.coach.id].sort());
    expect(byRecipient.get(a.users.athlete1.id)).toMatchObject({
      title: `${a.users.owner.name} replied on your week of Mon 23 Nov`,
      link: `/o/${a.slug}/feedback#thread-week-${WEEK}`,
    });
    expect(byRecipient.get(a.users.coach.id)!.title).toMatch(/replied on .*’s week of Mon 23 Nov$/);

    // Now the owner has written there, they hear of the athlete's reply too.
    await clear();
    await as(a.users.athlete1).comments.create({ ...week, body: "Will do." });
    rows = await recorded();
    expect(rows.map((r) => r.recipient_user_id).sort()).toEqual([a.users.owner.id, a.users.coach.id].sort());
    // Nobody outside the organisation, nor the other athlete, ever hears anything.
    const outsiders = [a.users.athlete2.id, ...Object.values(b.users).map((u) => u.id)];
    const [leak] = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from notifications where kind = 'comment' and (org_id = ${b.orgId} or recipient_user_id in ${outsiders})`,
    );
    expect(leak!.n).toBe(0);
  });

  it("notifies nobody when the comment is refused", async () => {
    await clear();
    await expect(
      as(a.users.coach).comments.create({
        orgSlug: a.slug,
        athleteId: a.athleteIds.athlete1,
        runId: a.runIds.public2, // athlete 2's run: refused after the access check
        body: "Wrong run",
      }),
    ).rejects.toThrow();
    expect(await recorded()).toHaveLength(0);
  });

  it("keeps each member's inbox their own: pages, unread count, mark read, mark all read", async () => {
    await clear();
    const athlete = as(a.users.athlete1);
    const inbox = { orgSlug: a.slug };
    for (const body of ["One", "Two", "Three"])
      await as(a.users.coach).comments.create({
        ...inbox,
        athleteId: a.athleteIds.athlete1,
        weekStart: "2026-11-30",
        body,
      });
    expect(await athlete.notifications.unreadCount(inbox)).toEqual({ count: 3 });

    const first = await athlete.notifications.list({ ...inbox, limit: 2 });
    expect(first.items.map((n) => n.body)).toEqual(["Three", "Two"]);
    expect(first.nextCursor).toBe(first.items[1]!.id);
    const second = await athlete.notifications.list({ ...inbox, limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((n) => n.body)).toEqual(["One"]);
    expect(second.nextCursor).toBeNull();

    // Another member cannot mark it, and sees none of it.
    await expect(
      as(a.users.athlete2).notifications.markRead({ ...inbox, id: first.items[0]!.id }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await as(a.users.athlete2).notifications.list(inbox)).items).toEqual([]);

    await athlete.notifications.markRead({ ...inbox, id: first.items[0]!.id });
    expect(await athlete.notifications.unreadCount(inbox)).toEqual({ count: 2 });
    const listed = await athlete.notifications.list(inbox);
    expect(listed.items.map((n) => n.readAt !== null)).toEqual([true, false, false]);

    expect(await athlete.notifications.markAllRead(inbox)).toEqual({ marked: 2 });
    expect(await athlete.notifications.unreadCount(inbox)).toEqual({ count: 0 });
    // The coach's own inbox (the fixture's warning) is untouched.
    expect(await as(a.users.coach).notifications.unreadCount(inbox)).toEqual({ count: 1 });
  });
});
