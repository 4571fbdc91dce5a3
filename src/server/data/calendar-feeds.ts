import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "~/server/db/connection";
import { calendarFeeds } from "~/server/db/schema";
import { now } from "~/lib/clock";

export const hashFeedToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function activeFeed(tx: Tx, orgId: string, athleteId: string) {
  const [row] = await tx
    .select({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(
      and(eq(calendarFeeds.orgId, orgId), eq(calendarFeeds.athleteId, athleteId), isNull(calendarFeeds.revokedAt)),
    );
  return row ?? null;
}

/** Revokes the athlete's feeds (every old URL stops working). */
export async function revokeFeeds(tx: Tx, orgId: string, athleteId: string) {
  await tx
    .update(calendarFeeds)
    .set({ revokedAt: now() })
    .where(
      and(eq(calendarFeeds.orgId, orgId), eq(calendarFeeds.athleteId, athleteId), isNull(calendarFeeds.revokedAt)),
    );
}

/** A new secret feed URL token; only its hash is stored, so the URL is shown once. */
export async function createFeed(tx: Tx, orgId: string, athleteId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await tx.insert(calendarFeeds).values({ orgId, athleteId, tokenHash: hashFeedToken(token) });
  return token;
}

/**
 * The feed a token opens, before any organisation is known: the token is the capability. When the
 * feed is active, app.enter_calendar_feed puts its organisation in the transaction's context.
 */
export async function enterFeedByToken(tx: Tx, token: string) {
  const [row] = await tx.execute<{ org_id: string; athlete_id: string }>(
    sql`select org_id, athlete_id from app.enter_calendar_feed(${token})`,
  );
  return row ? { orgId: row.org_id, athleteId: row.athlete_id } : null;
}
