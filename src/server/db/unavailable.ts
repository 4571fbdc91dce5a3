/**
 * Which failures mean "the database cannot be reached right now" (a restart, a failover, a network
 * cut), as opposed to a bug or a bad query. Those are answered 503 with Retry-After rather than 500:
 * the request did nothing wrong and the same request is worth sending again in a moment (writes carry
 * idempotency keys for exactly that). Pure: no imports, so the classification is unit-tested alone.
 */
import "server-only";

/** What a client is told while the database is unreachable. */
export const SERVICE_UNAVAILABLE_MESSAGE = "The service is briefly unavailable; please try again.";

/** Seconds a client should wait before trying again (the Retry-After header). */
export const RETRY_AFTER_SECONDS = 2;

/** Socket errors from Node.js when the server cannot be reached or the connection is cut. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

/** postgres.js's own connection errors (node_modules/postgres/src/errors.js, connection.js). */
const DRIVER_CODES = new Set(["CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT"]);

/**
 * PostgreSQL SQLSTATEs of a server going away or not yet back: admin_shutdown (a fast or smart
 * shutdown cut the session), crash_shutdown, cannot_connect_now ("the database system is starting up"
 * or "shutting down"), and too_many_connections (the pool of a restarted server filling up again).
 * Not the rest of class 57: 57014 query_canceled and 57P04 database_dropped are not fixed by waiting.
 */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);

/**
 * Class 08, connection exception (08000, 08001, 08003, 08004, 08006, 08007), except 08P01
 * protocol_violation, which is a client or server bug that the same request would hit again.
 */
const isConnectionExceptionClass = (code: string) => /^08[0-9A-Z]{3}$/.test(code) && code !== "08P01";

const isUnavailableCode = (code: string) =>
  NETWORK_CODES.has(code) || DRIVER_CODES.has(code) || SQLSTATES.has(code) || isConnectionExceptionClass(code);

/**
 * 25006 read_only_sql_transaction: a write reached a node that is a standby right now, a demoted
 * primary or a standby not yet promoted during a failover (ADR 022). The app never opens read-only
 * transactions for its writes, so a write refused this way is refused by the node, not by our code.
 */
const READ_ONLY_NODE = "25006";

/**
 * PgBouncer reports a primary it cannot reach with its own ErrorResponse, SQLSTATE 08P01 (which is
 * otherwise protocol_violation, a bug): these messages, and only these, mean "the server is gone or
 * not back yet" (pgbouncer/src: server conn crashed, failed connects, server_login_retry,
 * query_wait_timeout while the pool waits for a server).
 */
const PGBOUNCER_UNAVAILABLE_MESSAGES = [
  /^server conn crashed\?/,
  /^pgbouncer cannot connect to server/,
  /^server login has been failing/,
  /^query_wait_timeout/,
];

const isPgBouncerUnavailable = (code: string, message: unknown) =>
  code === "08P01" && typeof message === "string" && PGBOUNCER_UNAVAILABLE_MESSAGES.some((re) => re.test(message));

/**
 * The code that says the database is unreachable, found in `error` or anything it wraps ("57P01",
 * "ECONNREFUSED", …), or null when it says no such thing. Wrappers are followed through `cause`
 * (Drizzle's DrizzleQueryError, tRPC's TRPCError) and through the `errors` of an AggregateError
 * (Node.js tries each address of a host name and reports every refusal).
 *
 * The socket codes are matched whatever opened the socket: the only other connection a request can
 * open is SMTP, and nodemailer reports its own failures as ESOCKET or ECONNECTION.
 */
export function databaseUnavailableCode(error: unknown): string | null {
  const pending: unknown[] = [error];
  const seen = new Set<unknown>();
  // A bounded walk: causes can be cyclic, and nothing real nests this deep.
  while (pending.length > 0 && seen.size < 32) {
    const value = pending.pop();
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    const code = (value as { code?: unknown }).code;
    if (
      typeof code === "string" &&
      (isUnavailableCode(code) ||
        code === READ_ONLY_NODE ||
        isPgBouncerUnavailable(code, (value as { message?: unknown }).message))
    )
      return code;
    pending.push((value as { cause?: unknown }).cause);
    const errors = (value as { errors?: unknown }).errors;
    if (value instanceof AggregateError && Array.isArray(errors)) pending.push(...errors);
  }
  return null;
}

/** Whether `error`, or anything it wraps, says the database is unreachable (see databaseUnavailableCode). */
export const isDatabaseUnavailable = (error: unknown): boolean => databaseUnavailableCode(error) !== null;
