import "server-only";
/**
 * Reads on a streaming replica, with read-your-writes (ADR 023). A read that opts in runs on the
 * replica (DATABASE_REPLICA_URL) in a read-only transaction, unless the replica has not yet replayed
 * this user's last write (the LSN in their write-marker cookie), does not know their session yet,
 * or cannot be reached: then it runs on the primary, as every read did before. Nothing here runs,
 * and no statement is added, when no replica is configured.
 */
import { sql } from "drizzle-orm";
import type { Database, Tx } from "./connection";
import { APP_ROLE, memberSessionOf, type MemberSession, type MemberSessionRow } from "./tenant";
import { databaseUnavailableCode } from "./unavailable";

/**
 * Whether the replica cannot be reached (fall back to the primary). Not 25006 read_only_sql_transaction,
 * which unavailable.ts counts as an outage for writes (a node not yet promoted): on the replica, which
 * is read-only by design, it means a write inside a read, a bug to surface rather than to rerun on
 * the primary.
 */
function replicaUnreachable(error: unknown): boolean {
  const code = databaseUnavailableCode(error);
  return code !== null && code !== "25006";
}

/** Which pool served a request's reads. */
export type Pool = "replica" | "primary";

/** The cookie holding the primary's WAL position right after this browser's last write. */
export const WRITE_MARKER_COOKIE = "rb-wrote-lsn";

/**
 * How long the marker holds reads on the primary at most. Replay lag is measured in milliseconds
 * (ADR 023); a minute covers a replica that stalls briefly, and past it the marker costs nothing.
 */
export const WRITE_MARKER_MAX_AGE_SECONDS = 60;

/** PostgreSQL's text form of an LSN, as pg_current_wal_lsn() prints it: two hex words. */
const LSN_PATTERN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/;

/**
 * The marker's LSN, or null for anything else. It is client input: only PostgreSQL's own format
 * gets into a query (as a parameter). A forged value can only move this user's own reads between
 * pools: too high keeps them on the primary, too low gives them the replica's slightly older view.
 */
export function parseWriteMarker(value: string | null | undefined): string | null {
  return typeof value === "string" && value.length <= 17 && LSN_PATTERN.test(value) ? value : null;
}

