import "server-only";
import { and, count, eq, gt, inArray, lt } from "drizzle-orm";
import type { Database } from "~/server/db/connection";
import { loginAttempts } from "~/server/db/schema";

export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

const accountKey = (email: string) => `email:${email}`;
const ipKey = (ip: string) => `ip:${ip}`;

/** Whether this account or address has failed too often lately; checked before the password. */
export async function isLoginBlocked(db: Database, email: string, ip: string | null, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
  const keys = ip ? [accountKey(email), ipKey(ip)] : [accountKey(email)];
  const rows = await db
    .select({ key: loginAttempts.key, failures: count() })
    .from(loginAttempts)
    .where(and(inArray(loginAttempts.key, keys), gt(loginAttempts.attemptedAt, since)))
    .groupBy(loginAttempts.key);
  return rows.some((r) => r.failures >= (r.key.startsWith("ip:") ? MAX_FAILURES_PER_IP : MAX_FAILURES_PER_ACCOUNT));
}

export async function recordLoginFailure(db: Database, email: string, ip: string | null, now: Date): Promise<void> {
  const keys = ip ? [accountKey(email), ipKey(ip)] : [accountKey(email)];
  await db.insert(loginAttempts).values(keys.map((key) => ({ key, attemptedAt: now })));
  // Keep the table small: attempts older than the window no longer count.
  await db
    .delete(loginAttempts)
    .where(lt(loginAttempts.attemptedAt, new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000)));
}

/** A successful sign-in forgets the account's failures (not the address's). */
export async function clearAccountFailures(db: Database, email: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.key, accountKey(email)));
}
