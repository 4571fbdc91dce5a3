/**
 * Signed-in principals for tests: a real session per user (opened by the owner, as a correct password
 * would), and tRPC contexts that carry it, exactly like a request's.
 */
import { sql } from "drizzle-orm";
import type { Context } from "~/server/api/trpc";
import type { Database } from "~/server/db/connection";
import type { SessionUser } from "~/server/data/users";

const secrets = new Map<string, string>();

/** Opens a session for the user (as the owner) and remembers it for contextFor. */
export async function openSession(db: Database, userId: string): Promise<string> {
  const [row] = await db.execute<{ secret: string }>(sql`select app_private.open_session(${userId}::uuid) as secret`);
  secrets.set(userId, row!.secret);
  return row!.secret;
}

/** The session secret openSession gave this user. */
export function sessionOf(userId: string): string {
  const secret = secrets.get(userId);
  if (!secret) throw new Error(`no session opened for user ${userId}: call openSession first`);
  return secret;
}

/** A request's context for `user` (anonymous when null), on `db`. */
export function contextFor(db: Database, user: SessionUser | null, clientAddress = "192.0.2.10"): Context {
  return { db, user, sessionSecret: user ? sessionOf(user.id) : null, clientAddress };
}
