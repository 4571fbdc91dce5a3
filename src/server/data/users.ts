import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database, Tx } from "~/server/db/connection";
import { users } from "~/server/db/schema";
import { now } from "~/lib/clock";

/** Emails are compared case-insensitively everywhere: store and look them up normalised. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

type Db = Database | Tx;

export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)));
  return user ?? null;
}

/** The fields a signed-in request needs; never the password hash. */
export async function findSessionUser(db: Db, id: string) {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      sessionVersion: users.sessionVersion,
      units: users.units,
      timeZone: users.timeZone,
      weekStartDay: users.weekStartDay,
    })
    .from(users)
    .where(eq(users.id, id));
  return user ?? null;
}

export type SessionUser = NonNullable<Awaited<ReturnType<typeof findSessionUser>>>;

export async function createUser(db: Db, input: { email: string; name: string; passwordHash: string }) {
  const [user] = await db
    .insert(users)
    .values({ ...input, email: normaliseEmail(input.email) })
    .returning({ id: users.id, email: users.email, name: users.name });
  return user!;
}

export async function updateProfile(
  db: Db,
  id: string,
  profile: { name: string; units: "km" | "mi"; timeZone: string; weekStartDay: number },
) {
  await db
    .update(users)
    .set({ ...profile, updatedAt: now() })
    .where(eq(users.id, id));
}

/** Sets a new password hash and invalidates every existing session; returns the new session version. */
export async function replacePassword(db: Db, id: string, passwordHash: string): Promise<number> {
  const [row] = await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now() })
    .where(eq(users.id, id))
    .returning({ sessionVersion: users.sessionVersion });
  return row!.sessionVersion;
}

/** "Sign out everywhere": every session issued before now stops working. */
export async function revokeSessions(db: Db, id: string): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id));
}

export async function findPasswordHash(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, id));
  return row?.passwordHash ?? null;
}
