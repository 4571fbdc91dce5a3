import "server-only";
import { eq } from "drizzle-orm";
import type { Database, Tx } from "~/server/db/connection";
import { users } from "~/server/db/schema";
import { now } from "~/lib/clock";
import type { SessionAccount } from "./accounts";

/** Emails are compared case-insensitively everywhere: store and look them up normalised. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

type Db = Database | Tx;

/** The fields a signed-in request needs; never the password hash. */
export type SessionUser = SessionAccount;

/**
 * For the tables' owner only (seed data, tests): the app's role cannot look accounts up by email,
 * nor create them, except through the functions in accounts.ts.
 */
export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.email, normaliseEmail(email)));
  return user ?? null;
}

/** For the tables' owner only (tests): an account as a signed-in request sees it. */
export async function findSessionUser(db: Db, id: string): Promise<SessionUser | null> {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      units: users.units,
      timeZone: users.timeZone,
      weekStartDay: users.weekStartDay,
    })
    .from(users)
    .where(eq(users.id, id));
  return user ?? null;
}

/** For the tables' owner only (seed data, tests). */
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

/** The signed-in user's own time zone (row-level security admits only their row). */
export async function setTimeZone(db: Db, id: string, timeZone: string) {
  await db.update(users).set({ timeZone, updatedAt: now() }).where(eq(users.id, id));
}
