import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { appUrlFor } from "~/server/db/app-login";
import { connect, type Connection } from "~/server/db/connection";
import { databaseUrl } from "./database-url";
import { StatementLog } from "./tenant-joins";

export interface TestDatabase extends Connection {
  url: string;
  name: string;
  /** The same database through the app's own login: not a superuser, no BYPASSRLS, owns nothing. */
  app: Connection & { url: string };
}

/** Creates an empty database on the test server (no migrations) and returns its URL. */
export async function createEmptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  return createDatabase(null);
}

async function createDatabase(template: string | null) {
  const name = `${inject("pgPrefix")}_test_${randomBytes(5).toString("hex")}`;
  const admin = postgres(inject("pgServerUrl"), { max: 1, onnotice: () => {} });
  await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
  return {
    name,
    url: databaseUrl(inject("pgServerUrl"), name),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/**
 * A migrated database of this test file's own, cloned from the template before the file's tests and
 * dropped after them. Use the returned object's fields inside tests (they are set in beforeAll).
 * `db`/`sql` connect as the owner (the migrating superuser: fixtures, fingerprints), `app` with the
 * app's own login.
 */
export function useTestDatabase(): TestDatabase {
  const handle = {} as TestDatabase;
  const statements = new StatementLog();
  let drop = async () => {};
  beforeAll(async () => {
    const created = await createDatabase(inject("pgTemplate"));
    drop = created.drop;
    const appUrl = appUrlFor(created.url, inject("pgAppLogin"));
    const onQuery = (query: string, parameters: readonly unknown[]) => statements.record(query, parameters);
    Object.assign(handle, connect(created.url, { max: 5, onQuery }), {
      url: created.url,
      name: created.name,
      app: { ...connect(appUrl, { max: 5, onQuery }), url: appUrl },
    });
  });
  afterAll(async () => {
    // Every statement this file sent, checked once its tests are done (src/test/tenant-joins.ts).
    if (handle.sql) {
      const tables = await handle.sql<{ table_name: string }[]>`select table_name from information_schema.columns
        where table_schema = 'public' and column_name = 'org_id'`;
      const violations = await statements.violations(new Set(tables.map((t) => t.table_name)));
      expect(violations, "queries joining tenant tables without equal org_ids").toEqual([]);
    }
    await handle.app?.close();
    await handle.close?.();
    await drop();
  });
  return handle;
}
