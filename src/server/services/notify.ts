import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "~/server/db/connection";
import { enqueueJob } from "~/server/data/mail";
import { recordNotifications, type NewNotification } from "~/server/data/notifications";

/**
 * The one way an event reaches people: into each recipient's inbox, in the transaction of the
 * change that caused it (so a rolled-back change notifies nobody). Mail follows from the inbox row,
 * by each recipient's preferences: one job, enqueued in the same transaction (ADR 017), reads them in
 * the worker and mails what is wanted at once; the daily summary picks up the rest.
 */
export async function notify(tx: Tx, orgId: string, events: readonly NewNotification[]): Promise<void> {
  const batch = notificationBatch(events);
  if (!batch) return;
  await recordNotifications(tx, orgId, batch.events);
  await enqueueJob(tx, orgId, "notification-mail", batch.mailJob);
}

/**
 * What notify records: the events with their ids and the mail job's payload; null when there are
 * none. The run log writes them itself, in the statement that saves the run (ADR 024).
 */
export function notificationBatch(events: readonly NewNotification[]) {
  if (events.length === 0) return null;
  // Ids made here: row-level security lets the writer add a fellow member's row but not read it back.
  const withIds = events.map((e) => ({ ...e, id: randomUUID() }));
  return {
    events: withIds,
    mailJob: { notifications: withIds.map((e) => ({ id: e.id, recipientUserId: e.recipientUserId })) },
  };
}
