/**
 * Citus readiness, read from the catalogs of the migrated schema (docs/scaling.md, section 4): a
 * tenant table can be distributed by `org_id` only if its primary key and every unique constraint
 * include `org_id`, and a foreign key between two tenant tables can be kept only if both sides pair
 * `org_id` with `org_id`. A new table or constraint that breaks this fails here, not on the day of
 * the move.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "~/test/test-database";

/**
 * Unique indexes that knowingly lack `org_id`: link tokens are looked up before the organisation is
 * known. docs/scaling.md says how each is resolved before distributing.
 */
const KNOWN_GLOBAL_UNIQUES = new Set(["invitations_token_hash_key", "calendar_feeds_token_hash_key"]);

type Constraint = {
  table: string;
  name: string;
  kind: "p" | "u" | "f" | "i";
  columns: string[];
  referencedTable: string | null;
  referencedColumns: string[] | null;
};

describe("distribution by org_id (Citus readiness)", () => {
  const t = useTestDatabase();
  let tenantTables: Set<string>;
  let constraints: Constraint[];

  beforeAll(async () => {
    const tables = await t.db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.columns
          where table_schema = 'public' and column_name = 'org_id' order by 1`,
    );
    tenantTables = new Set(tables.map((r) => r.table_name));
    // Primary keys, unique and foreign-key constraints, and unique indexes that back no constraint.
    const rows = await t.db.execute<Constraint>(sql`
      select c.conrelid::regclass::text as table, c.conname as name, c.contype as kind,
             array(select a.attname from unnest(c.conkey) with ordinality k(n, i)
                   join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i)::text[] as columns,
             case when c.contype = 'f' then c.confrelid::regclass::text end as "referencedTable",
             case when c.contype = 'f' then array(select a.attname from unnest(c.confkey) with ordinality k(n, i)
                   join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i)::text[] end
               as "referencedColumns"
      from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where n.nspname = 'public' and c.contype in ('p', 'u', 'f')
      union all
      select i.indrelid::regclass::text, ic.relname, 'i',
             array(select a.attname from unnest(i.indkey) with ordinality k(n, o)
                   join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.n order by k.o)::text[],
             null, null
      from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_namespace n on n.oid = ic.relnamespace
      where n.nspname = 'public' and i.indisunique and not i.indisprimary
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`);
    constraints = rows.filter((c) => tenantTables.has(c.table));
  });

  it("finds the tenant tables and their keys", () => {
    expect(tenantTables.size).toBeGreaterThan(10);
    expect(constraints.filter((c) => c.kind === "p")).toHaveLength(tenantTables.size);
  });

  it("has org_id in every tenant table's primary key and unique constraints", () => {
    const missing = constraints
      .filter((c) => c.kind !== "f" && !c.columns.includes("org_id") && !KNOWN_GLOBAL_UNIQUES.has(c.name))
      .map((c) => `${c.table}.${c.name} (${c.columns.join(", ")})`);
    expect(missing).toEqual([]);
  });

  it("pairs org_id with org_id in every foreign key between tenant tables", () => {
    const unpaired = constraints
      .filter((c) => c.kind === "f" && c.referencedTable !== null && tenantTables.has(c.referencedTable))
      .filter((c) => {
        const at = c.columns.indexOf("org_id");
        return at < 0 || c.referencedColumns![at] !== "org_id";
      })
      .map((c) => `${c.table}.${c.name} → ${c.referencedTable}`);
    expect(unpaired).toEqual([]);
  });

  it("still has each known exception, so the list cannot go stale", () => {
    const names = new Set(constraints.map((c) => c.name));
    expect([...KNOWN_GLOBAL_UNIQUES].filter((n) => !names.has(n))).toEqual([]);
  });
});
