import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { useTestDatabase } from "~/test/test-database";
import { APP_ROLE, withTenant } from "./tenant";

/** Tables holding organisation data: every table with an org_id column, plus organizations itself. */
async function tenantTables(t: ReturnType<typeof useTestDatabase>): Promise<string[]> {
  const rows = await t.db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'org_id' order by 1`,
  );
  return rows.map((r) => r.table_name);
}

describe("row-level security", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  let b: OrgFixture;
  let tables: string[];

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Alpha");
    b = await createOrgFixture(t.db, "Bravo");
    tables = await tenantTables(t);
  });

  it("is enabled and forced on every tenant table, and the app role cannot bypass it", async () => {
    expect(tables.length).toBeGreaterThanOrEqual(9);
    const flags = await t.db.execute<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      sql`select relname, relrowsecurity, relforcerowsecurity from pg_class
          where relnamespace = 'public'::regnamespace and relname = any(string_to_array(${[...tables, "organizations"].join(",")}, ','))`,
    );
    expect(flags).toHaveLength(tables.length + 1);
    for (const f of flags) expect(f, f.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });

    const [role] = await t.db.execute<{ rolsuper: boolean; rolbypassrls: boolean; owned: number }>(sql`
      select rolsuper, rolbypassrls, (select count(*)::int from pg_class where relowner = r.oid) as owned
      from pg_roles r where rolname = ${APP_ROLE}`);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0 });
  });

  it("shows the app role nothing from any tenant table when no organisation is set", async () => {
    for (const table of [...tables, "organizations", "users"]) {
      const rows = await withTenant(t.db, { orgId: null, userId: null }, (tx) =>
        tx.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`),
      );
      expect(rows[0], table).toEqual({ n: 0 });
    }
  });

  it("with organisation A set, reads only A's rows and cannot write, change or delete B's", async () => {
    for (const table of tables) {
      // A real row of B's, copied with a new id: exactly what a cross-tenant insert would look like.
      const [bRow] = await t.db.execute<{ row: Record<string, unknown> }>(
        sql`select to_jsonb(x) as row from ${sql.identifier(table)} x where org_id = ${b.orgId} limit 1`,
      );
      expect(bRow, `fixture has a row of B in ${table}`).toBeDefined();
      const copy = { ...bRow!.row, ...("id" in bRow!.row ? { id: crypto.randomUUID() } : {}) };

      await withTenant(t.db, { orgId: a.orgId, userId: null }, async (tx) => {
        const seen = await tx.execute<{ org_id: string }>(sql`select distinct org_id from ${sql.identifier(table)}`);
        expect(
          seen.map((r) => r.org_id),
          table,
        ).toEqual([a.orgId]);
        const updated = await tx.execute(
          sql`update ${sql.identifier(table)} set org_id = org_id where org_id = ${b.orgId}`,
        );
        expect(updated.count, `update ${table}`).toBe(0);
        const deleted = await tx.execute(sql`delete from ${sql.identifier(table)} where org_id = ${b.orgId}`);
        expect(deleted.count, `delete ${table}`).toBe(0);
      });

      const insert = withTenant(t.db, { orgId: a.orgId, userId: null }, (tx) =>
        tx.execute(
          sql`insert into ${sql.identifier(table)} select * from jsonb_populate_record(null::${sql.identifier(table)}, ${JSON.stringify(copy)}::jsonb)`,
        ),
      );
      await expect(insert, `insert into ${table}`).rejects.toMatchObject({ cause: { code: "42501" } });
    }
    const [counts] = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from runs where org_id = ${b.orgId}`,
    );
    expect(counts!.n).toBe(3);
  });

  it("lets a signed-in user see their own memberships before an organisation is chosen, and nobody else's", async () => {
    const rows = await withTenant(t.db, { orgId: null, userId: a.users.coach.id }, (tx) =>
      tx.execute<{ org_id: string; user_id: string }>(sql`select org_id, user_id from memberships`),
    );
    expect(rows).toEqual([{ org_id: a.orgId, user_id: a.users.coach.id }]);
  });

  it("leaves nothing behind on the pooled connection after the transaction", async () => {
    const { sql: raw } = t;
    const reserved = await raw.reserve();
    try {
      await reserved`begin`;
      await reserved`select set_config('role', ${APP_ROLE}, true), set_config('app.org_id', ${a.orgId}, true)`;
      await reserved`commit`;
      const [after] = await reserved`select current_user as role, current_setting('app.org_id', true) as org`;
      expect(after!.role).not.toBe(APP_ROLE);
      expect(after!.org ?? "").toBe("");
    } finally {
      reserved.release();
    }
  });
});
