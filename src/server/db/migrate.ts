import "server-only";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { Logger, runMigrations as migrateJobQueue } from "graphile-worker";
import { connect } from "./connection";

export const migrationsFolder = fileURLToPath(new URL("../../../drizzle", import.meta.url));

const quietQueueLogger = new Logger(() => () => {});

// Any constant works; it only has to be the same for every process that migrates.
const MIGRATION_LOCK_KEY = 727_274_001;

/**
 * Applies pending migrations from drizzle/ to the database at `url`. Idempotent, and safe when
 * several app instances start at once: a session-level advisory lock makes them take turns, which is
 * why this uses its own single-connection pool.
 */
export async function applyMigrations(url: string): Promise<void> {
  const { db, close } = connect(url, { max: 1 });
  try {
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await migrate(db, { migrationsFolder });
      // The job queue's own schema (graphile_worker, ADR 017), which app.enqueue_job calls into.
      await migrateJobQueue({ connectionString: url, logger: quietQueueLogger });
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  } finally {
    await close();
  }
}
