/**
 * Row-level security, tried from the app's own login (t.app: what DATABASE_URL is in production), as
 * an attacker who can run any SQL through it would: a signed-in member of organisation A trying to
 * read or change organisation B's rows.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import type postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { sessionOf } from "~/test/sessions";
import { useTestDatabase } from "~/test/test-database";
import { auditLogin, loginProblem } from "./app-login";
import { APP_ROLE, withSession } from "./tenant";

/** Tables holding organisation data: every table with an org_id column, plus organizations itself. */
async function tenantTables(t: ReturnType<typeof useTestDatabase>): Promise<string[]> {
  const rows = await t.db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'org_id' order by 1`,
  );
  return rows.map((r) => r.table_name);
}

describe("row-level security through the app's own login", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  let b: OrgFixture;
  let tables: string[];

  /** B's rows the app's login can see right now, on this connection, counted table by table. */
  async function visibleRowsOfB(tx: postgres.TransactionSql | postgres.ReservedSql): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const [row] = await tx.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table} where org_id = $1`, [
        b.orgId,
      ]);
      if (row!.n > 0) counts[table] = row!.n;
    }
    const [orgs] = await tx<{ n: number }[]>`select count(*)::int as n from organizations where id = ${b.orgId}`;
    if (orgs!.n > 0) counts.organizations = orgs!.n;
    // B's members' accounts (none of them belongs to A).
    const [accounts] = await tx<{ n: number }[]>`select count(*)::int as n from users where id = any(${[
      b.users.owner.id,
      b.users.coach.id,
      b.users.athlete1.id,
      b.users.athlete2.id,
    ]}::uuid[])`;
    if (accounts!.n > 0) counts.users = accounts!.n;
    return counts;
  }

  /** A transaction as A's coach inside A, entered the way requests are (session, then membership). */
  async function asCoachOfA<T>(work: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
    return (await t.app.sql.begin(async (tx) => {
      await tx`select app.enter_session(${sessionOf(a.users.coach.id)})`;
      const [entered] = await tx<{ ok: boolean }[]>`select app.enter_organisation(${a.orgId}::uuid) as ok`;
      expect(entered!.ok).toBe(true);
      return work(tx);
    })) as T;
  }

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Alpha");
    b = await createOrgFixture(t.db, "Bravo");
    tables = await tenantTables(t);
  });

  it("logs in as a role that is no superuser, cannot bypass row-level security, owns nothing", async () => {
    const audit = await auditLogin(t.app.url);
    expect(loginProblem(audit)).toBeNull();
    expect(audit).toMatchObject({ superuser: false, bypassesRls: false, ownedRelations: 0, memberOf: [APP_ROLE] });
    // Every tenant table has row-level security enabled and forced (binding the owner too).
    const flags = await t.db.execute<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      sql`select relname, relrowsecurity, relforcerowsecurity from pg_class
          where relnamespace = 'public'::regnamespace and relname = any(string_to_array(${[...tables, "organizations"].join(",")}, ','))`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(15);
    expect(flags).toHaveLength(tables.length + 1);
    for (const f of flags) expect(f, f.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
  });

  it("cannot become a more powerful role", async () => {
    const reserved = await t.app.sql.reserve();
    try {
      for (const attempt of [
        "set role postgres",
        "set session authorization postgres",
        "select set_config('role', 'postgres', false)",
        "set role pg_read_all_data",
        "set row_security = off; select count(*) from runs",
      ]) {
        await expect(reserved.unsafe(attempt), attempt).rejects.toMatchObject({ code: expect.stringMatching(/^42/) });
      }
      await reserved`reset role`;
      await reserved`reset session authorization`;
      const [who] = await reserved<{ user: string; superuser: string }[]>`
        select current_user as user, current_setting('is_superuser') as superuser`;
      expect(who).toEqual({ user: inject_appRole(t), superuser: "off" });
      expect(await visibleRowsOfB(reserved)).toEqual({});
    } finally {
      reserved.release();
    }
  });

  it("sees nothing of any tenant table without a context, and no account but nobody's", async () => {
    for (const table of [...tables, "organizations", "users"]) {
      const [row] = await t.app.sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table}`);
      expect(row, table).toEqual({ n: 0 });
    }
  });

  it("inside A, reads only A's rows and cannot write, change or delete B's", async () => {
    for (const table of tables) {
      // A real row of B's, copied with a new id: exactly what a cross-tenant insert would look like.
      const [bRow] = await t.db.execute<{ row: Record<string, unknown> }>(
        sql`select to_jsonb(x) as row from ${sql.identifier(table)} x where org_id = ${b.orgId} limit 1`,
      );
      expect(bRow, `fixture has a row of B in ${table}`).toBeDefined();
      const copy = { ...bRow!.row, ...("id" in bRow!.row ? { id: crypto.randomUUID() } : {}) };

      await asCoachOfA(async (tx) => {
        const seen = await tx.unsafe<{ org_id: string }[]>(`select distinct org_id from ${table}`);
        expect(
          seen.map((r) => r.org_id),
          table,
        ).toEqual([a.orgId]);
        expect((await tx.unsafe(`update ${table} set org_id = org_id where org_id = $1`, [b.orgId])).count).toBe(0);
        expect((await tx.unsafe(`delete from ${table} where org_id = $1`, [b.orgId])).count).toBe(0);
      });
      const insert = asCoachOfA((tx) =>
        tx.unsafe(`insert into ${table} select * from jsonb_populate_record(null::${table}, $1::jsonb)`, [
          JSON.stringify(copy),
        ]),
      );
      await expect(insert, `insert into ${table}`).rejects.toMatchObject({ code: "42501" });
    }
    const [runsOfB] = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from runs where org_id = ${b.orgId}`,
    );
    expect(runsOfB!.n).toBe(3);
  });

  it("ignores a context the client writes itself, whatever it copies or guesses", async () => {
    await asCoachOfA(async (tx) => {
      const [own] = await tx<{ mac: string }[]>`select current_setting('app.context_mac') as mac`;
      // Naming B (and B's owner), keeping the signature of A's valid context.
      await tx`select set_config('app.org_id', ${b.orgId}, true), set_config('app.user_id', ${b.users.owner.id}, true),
                      set_config('app.context_mac', ${own!.mac}, true)`;
      expect(await visibleRowsOfB(tx)).toEqual({});
      // The forged context is not A's any more either: nothing at all.
      const [runs] = await tx<{ n: number }[]>`select count(*)::int as n from runs`;
      expect(runs!.n).toBe(0);
    });
    await asCoachOfA(async (tx) => {
      expect((await tx<{ ok: boolean }[]>`select app.enter_organisation(${b.orgId}::uuid) as ok`)[0]!.ok).toBe(false);
      expect(await visibleRowsOfB(tx)).toEqual({});
    });
    // The owner's tool and the private schema are out of reach.
    for (const attempt of [
      `select app.act_as(null, '${b.orgId}')`,
      "select * from app_private.context_key",
      "select * from app_private.sessions",
      `select app_private.set_context(null, '${b.orgId}', null, null)`,
    ]) {
      await expect(t.app.sql.unsafe(attempt), attempt).rejects.toMatchObject({ code: "42501" });
    }
  });

  it("cannot pull another account into its own organisation to read it as a fellow member", async () => {
    const attempt = asCoachOfA(
      (tx) => tx`insert into memberships (org_id, user_id, role) values (${a.orgId}, ${b.users.owner.id}, 'coach')`,
    );
    await expect(attempt).rejects.toMatchObject({ code: "42501" });
  });

  it("opens nothing through the cross-organisation functions without the right secret", async () => {
    const guess = "f".repeat(64);
    const [session] = await t.app.sql`select app.enter_session(${guess}) as user_id`;
    expect(session!.user_id).toBeNull();
    expect(await t.app.sql`select * from app.session_account(${guess})`).toEqual([]);
    expect(await t.app.sql`select * from app.invitation_preview(${guess})`).toEqual([]);
    expect(await t.app.sql`select * from app.confirm_sign_up(${guess})`).toEqual([]);
    await t.app.sql.begin(async (tx) => {
      expect(await tx`select * from app.enter_invitation(${guess})`).toEqual([]);
      expect(await tx`select * from app.enter_calendar_feed(${guess})`).toEqual([]);
      expect(await visibleRowsOfB(tx)).toEqual({});
    });
    await expect(t.app.sql`select app.create_invited_account(${guess}, 'X', 'y')`).rejects.toMatchObject({
      code: "42501",
    });
    // A token hash read from a backup is not the token: it opens nothing either.
    const [feed] = await t.db.execute<{ token_hash: string }>(
      sql`select token_hash from invitations where org_id = ${b.orgId}`,
    );
    expect(await t.app.sql`select * from app.invitation_preview(${feed!.token_hash})`).toEqual([]);
    // And B's real invitation link shows only what the invitee needs.
    const [preview] = await t.app.sql`select * from app.invitation_preview(${b.invitationToken})`;
    expect(Object.keys(preview!).sort()).toEqual(
      ["accepted_at", "email", "expires_at", "organisation_name", "revoked_at", "role"].sort(),
    );
  });

  it("reads no row of B after any sequence of context tricks (property test)", async () => {
    const mac = await asCoachOfA(async (tx) => (await tx`select current_setting('app.context_mac') as m`)[0]!.m);
    const ids = [a.orgId, b.orgId, a.users.coach.id, b.users.owner.id, "", "00000000-0000-0000-0000-000000000000"];
    const setting = fc.constantFrom("app.org_id", "app.user_id", "app.invitation_hash", "app.feed_hash");
    const step = fc.oneof(
      fc.record({ kind: fc.constant("set"), name: setting, value: fc.constantFrom(...ids, mac as string) }),
      fc.record({ kind: fc.constant("mac"), value: fc.constantFrom(mac as string, "", "0".repeat(64)) }),
      fc.record({ kind: fc.constant("enter"), org: fc.constantFrom(a.orgId, b.orgId) }),
      fc.record({ kind: fc.constant("session"), secret: fc.constantFrom(sessionOf(a.users.coach.id), "x") }),
      fc.record({ kind: fc.constant("reset"), what: fc.constantFrom("reset role", "reset all", "discard all") }),
      fc.record({ kind: fc.constant("token"), token: fc.constantFrom(b.invitationToken.slice(0, -1), "y".repeat(43)) }),
    );
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        runs++;
        const leaked = await t.app.sql.begin(async (tx) => {
          for (const s of steps) {
            // Each step may fail (that is fine): a savepoint keeps the transaction going.
            await tx
              .savepoint(async (sp) => {
                if (s.kind === "set") await sp`select set_config(${s.name}, ${s.value}, true)`;
                else if (s.kind === "mac") await sp`select set_config('app.context_mac', ${s.value}, true)`;
                else if (s.kind === "enter") await sp`select app.enter_organisation(${s.org}::uuid)`;
                else if (s.kind === "session") await sp`select app.enter_session(${s.secret})`;
                else if (s.kind === "reset") await sp.unsafe(s.what);
                else await sp`select * from app.enter_invitation(${s.token})`;
              })
              .catch(() => {});
          }
          return visibleRowsOfB(tx);
        });
        expect(leaked, JSON.stringify(steps)).toEqual({});
      }),
      { numRuns: 150 },
    );
    expect(runs).toBe(150);
  });

  it("leaves nothing behind on the pooled connection after a request's transaction", async () => {
    const reserved = await t.app.sql.reserve();
    try {
      await reserved`begin`;
      await reserved`select app.enter_session(${sessionOf(a.users.coach.id)})`;
      await reserved`select app.enter_organisation(${a.orgId}::uuid)`;
      await reserved`commit`;
      const [after] = await reserved<{ n: number }[]>`select count(*)::int as n from runs`;
      expect(after!.n).toBe(0);
    } finally {
      reserved.release();
    }
  });

  it("request transactions see the session's organisations only", async () => {
    const orgs = await withSession(t.app.db, sessionOf(a.users.coach.id), (tx) =>
      tx.execute<{ id: string }>(sql`select id from organizations`),
    );
    expect(orgs.map((o) => o.id)).toEqual([a.orgId]);
  });
});

describe("the functions that cross organisations by design", () => {
  const t = useTestDatabase();

  it("are executable by the app's role only, and each is listed in docs/architecture.md", async () => {
    const definers = await t.db.execute<{ name: string; public: boolean; app: boolean }>(sql`
      select p.proname as name,
             has_function_privilege('public', p.oid, 'execute') as public,
             has_function_privilege(${APP_ROLE}, p.oid, 'execute') as app
      from pg_proc p where p.pronamespace = 'app'::regnamespace and p.prosecdef order by 1`);
    expect(definers.length).toBeGreaterThanOrEqual(20);
    const architecture = readFileSync(resolve("docs/architecture.md"), "utf8");
    for (const f of definers) {
      expect(f.public, `${f.name}: PUBLIC may execute it`).toBe(false);
      expect(f.app, f.name).toBe(f.name !== "act_as");
      expect(architecture, `docs/architecture.md lists app.${f.name}`).toContain(`app.${f.name}`);
    }
  });
});

/** The app login's role name, as the harness made it (src/test/global-setup.ts). */
function inject_appRole(t: ReturnType<typeof useTestDatabase>): string {
  return decodeURIComponent(new URL(t.app.url).username);
}
