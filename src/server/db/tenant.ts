import "server-only";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "./connection";

/** The role every request's queries run as: row-level security binds it (drizzle/0003). */
export const APP_ROLE = "runbalance_app";

export interface TenantScope {
  /** The organisation the transaction may touch; null before one is chosen. */
  orgId: string | null;
  /** The signed-in user; lets them read their own account and memberships. */
  userId: string | null;
}

/**
 * Runs `work` in a transaction as the restricted app role, with the organisation and user set for
 * row-level security. Settings are transaction-local (set_config(..., true)) and bound as
 * parameters, so nothing leaks to the next request on a pooled connection.
 */
export function withTenant<T>(db: Database, scope: TenantScope, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', ${APP_ROLE}, true),
      set_config('app.org_id', ${scope.orgId ?? ""}, true),
      set_config('app.user_id', ${scope.userId ?? ""}, true)`);
    return work(tx);
  });
}

/**
 * Sets the organisation of an open transaction: once a request's membership is resolved, or for work
 * done as the migrating role (seed, sign-up, invitation acceptance), since tenant tables' policies
 * bind the owner too.
 */
export async function setOrganisation(tx: Tx, orgId: string): Promise<void> {
  await tx.execute(sql`select set_config('app.org_id', ${orgId}, true)`);
}
