import "server-only";
import { connect, type Connection } from "./connection";
import { serverEnv } from "~/server/env";

// One pool per server process. In development, Next re-evaluates modules on every change;
// keeping the pool on globalThis stops each reload from opening new connections.
const globalForDb = globalThis as unknown as { runbalanceDb?: Connection };

function connection(): Connection {
  globalForDb.runbalanceDb ??= connect(serverEnv().DATABASE_URL);
  return globalForDb.runbalanceDb;
}

/** The app's database handle, opened on first use (never at build time). */
export const getDb = () => connection().db;
export const getSql = () => connection().sql;
