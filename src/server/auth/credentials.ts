import { z } from "zod";
import type { Database } from "~/server/db/connection";
import { findUserByEmail } from "~/server/data/users";
import { MAX_PASSWORD_LENGTH, verifyAgainstDummy, verifyPassword } from "./password";

const credentialsSchema = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

/**
 * The user whose email and password these are, or null. An unknown email costs as much time as a
 * wrong password, so response times do not reveal which accounts exist.
 */
export async function verifyCredentials(db: Database, raw: unknown) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await findUserByEmail(db, email);
  if (!user) {
    await verifyAgainstDummy(password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
