import "server-only";
import { z } from "zod";
import type { Database } from "~/server/db/connection";
import { beginSignIn, finishSignIn } from "~/server/data/accounts";
import { normaliseEmail } from "~/server/data/users";
import { MAX_PASSWORD_LENGTH, passwordProof } from "./password";

const credentialsSchema = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

/** Thrown when sign-in attempts must wait (ADR 010); its message is shown to the user. */
export class TooManyAttemptsError extends Error {
  constructor() {
    super("Too many failed sign-in attempts. Wait 15 minutes, then try again.");
  }
}

/**
 * Signs in with email and password: the user and their new session's secret, or null. The database
 * checks the password and counts the attempt (app.finish_sign_in), so the limits hold across app
 * instances and cannot be skipped; `address` is the client's (src/server/auth/client-address.ts).
 * An unknown email costs as much time as a wrong password, so response times do not reveal which
 * accounts exist.
 */
export async function verifyCredentials(db: Database, raw: unknown, address: string | null) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const email = normaliseEmail(parsed.data.email);
  const started = await beginSignIn(db, email, address);
  if (started.refused) throw new TooManyAttemptsError();
  const proof = await passwordProof(started.passwordSettings, parsed.data.password);
  const finished = await finishSignIn(db, email, proof, address);
  if (finished.outcome === "refused") throw new TooManyAttemptsError();
  if (finished.outcome !== "ok") return null;
  return { ...finished.user, sessionSecret: finished.sessionSecret };
}
