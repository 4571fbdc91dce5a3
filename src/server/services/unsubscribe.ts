import "server-only";
import { MAIL_KIND_LABELS, isMailKind } from "~/domain/notifications/mail-preferences";
import { unsubscribe, unsubscribePreview } from "~/server/data/mail";
import type { Database } from "~/server/db/connection";

/** A link's token: "<user uuid>.<kind>.<64 hex>" (app_private.unsubscribe_token). */
const TOKEN = /^[0-9a-f-]{36}\.[a-z_]{1,40}\.[0-9a-f]{64}$/;

/**
 * What an unsubscribe link is for, to confirm before acting (mail scanners open links: a GET never
 * unsubscribes). Null for a token the database does not recognise.
 */
export async function unsubscribeLink(db: Database, token: string) {
  if (!TOKEN.test(token)) return null;
  const preview = await unsubscribePreview(db, token);
  if (!preview || !isMailKind(preview.kind)) return null;
  return { label: MAIL_KIND_LABELS[preview.kind], emailHint: preview.emailHint, unsubscribed: preview.unsubscribed };
}

/** Turns that kind of mail off for the link's recipient (RFC 8058 one-click POST, or the page's button). */
export async function unsubscribeByLink(db: Database, token: string): Promise<boolean> {
  if (!TOKEN.test(token)) return false;
  return (await unsubscribe(db, token)) !== null;
}
