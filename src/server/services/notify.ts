import "server-only";
import type { Tx } from "~/server/db/connection";
import { recordNotifications, type NewNotification } from "~/server/data/notifications";

/**
 * The one way an event reaches people: into each recipient's inbox, in the transaction of the
 * change that caused it (so a rolled-back change notifies nobody). Mail follows from the inbox row,
 * by each recipient's preferences.
 */
export async function notify(tx: Tx, orgId: string, events: readonly NewNotification[]): Promise<void> {
  await recordNotifications(tx, orgId, events);
}
