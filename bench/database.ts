/**
 * The benchmarks' database: BENCH_DATABASE_URL's server when set, else a dedicated embedded
 * PostgreSQL whose data folder (.data/bench-postgres) is kept between bench runs, so the scale data
 * is generated once per week and generator version (see scale-data.ts).
 */
import { resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { provisionAppLogin } from "~/server/db/app-login";
import { connect, type Connection } from "~/server/db/connection";
import { applyMigrations } from "~/server/db/migrate";
import { findSessionUser, findUserByEmail, type SessionUser } from "~/server/data/users";
import { openSession } from "~/test/sessions";
import { ensureDatabase, startEmbeddedPostgres } from "../scripts/lib/embedded-postgres";
import { athleteEmail, BIG_ORG, coachEmail, ensureScaleData, orgSlug, type ScaleDataInfo } from "./scale-data";

/** The embedded server's bench database; with BENCH_DATABASE_URL, the database that URL names (if any). */
const DATABASE_NAME = "runbalance_bench";

export interface BenchDatabase {
  /** The owner's URL (data generation, clean-up). */
  readonly url: string;
  /** The app's own login's URL, for the server the HTTP benchmarks start. */
  readonly appUrl: string;
  readonly connection: Connection;
  readonly data: ScaleDataInfo;
  /** The coach of the big roster, and an athlete of theirs, as the app sees them once signed in. */
  readonly coach: SessionUser;
  readonly athlete: SessionUser;
  readonly orgSlug: string;
  readonly stop: () => Promise<void>;
}

async function serverUrl(
  log: (line: string) => void,
): Promise<{ urlFor: (db: string) => string; serverUrl: string; stop: () => Promise<void> }> {
  const external = process.env.BENCH_DATABASE_URL;
  if (external) {
    const url = new URL(external);
    return {
      serverUrl: external,
      urlFor: (db) => Object.assign(new URL(url), { pathname: `/${db}` }).toString(),
      stop: async () => {},
    };
  }
  const server = await startEmbeddedPostgres({
    dataDir: resolve(".data/bench-postgres"),
    persistent: true,
    preferredPort: 58432,
    log,
  });
  return server;
}

/** The user, with a session open for in-process calls (contextFor). */
async function sessionUser(connection: Connection, email: string): Promise<SessionUser> {
  const user = await findUserByEmail(connection.db, email);
  const session = user && (await findSessionUser(connection.db, user.id));
  if (!session) throw new Error(`bench user ${email} is missing: delete .data/bench-postgres and run again`);
  await openSession(connection.db, session.id);
  return session;
}

export async function openBenchDatabase(log: (line: string) => void): Promise<BenchDatabase> {
  const server = await serverUrl(log);
  // Several people benching on one server each name their own database (BENCH_DATABASE_URL=…/<db>).
  const named = process.env.BENCH_DATABASE_URL ? new URL(process.env.BENCH_DATABASE_URL).pathname.slice(1) : "";
  const name = named || DATABASE_NAME;
  await ensureDatabase(server.serverUrl, name);
  const url = server.urlFor(name);
  await applyMigrations(url);
  const connection = connect(url, { max: 4 });
  const data = await ensureScaleData(connection.sql, log);
  const appUrl = await provisionAppLogin(url, {
    role: "runbalance_bench_app",
    password: randomBytes(18).toString("base64url"),
  });
  return {
    url,
    appUrl,
    connection,
    data,
    coach: await sessionUser(connection, coachEmail(BIG_ORG, 1)),
    athlete: await sessionUser(connection, athleteEmail(BIG_ORG, 1)),
    orgSlug: orgSlug(BIG_ORG),
    stop: async () => {
      await connection.close();
      await server.stop();
    },
  };
}

/**
 * Removes what the bench logged in the big organisation since `since` (runs and their idempotency
 * keys; nothing else writes to the bench database), so the data set stays as generated.
 */
export async function removeLoggedRuns(bench: BenchDatabase, since: Date): Promise<number> {
  return bench.connection.sql.begin(async (tx) => {
    const [org] = await tx<{ id: string }[]>`select id from organizations where slug = ${bench.orgSlug}`;
    await tx`select app.act_as(null, ${org!.id}::uuid)`;
    await tx`delete from idempotency_keys where org_id = ${org!.id} and created_at >= ${since.toISOString()}::timestamptz`;
    const deleted =
      await tx`delete from runs where org_id = ${org!.id} and created_at >= ${since.toISOString()}::timestamptz`;
    return deleted.count;
  });
}
