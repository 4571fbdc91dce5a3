import "server-only";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "./connection";

/** The role every request's queries run as: row-level security binds it (drizzle/0003, 0010). */
export const APP_ROLE = "runbalance_app";

/**
 * Runs a request's `work` in one transaction as the restricted app role, with the signed-in session's
 * user (if any, passed to `work`; null when the session has ended) as row-level security's context. The database verifies the session secret and writes
 * the context itself (app.enter_session); the app cannot name a user or an organisation on its own.
 * Everything is transaction-local, so nothing leaks to the next request on a pooled connection.
 * One statement: switching to the app role is a no-op for the app's own login, and keeps a
 * misconfigured owner connection restricted too.
 */
export function withSession<T>(
  db: Database,
  sessionSecret: string | null,
  work: (tx: Tx, sessionUserId: string | null) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const [entered] = await tx.execute<{ user_id: string | null }>(
      sql`select set_config('role', ${APP_ROLE}, true), app.enter_session(${sessionSecret}) as user_id`,
    );
    return work(tx, entered?.user_id ?? null);
  });
}

/** What entering an organisation's request found: the session's user, and the membership if any. */
export interface MemberSession {
  /** The live session's user; null when the session has ended. */
  userId: string | null;
  /** Null for a non-member (or an ended session): the context then names no organisation. */
  membership: {
    org: { id: string; slug: string; name: string; trainingSettings: unknown; trainingVersion: number };
    role: "owner" | "coach" | "athlete";
    /** The caller's own athlete profile in the organisation, when their role is athlete. */
    athleteId: string | null;
  } | null;
}

/**
 * withSession for a request inside one organisation (`orgSlug`): the session, the membership and the
 * caller's athlete profile entered in the transaction's first statement (app.enter_member_session,
 * drizzle/0018), which does what withSession and then app.enter_organisation do, with the same checks.
 */
export function withMemberSession<T>(
  db: Database,
  sessionSecret: string | null,
  orgSlug: string,
  work: (tx: Tx, entered: MemberSession) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    // Prepared (per connection; off when the pool disables it): one round trip instead of two.
    const [row] = await tx
      .select({
        user_id: sql<string | null>`user_id`,
        org_id: sql<string | null>`org_id`,
        org_slug: sql<string>`org_slug`,
        org_name: sql<string>`org_name`,
        training_settings: sql<unknown>`training_settings`,
        training_version: sql<number>`training_version`,
        role: sql<"owner" | "coach" | "athlete">`role`,
        athlete_id: sql<string | null>`athlete_id`,
      })
      .from(sql`app.enter_member_session(${sessionSecret}::text, ${orgSlug}::text)`)
      .prepare("enter_member_session")
      .execute();
    return work(tx, memberSessionOf(row));
  });
}

/** A row of app.enter_member_session, as the database returns it. */
export interface MemberSessionRow {
  user_id: string | null;
  org_id: string | null;
  org_slug: string;
  org_name: string;
  training_settings: unknown;
  training_version: number;
  role: "owner" | "coach" | "athlete";
  athlete_id: string | null;
}

/** The session and membership app.enter_member_session entered (no row: nobody). */
export function memberSessionOf(row: MemberSessionRow | undefined): MemberSession {
  const membership =
    row?.org_id == null
      ? null
      : {
          org: {
            id: row.org_id,
            slug: row.org_slug,
            name: row.org_name,
            trainingSettings: row.training_settings,
            trainingVersion: row.training_version,
          },
          role: row.role,
          athleteId: row.athlete_id,
        };
  return { userId: row?.user_id ?? null, membership };
}

export interface TenantScope {
  /** The organisation the transaction may touch; null before one is chosen. */
  orgId: string | null;
  /** The user the context names; lets them read their own account and memberships. */
  userId: string | null;
}

/**
 * For the tables' owner only (seed data, tests, maintenance): `work` as the app role with any
 * context, through app.act_as, which the app's own role may not execute.
 */
export function withTenant<T>(db: Database, scope: TenantScope, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select app.act_as(${scope.userId}::uuid, ${scope.orgId}::uuid)`);
    await tx.execute(sql`select set_config('role', ${APP_ROLE}, true)`);
    return work(tx);
  });
}

/**
 * For the tables' owner only (seed data, tests): names the organisation of an open transaction, since
 * tenant tables' policies bind the owner too.
 */
export async function setOrganisation(tx: Tx, orgId: string): Promise<void> {
  await tx.execute(sql`select app.act_as(null, ${orgId}::uuid)`);
}
