/**
 * Everything `npm run dev` and `npm start` do before Next.js starts: find the database (DATABASE_URL,
 * or the embedded one), migrate it as its owner (DATABASE_MIGRATION_URL; the embedded server's
 * superuser), seed the demo on a brand-new embedded database, make sure the auth settings exist, and
 * refuse to run the app with a login that could get around row-level security.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { auditLogin, loginProblem, provisionAppLogin } from "~/server/db/app-login";
import { connect } from "~/server/db/connection";
import { applyMigrations } from "~/server/db/migrate";
import { demoAccounts, isEmpty, seedDemo } from "~/server/seed/seed-demo";
import { ensureDatabase, findFreePort, startEmbeddedPostgres } from "./embedded-postgres";
import { now } from "~/lib/clock";

export const DATA_DIR = resolve(".data");
const log = (line: string) => console.log(`[runbalance] ${line}`);

export interface PreparedEnvironment {
  env: Record<string, string>;
  url: string;
  stop: () => Promise<void>;
}

function localSecret(): string {
  const file = resolve(DATA_DIR, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

function printDemoAccounts(url: string): void {
  const accounts = demoAccounts();
  log("demo accounts (password for all: " + accounts.password + ")");
  for (const c of accounts.coaches) log(`  ${c.role.padEnd(7)} ${c.email}  (${c.name})`);
  for (const a of accounts.athletes) log(`  athlete ${a.email}  (${a.name})`);
  log(`open ${url}/sign-in`);
}

export async function prepare(): Promise<PreparedEnvironment> {
  const port = process.env.PORT ? Number(process.env.PORT) : await findFreePort(3000);
  const url = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;
  const env: Record<string, string> = { PORT: String(port), NEXTAUTH_URL: url };

  let databaseUrl = process.env.DATABASE_URL;
  let migrationUrl = process.env.DATABASE_MIGRATION_URL;
  let stop = async () => {};
  let embedded = false;
  let provision = async () => {};
  if (!databaseUrl) {
    embedded = true;
    log("DATABASE_URL is not set: starting the embedded PostgreSQL (data in .data/postgres)");
    const server = await startEmbeddedPostgres({
      dataDir: resolve(DATA_DIR, "postgres"),
      persistent: true,
      preferredPort: 54329,
      log,
    });
    await ensureDatabase(server.serverUrl, "runbalance");
    const ownerUrl = server.urlFor("runbalance");
    migrationUrl = ownerUrl;
    // The app logs in as its own restricted role, created (once migrated) with a password kept in .data.
    provision = async () => {
      databaseUrl = await provisionAppLogin(ownerUrl, server.appLogin);
    };
    stop = server.stop;
    log(`embedded PostgreSQL listening on 127.0.0.1:${server.port}`);
  }
  env.NEXTAUTH_SECRET = process.env.NEXTAUTH_SECRET ?? (embedded ? localSecret() : "");
  if (!env.NEXTAUTH_SECRET) throw new Error("NEXTAUTH_SECRET must be set when DATABASE_URL is set (see README).");

  if (migrationUrl) {
    await applyMigrations(migrationUrl);
    log("database migrated");
  } else {
    log("DATABASE_MIGRATION_URL is not set: not migrating (run `npm run db:migrate` with the owner's URL)");
  }
  await provision();
  env.DATABASE_URL = databaseUrl!;
  // The job queue's worker runs inside the app's process with the owner's login (ADR 017).
  const workerUrl = process.env.WORKER_DATABASE_URL || migrationUrl;
  if (workerUrl) env.WORKER_DATABASE_URL = workerUrl;

  const problem = loginProblem(await auditLogin(databaseUrl!));
  if (problem) {
    throw new Error(
      `DATABASE_URL must be the app's own login (see README, "Production deployment"): ${problem}. ` +
        "Put the owner's URL in DATABASE_MIGRATION_URL instead.",
    );
  }

  if (embedded) {
    const { db, close } = connect(migrationUrl!, { max: 2 });
    try {
      if (await isEmpty(db)) {
        log("empty database: seeding the demo organisation");
        await seedDemo(db, now());
      }
    } finally {
      await close();
    }
    printDemoAccounts(url);
  }
  return { env, url, stop };
}
