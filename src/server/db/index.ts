import "server-only";
import { connect, type Connection, type Database } from "./connection";
import { serverEnv } from "~/server/env";

// One pool per server process (two with a replica). In development, Next re-evaluates modules on
// every change; keeping the pools on globalThis stops each reload from opening new connections.
const globalForDb = globalThis as unknown as { runbalanceDb?: Connection; runbalanceReplicaDb?: Connection | null };

function connection(): Connection {
  globalForDb.runbalanceDb ??= connect(serverEnv().DATABASE_URL);
  return globalForDb.runbalanceDb;
}

function replicaConnection(): Connection | null {
  if (globalForDb.runbalanceReplicaDb === undefined) {
    const url = serverEnv().DATABASE_REPLICA_URL;
    globalForDb.runbalanceReplicaDb = url ? connect(url) : null;
  }
  return globalForDb.runbalanceReplicaDb;
}

/** The app's database handle, opened on first use (never at build time). */
export const getDb = () => connection().db;
export const getSql = () => connection().sql;
/**
 * The replica's handle for reads that opt in (src/server/db/replica.ts), or null when
 * DATABASE_REPLICA_URL is unset: then every query uses getDb().
 */
export const getReplicaDb = (): Database | null => replicaConnection()?.db ?? null;
