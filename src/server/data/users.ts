import { eq } from "drizzle-orm";
import type { Database, Tx } from "~/server/db/connection";
import { users } from "~/server/db/schema";

/** Emails are compared case-insensitively everywhere: store and look them up normalised. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

type Db = Database | Tx;

export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, normaliseEmail(email)));
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
