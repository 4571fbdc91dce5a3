import "server-only";
import type { Tx } from "~/server/db/connection";
import { notifications } from "~/server/db/schema";

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
  await tx
    .insert(notifications)
    .values(events.map((e) => ({ orgId, ...e })))
    .onConflictDoNothing();
}
