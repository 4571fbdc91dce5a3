import "server-only";
/**
 * The app's own database login (ADR 011): a role that can log in, is not a superuser, cannot bypass
 * row-level security, owns nothing and is a member of `runbalance_app` only. Migrations and seed data
 * use the owner's URL instead. Used by the scripts that set up a database (embedded mode, tests, the
 * end-to-end, resilience and benchmark servers); production operators create the role themselves
 * (README, "Production deployment").
 */
import postgres from "postgres";
import { APP_ROLE } from "./tenant";

export interface AppLogin {
  role: string;
  password: string;
}

/** The URL `login` uses for the database of `ownerUrl`. */
export function appUrlFor(ownerUrl: string, login: AppLogin): string {
  const url = new URL(ownerUrl);
  url.username = encodeURIComponent(login.role);
  url.password = encodeURIComponent(login.password);
  return url.toString();
}

/**
 * Creates the login (or resets its attributes and password) and makes it a member of the app role.
 * Roles are cluster-wide, so this is idempotent. `ownerUrl` must be allowed to create roles and to
 * grant `runbalance_app` (a superuser, or the role that migrated), and the database must be migrated
 * (migration 0003 creates `runbalance_app`). Returns the app's URL.
 */
export async function provisionAppLogin(ownerUrl: string, login: AppLogin): Promise<string> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const attributes = "login inherit nosuperuser nobypassrls nocreatedb nocreaterole noreplication";
    // Utility statements take no parameters: format() quotes the name and the password.
    const [{ create, alter } = { create: "", alter: "" }] = await sql<{ create: string; alter: string }[]>`
      select format(${`create role %I ${attributes} password %L`}::text, ${login.role}::text, ${login.password}::text) as create,
             format(${`alter role %I ${attributes} password %L`}::text, ${login.role}::text, ${login.password}::text) as alter`;
    const [{ exists } = { exists: false }] = await sql<{ exists: boolean }[]>`
      select exists(select from pg_roles where rolname = ${login.role}) as exists`;
    if (!exists) {
      try {
        await sql.unsafe(create);
      } catch (error) {
        // Created meanwhile by another process (42710 duplicate_object): make sure of its attributes.
        if ((error as { code?: string }).code !== "42710") throw error;
        await sql.unsafe(alter);
      }
    } else {
      await sql.unsafe(alter);
    }
    await sql.unsafe(`grant ${APP_ROLE} to "${login.role.replaceAll('"', '""')}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
  return appUrlFor(ownerUrl, login);
}

export interface LoginAudit {
  role: string;
  superuser: boolean;
  bypassesRls: boolean;
  /** Tables, views and sequences of the database the login (or a role it belongs to) owns. */
  ownedRelations: number;
  /** Roles the login can act as (directly or inherited), itself excluded. */
  memberOf: string[];
}

/** What the role behind `appUrl` may do, for refusing to run the app with too powerful a login. */
export async function auditLogin(appUrl: string): Promise<LoginAudit> {
  const sql = postgres(appUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<
      { role: string; superuser: boolean; bypasses_rls: boolean; owned: number; member_of: string[] | null }[]
    >`select r.rolname as role,
             bool_or(m.rolsuper) as superuser,
             bool_or(m.rolbypassrls) as bypasses_rls,
             (select count(*)::int from pg_class c where pg_has_role(current_user, c.relowner, 'USAGE')
                and c.relnamespace not in ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
                and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')) as owned,
             array_agg(m.rolname order by m.rolname) filter (where m.rolname <> r.rolname) as member_of
      from pg_roles r
      join pg_roles m on pg_has_role(r.oid, m.oid, 'MEMBER')
      where r.rolname = current_user
      group by r.rolname`;
    return {
      role: row!.role,
      superuser: row!.superuser,
      bypassesRls: row!.bypasses_rls,
      ownedRelations: row!.owned,
      memberOf: row!.member_of ?? [],
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Why `audit` is not a login the app may use, or null when it is safe. */
export function loginProblem(audit: LoginAudit): string | null {
  if (audit.superuser) return `${audit.role} is (or can become) a superuser, which bypasses row-level security`;
  if (audit.bypassesRls) return `${audit.role} has (or can take) BYPASSRLS`;
  if (audit.ownedRelations > 0) return `${audit.role} owns ${audit.ownedRelations} tables or views`;
  if (!audit.memberOf.includes(APP_ROLE)) return `${audit.role} is not a member of ${APP_ROLE}`;
  return null;
}
