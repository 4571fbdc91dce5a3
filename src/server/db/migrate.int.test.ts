import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "./connection";
import { applyMigrations } from "./migrate";
import { createEmptyDatabase } from "~/test/test-database";

describe("migrations", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it("apply to an empty database, and applying them again changes nothing", async () => {
    const empty = await createEmptyDatabase();
    const { db, close } = connect(empty.url, { max: 1 });
    cleanups.push(async () => {
      await close();
      await empty.drop();
    });

    await applyMigrations(empty.url);
    const tables = await db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        "users",
        "organizations",
        "memberships",
        "athletes",
        "planned_weeks",
        "planned_sessions",
        "runs",
      ]),
    );
    const applied = await db.execute(sql`select hash, created_at from drizzle.__drizzle_migrations order by id`);
    const schemaBefore = await db.execute(
      sql`select table_name, column_name, data_type from information_schema.columns where table_schema = 'public' order by 1, 2`,
    );

    await applyMigrations(empty.url);
    expect(await db.execute(sql`select hash, created_at from drizzle.__drizzle_migrations order by id`)).toEqual(
      applied,
    );
    expect(
      await db.execute(
        sql`select table_name, column_name, data_type from information_schema.columns where table_schema = 'public' order by 1, 2`,
      ),
    ).toEqual(schemaBefore);
  });

  it("every tenant table leads its primary key with org_id and stores times with their zone", async () => {
    const empty = await createEmptyDatabase();
    const { db, close } = connect(empty.url, { max: 1 });
    cleanups.push(async () => {
      await close();
      await empty.drop();
    });
    await applyMigrations(empty.url);

    const tenantTables = await db.execute<{ table_name: string; first_pk_column: string | null }>(sql`
      select c.table_name,
        (select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
         where i.indrelid = ('public.' || c.table_name)::regclass and i.indisprimary) as first_pk_column
      from information_schema.columns c
      where c.table_schema = 'public' and c.column_name = 'org_id'`);
    expect(tenantTables.length).toBeGreaterThan(4);
    for (const table of tenantTables) expect(table, table.table_name).toMatchObject({ first_pk_column: "org_id" });

    const naiveTimestamps = await db.execute(
      sql`select table_name, column_name from information_schema.columns
          where table_schema = 'public' and data_type = 'timestamp without time zone'`,
    );
    expect(naiveTimestamps).toEqual([]);
  });
});
