import "server-only";
/**
 * The queries that cross organisations by design: sessions, sign-in, password changes, sign-up,
 * invitation links and calendar feeds. Each is one SECURITY DEFINER function in the database
 * (drizzle/0010_verified_context.sql, listed in docs/architecture.md) that checks its own credential
 * (a session secret, a password, a link token) and returns only the columns needed. The app's role
 * can call nothing else that reaches past the signed-in user's organisations.
 */
import { sql } from "drizzle-orm";
import type { Database, Tx } from "~/server/db/connection";

type Db = Database | Tx;

export interface SessionAccount {
  id: string;
  email: string;
  name: string;
  units: "km" | "mi";
  timeZone: string;
  weekStartDay: number;
}

/** The account a session secret belongs to, or null when the session ended (signed out, expired). */
export async function findSessionAccount(db: Db, sessionSecret: string): Promise<SessionAccount | null> {
  const [row] = await db.execute<{
    id: string;
    email: string;
    name: string;
    units: "km" | "mi";
    time_zone: string;
    week_start_day: number;
  }>(sql`select id, email, name, units, time_zone, week_start_day from app.session_account(${sessionSecret})`);
  if (!row) return null;
  const { time_zone, week_start_day, ...rest } = row;
  return { ...rest, timeZone: time_zone, weekStartDay: week_start_day };
}

/** Signing out of this browser: the session's secret stops working, on every instance at once. */
export async function endSession(db: Db, sessionSecret: string): Promise<void> {
  await db.execute(sql`select app.end_session(${sessionSecret})`);
}

/** "Sign out everywhere" for the transaction's verified user. */
export async function endAllSessions(tx: Tx): Promise<void> {
  await tx.execute(sql`select app.end_all_sessions()`);
}

/** Whether an email may try to sign in from this address now, and its argon2id settings and salt. */
export async function beginSignIn(db: Database, email: string, address: string | null) {
  const [row] = await db.execute<{ refusal: string | null; password_settings: string | null }>(
    sql`select refusal, password_settings from app.begin_sign_in(${email}, ${address})`,
  );
  return { refused: row?.refusal != null, passwordSettings: row?.password_settings ?? null };
}

export type SignInOutcome =
  | { outcome: "ok"; sessionSecret: string; user: { id: string; email: string; name: string } }
  | { outcome: "invalid" | "refused" };

/**
 * Checks the password's proof (argon2id's output for the stored settings), counts the attempt and
 * opens a session when it is right. Runs on its own (not inside a transaction that could roll the
 * count back).
 */
export async function finishSignIn(
  db: Database,
  email: string,
  proof: string,
  address: string | null,
): Promise<SignInOutcome> {
  const [row] = await db.execute<{
    outcome: "ok" | "invalid" | "refused";
    session_secret: string | null;
    user_id: string | null;
    email: string | null;
    name: string | null;
  }>(sql`select outcome, session_secret, user_id, email, name from app.finish_sign_in(${email}, ${proof}, ${address})`);
  if (row?.outcome !== "ok") return { outcome: row?.outcome === "refused" ? "refused" : "invalid" };
  return {
    outcome: "ok",
    sessionSecret: row.session_secret!,
    user: { id: row.user_id!, email: row.email!, name: row.name! },
  };
}

/** For a password change: whether the account may try now, and its current argon2id settings. */
export async function beginPasswordChange(db: Database, sessionSecret: string) {
  const [row] = await db.execute<{ refused: boolean; password_settings: string | null }>(
    sql`select refused, password_settings from app.begin_password_change(${sessionSecret})`,
  );
  return { refused: row?.refused ?? false, passwordSettings: row?.password_settings ?? null };
}

/** Replaces the password when the current one's proof is right; ends all of the account's sessions. */
export async function changePassword(
  db: Database,
  input: { sessionSecret: string; proof: string; newHash: string; address: string | null },
): Promise<"ok" | "invalid" | "refused"> {
  const [row] = await db.execute<{ outcome: "ok" | "invalid" | "refused" }>(
    sql`select app.change_password(${input.sessionSecret}, ${input.proof}, ${input.newHash}, ${input.address}) as outcome`,
  );
  return row?.outcome ?? "invalid";
}

/**
 * Records a sign-up. `new` comes with the token for the confirmation link; `exists` means the email
 * already has an account (the app mails its owner instead); `refused` means too many sign-ups lately.
 */
export async function requestSignUp(
  db: Database,
  input: { email: string; name: string; organisationName: string; passwordHash: string; address: string | null },
): Promise<{ outcome: "new"; token: string } | { outcome: "exists" | "refused" }> {
  const [row] = await db.execute<{ outcome: "new" | "exists" | "refused"; token: string | null }>(
    sql`select outcome, token from app.request_sign_up(${input.email}, ${input.name}, ${input.organisationName},
          ${input.passwordHash}, ${input.address})`,
  );
  if (row?.outcome === "new") return { outcome: "new", token: row.token! };
  return { outcome: row?.outcome === "exists" ? "exists" : "refused" };
}

/**
 * Creates the account of a confirmed sign-up and puts it, with a fresh organisation id, in the
 * transaction's context; null for an unknown, used or expired link.
 */
export async function confirmSignUp(tx: Tx, token: string) {
  const [row] = await tx.execute<{
    user_id: string;
    org_id: string;
    email: string;
    name: string;
    organisation_name: string;
  }>(sql`select user_id, org_id, email, name, organisation_name from app.confirm_sign_up(${token})`);
  return row
    ? {
        userId: row.user_id,
        orgId: row.org_id,
        email: row.email,
        name: row.name,
        organisationName: row.organisation_name,
      }
    : null;
}
