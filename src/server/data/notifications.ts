import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "~/server/db/connection";
import { notifications } from "~/server/db/schema";
import { now } from "~/lib/clock";

export type NotificationKind = (typeof notifications.$inferInsert)["kind"];

/** An event for one member's inbox, with its texts already written for that reader. */
export interface NewNotification {
  /** Made by the caller when it must name the row later (notify() passes it to the mail job). */
  id?: string;
  recipientUserId: string;
  kind: NotificationKind;
  athleteId?: string | null;
  actorUserId?: string | null;
  title: string;
  body?: string;
  /** A path inside the app, e.g. `/o/club/runs/<id>`. */
  link: string;
  /** Same key, same recipient: recorded once (retried jobs, a scheduler firing twice). */
  dedupeKey?: string | null;
}

/**
 * Records events in their recipients' inboxes. No RETURNING: row-level security lets the writer
 * add a fellow member's notification but not read it back.
 */
export async function recordNotifications(tx: Tx, orgId: string, events: readonly NewNotification[]): Promise<void> {
  if (events.length === 0) return;
  const at = now();
  await tx
    .insert(notifications)
    // Stamped by the app's one clock, like everything compared with it (the inbox shows how long ago).
    .values(events.map((e) => ({ orgId, createdAt: at, ...e })))
    .onConflictDoNothing();
}

/**
 * The rows recordNotifications writes for `events`, with every column named (stamped by the app's
 * clock): for a statement that records them together with the change that caused them (the run log).
 */
export function notificationRows(orgId: string, events: ReadonlyArray<NewNotification & { id: string }>) {
  const at = now();
  return events.map((e) => ({
    orgId,
    id: e.id,
    recipientUserId: e.recipientUserId,
    kind: e.kind,
    athleteId: e.athleteId ?? null,
    actorUserId: e.actorUserId ?? null,
    title: e.title,
    body: e.body ?? "",
    link: e.link,
    dedupeKey: e.dedupeKey ?? null,
    createdAt: at,
  }));
}

/** Whose inbox: the member reading it (row-level security shows each member only their own rows too). */
const inboxOf = (orgId: string, userId: string) =>
  and(eq(notifications.orgId, orgId), eq(notifications.recipientUserId, userId));

/**
 * One page of a member's inbox, newest first, with the actor's name. Keyset pagination: `after` is the
 * last id of the previous page, compared in SQL (a JavaScript Date would drop the microseconds).
 * Returns one row more than `limit` when there is a next page.
 */
export async function listInbox(tx: Tx, orgId: string, userId: string, page: { after?: string; limit: number }) {
  const after = page.after
    ? sql`(${notifications.createdAt}, ${notifications.id}) < (select n.created_at, n.id from ${notifications} n
          where n.org_id = ${orgId} and n.recipient_user_id = ${userId} and n.id = ${page.after})`
    : undefined;
  return tx
    .select({
      id: notifications.id,
      kind: notifications.kind,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(and(inboxOf(orgId, userId), after))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(page.limit + 1);
}

/** How many of a member's notifications are unread: one index range (org, recipient, created_at). */
export async function countUnread(tx: Tx, orgId: string, userId: string): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(inboxOf(orgId, userId), isNull(notifications.readAt)));
  return row?.count ?? 0;
}

/** Marks one notification read (stamped `at`); false when it is not the member's. Read stays read. */
export async function markNotificationRead(tx: Tx, orgId: string, userId: string, id: string, at: Date) {
  const rows = await tx
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(inboxOf(orgId, userId), eq(notifications.id, id)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

/** Marks every unread notification of a member read; how many it marked. */
export async function markAllNotificationsRead(tx: Tx, orgId: string, userId: string, at: Date): Promise<number> {
  const rows = await tx
    .update(notifications)
    .set({ readAt: at })
    .where(and(inboxOf(orgId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
