import "server-only";
import { z } from "zod";
import type { Database } from "~/server/db/connection";
import {
  clearAccountFailures,
  isLoginBlocked,
  LOGIN_WINDOW_MINUTES,
  recordLoginFailure,
} from "~/server/data/login-attempts";
import { findUserByEmail, normaliseEmail } from "~/server/data/users";
import { MAX_PASSWORD_LENGTH, verifyAgainstDummy, verifyPassword } from "./password";
import { now as clockNow } from "~/lib/clock";

const credentialsSchema = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

/** Thrown when an account or address has failed too often; its message is shown to the user. */
export class TooManyAttemptsError extends Error {
  constructor() {
    super(`Too many failed sign-in attempts. Wait ${LOGIN_WINDOW_MINUTES} minutes, then try again.`);
  }
}

/**
 * The user whose email and password these are, or null. Failures are counted per account and per IP
 * address in the database (so the limit holds across app instances); an unknown email costs as much
 * time as a wrong password, so response times do not reveal which accounts exist.
 */
export async function verifyCredentials(db: Database, raw: unknown, ip: string | null = null, now = clockNow()) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const email = normaliseEmail(parsed.data.email);
  const { password } = parsed.data;
  if (await isLoginBlocked(db, email, ip, now)) throw new TooManyAttemptsError();

  const user = await findUserByEmail(db, email);
  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!user || !valid) {
    await recordLoginFailure(db, email, ip, now);
    return null;
  }
  await clearAccountFailures(db, email);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
