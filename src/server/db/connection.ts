import "server-only";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;
/** A transaction handle: anything that can run queries like `Database`. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface Connection {
  db: Database;
  sql: postgres.Sql;
  close: () => Promise<void>;
}

/**
 * Opens a pooled connection. Used by the app (src/server/db/index.ts), scripts and tests alike,
 * so that all of them talk to PostgreSQL the same way.
 *
 * Behind a transaction pooler without protocol-level prepared statements (PgBouncer before 1.21, as
 * in `npm run cluster`), the URL says `?prepare=false`: postgres.js reads that parameter itself (it is
 * one of its options, so it is not sent to the server as a start-up parameter) and then sends every
 * statement unnamed, since the next execution of a named one may land on another server connection
 * (ADR 022). The URL decides, not the code, because only the deployment knows what is in front.
 */
export function connect(
  url: string,
  options: { max?: number; onQuery?: (query: string, parameters: readonly unknown[]) => void } = {},
): Connection {
  const sql = postgres(url, {
    max: options.max ?? 10,
    idle_timeout: 20,
    connect_timeout: 5,
    max_lifetime: 60 * 30,
    // After a database restart, retry within half a second rather than the driver's default
    // exponential wait (up to 20 s), so the app is healthy again within seconds.
    backoff: (attempt: number) => Math.min(0.05 * 2 ** attempt, 0.5),
    onnotice: () => {},
    connection: { application_name: "runbalance" },
    // Tests count statements with this (e.g. "the roster costs the same number of queries for 5 or 200 athletes").
    ...(options.onQuery
      ? { debug: (_connection: number, query: string, parameters: unknown[]) => options.onQuery!(query, parameters) }
      : {}),
  });
  const db = drizzle(sql, { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
