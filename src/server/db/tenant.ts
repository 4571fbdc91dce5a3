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