/** The Set-Cookie value of a marker (Secure when the app is served over https). */
export function writeMarkerCookie(lsn: string, secure: boolean): string {
  return [
    `${WRITE_MARKER_COOKIE}=${lsn}`,
    "Path=/",
    `Max-Age=${WRITE_MARKER_MAX_AGE_SECONDS}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

/** The primary's WAL position now: read after a write commits, it is at or past that commit. */
export async function currentWalPosition(primary: Database): Promise<string> {
  const [row] = await primary.execute<{ lsn: string }>(sql`select pg_current_wal_lsn()::text as lsn`);
  return row!.lsn;
}

/**
 * After the replica failed to answer, reads skip it for this long (monotonic time, not the app's
 * clock: this measures an interval, not a moment of anyone's day), so an outage costs one failed
 * connection attempt per few seconds rather than one per request.
 */
const SKIP_DOWN_REPLICA_MS = 5_000;
let replicaDownUntil = 0;

/** Forgets that the replica was down (tests that restart it). */
export function forgetReplicaOutage(): void {
  replicaDownUntil = 0;
}

/** Why a read did not stay on the replica. */
export type FallbackReason = "behind" | "session" | "unavailable";

class ReplicaCannotServe extends Error {
  constructor(readonly reason: FallbackReason) {
    super(`replica cannot serve this read: ${reason}`);
  }
}

export type ReplicaOutcome<T> = { served: true; value: T } | { served: false; reason: FallbackReason };

/**
 * Runs `work` on the replica as withSession does on the primary (the app role, the session's
 * row-level security context from app.enter_session, which only reads and set_config()s, as a hot
 * standby allows), in a read-only transaction. The first statement also says whether the replica
 * has replayed `mustSee`; it gives up (served: false) when it has not, when the replica's view of
 * the session is not `expectedUserId` (a session opened a moment ago), or when the replica cannot be
 * reached, even halfway through `work`: the caller then runs the same read on the primary. Any other
 * error is `work`'s own and is thrown as it is.
 */
export async function onReplica<T>(
  replica: Database,
  read: { sessionSecret: string | null; expectedUserId: string | null; mustSee: string | null; orgSlug?: string },
  work: (tx: Tx, sessionUserId: string | null, membership: MemberSession["membership"]) => Promise<T>,
): Promise<ReplicaOutcome<T>> {
  if (performance.now() < replicaDownUntil) return { served: false, reason: "unavailable" };
  try {
    const value = await replica.transaction(async (tx) => {
      // One statement, like withSession's: read-only (a hot standby is anyway; a pooler may point the
      // replica's name at the primary while no standby is healthy, and this keeps reads reads; going
      // read-only is allowed after the transaction's first query), the app role, the session's
      // context, and whether the user's last write is here. pg_last_wal_replay_lsn() is null on a
      // primary, which has every write.
      const caughtUp = sql`(${read.mustSee}::pg_lsn is null or pg_last_wal_replay_lsn() is null
               or pg_last_wal_replay_lsn() >= ${read.mustSee}::pg_lsn) as caught_up`;
      // With an organisation: app.enter_member_session (the role, the session, the membership; it
      // only reads and set_config()s too), as organisation procedures enter it on the primary.
      const [entered] = await tx.execute<Partial<MemberSessionRow> & { user_id: string | null; caught_up: boolean }>(
        read.orgSlug === undefined
          ? sql`select set_config('transaction_read_only', 'on', true), set_config('role', ${APP_ROLE}, true),
              app.enter_session(${read.sessionSecret}) as user_id, ${caughtUp}`
          : sql`select set_config('transaction_read_only', 'on', true), m.*, ${caughtUp}
              from app.enter_member_session(${read.sessionSecret}::text, ${read.orgSlug}::text) m`,
      );
      if (!entered?.caught_up) throw new ReplicaCannotServe("behind");
      if ((entered.user_id ?? null) !== read.expectedUserId) throw new ReplicaCannotServe("session");
      const membership = read.orgSlug === undefined ? null : memberSessionOf(entered as MemberSessionRow).membership;
      return work(tx, entered.user_id, membership);
    });
    return { served: true, value };
  } catch (error) {
    const cause = findCause(error);
    if (cause) return { served: false, reason: cause.reason };
    if (replicaUnreachable(error)) {
      replicaDownUntil = performance.now() + SKIP_DOWN_REPLICA_MS;
      return { served: false, reason: "unavailable" };
    }
    throw error;
  }
}

/** Our own refusal, also when tRPC wrapped it (a procedure's failed result carries it as `cause`). */
function findCause(error: unknown): ReplicaCannotServe | null {
  for (let value = error, depth = 0; value && depth < 8; depth++) {
    if (value instanceof ReplicaCannotServe) return value;
    value = (value as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * A read without a session (a calendar feed's token is its credential): on the replica when one is
 * configured and reachable, else on the primary. `work` opens its own transaction on the handle it
 * is given; the replica's is read-only by its nature (a hot standby refuses writes).
 */
export async function readWithoutSession<T>(
  primary: Database,
  replica: Database | null,
  work: (db: Database) => Promise<T>,
): Promise<{ value: T; pool: Pool }> {
  if (replica && performance.now() >= replicaDownUntil) {
    try {
      return { value: await work(replica), pool: "replica" };
    } catch (error) {
      if (!replicaUnreachable(error)) throw error;
      replicaDownUntil = performance.now() + SKIP_DOWN_REPLICA_MS;
    }
  }
  return { value: await work(primary), pool: "primary" };
}

/** A request's routing of reads: where they may go and what the response should say. */
export interface ReadRouting {
  /** The replica's handle; null when none is configured (the header alone is wanted). */
  replica: Database | null;
  /** The LSN of this browser's last write (its marker cookie, validated), or null. */
  mustSee: string | null;
  /** Told which pool served each procedure (the x-runbalance-db header, when exposed). */
  served(pool: Pool): void;
  /** Told the primary's WAL position after a write committed: sets the marker cookie. */
  wrote(lsn: string): void;
}

/** The header that says which pool served a response's reads (RUNBALANCE_EXPOSE_DB_ROUTE=1 only). */
export const DB_ROUTE_HEADER = "x-runbalance-db";

/**
 * A request's routing, or undefined when there is nothing to route (no replica, no header): then
 * everything runs on the primary exactly as without this module. `resHeaders` is null where the
 * response cannot carry headers (server components: they only read, so they never set a marker).
 */
export function requestReadRouting(options: {
  replica: Database | null;
  markerCookie: string | undefined;
  resHeaders: Headers | null;
  secure: boolean;
  exposeRoute: boolean;
}): ReadRouting | undefined {
  const { replica, resHeaders, secure, exposeRoute } = options;
  if (!replica && !exposeRoute) return undefined;
  const pools = new Set<Pool>();
  return {
    replica,
    mustSee: parseWriteMarker(options.markerCookie),
    served(pool) {
      if (!exposeRoute || !resHeaders) return;
      pools.add(pool);
      // A batch may hold reads served by both: "primary,replica".
      resHeaders.set(DB_ROUTE_HEADER, [...pools].sort().join(","));
    },
    wrote(lsn) {
      resHeaders?.append("set-cookie", writeMarkerCookie(lsn, secure));
    },
  };
}

/**
 * After a write outside tRPC (sign-in, an upload) committed: the marker for `response`, so the
 * user's next reads see it. Does nothing without a replica; a failure to read the position is
 * logged, never the write's failure (it is committed).
 */
export async function markWrite(primary: Database, routing: ReadRouting | undefined): Promise<void> {
  if (!routing?.replica) return;
  try {
    routing.wrote(await currentWalPosition(primary));
  } catch (error) {
    console.warn("Could not read the WAL position after a write; the next reads may miss it:", error);
  }
}
