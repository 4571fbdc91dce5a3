/**
 * A real primary and hot standby for tests (ADR 023): Debian's PostgreSQL 15 binaries, `initdb`, then
 * `pg_basebackup -R` (a streaming standby of the primary), each on its own loopback port, in a
 * temporary directory removed afterwards. PostgreSQL refuses to run as root: when the tests do, the
 * servers run as the `postgres` system user (the directory is handed to it).
 */
import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { findFreePort } from "../../scripts/lib/embedded-postgres";

const run = promisify(execFile);

export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

export interface StreamingPair {
  /** Superuser URLs of the `runbalance` database on each server. */
  primaryUrl: string;
  standbyUrl: string;
  /** A URL on which nothing listens (a replica that was never there). */
  closedUrl: string;
  primaryPort: number;
  standbyPort: number;
  /** The same database and login as `url` (on the primary), on the standby. */
  onStandby(url: string): string;
  stopStandby(): Promise<void>;
  startStandby(): Promise<void>;
  /** Waits until the standby has replayed everything the primary has written so far. */
  waitForReplay(): Promise<void>;
  stop(): Promise<void>;
}

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** A PostgreSQL binary, as the postgres system user when we are root. */
async function pg(binary: string, args: string[]): Promise<void> {
  const [command, argv] = asRoot
    ? ["runuser", ["-u", "postgres", "--", join(PG_BIN, binary), ...args]]
    : [join(PG_BIN, binary), args];
  await run(command, argv, { timeout: 120_000 });
}

async function waitUntilReady(url: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 2 });
    try {
      await sql`select 1`;
      return;
    } catch (error) {
      if (attempt > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await sql.end({ timeout: 1 });
    }
  }
}

/** Starts the pair on the first free ports from `preferredPort` (primary, standby, one left closed). */
export async function startStreamingPair(preferredPort: number): Promise<StreamingPair> {
  const port = await findFreePort(preferredPort);
  const standbyPort = await findFreePort(port + 1);
  const closedPort = await findFreePort(standbyPort + 1);
  if (!existsSync(join(PG_BIN, "pg_basebackup"))) throw new Error(`PostgreSQL 15 binaries not found in ${PG_BIN}`);
  const dir = mkdtempSync(join(tmpdir(), "runbalance-pair-"));
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const primaryDir = join(dir, "primary");
  const standbyDir = join(dir, "standby");
  const options = (p: number) => `-c port=${p} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir}`;
  const url = (p: number) => `postgres://postgres@127.0.0.1:${p}/runbalance`;

  // Trust on loopback only (initdb's default pg_hba lets replication connect there too).
  await pg("initdb", ["-D", primaryDir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  appendFileSync(join(primaryDir, "postgresql.conf"), "\nfsync = off\nsynchronous_commit = on\n");
  await pg("pg_ctl", ["-D", primaryDir, "-o", options(port), "-l", join(dir, "primary.log"), "-w", "start"]);
  const admin = postgres(`postgres://postgres@127.0.0.1:${port}/postgres`, { max: 1, onnotice: () => {} });
  await admin`create database runbalance`;
  await admin.end();

  await pg("pg_basebackup", [
    "-h",
    "127.0.0.1",
    "-p",
    String(port),
    "-U",
    "postgres",
    "-D",
    standbyDir,
    "-R",
    "-X",
    "stream",
    // An immediate checkpoint: a spread one makes the copy wait for minutes.
    "-c",
    "fast",
  ]);
  const startStandby = async () => {
    await pg("pg_ctl", ["-D", standbyDir, "-o", options(standbyPort), "-l", join(dir, "standby.log"), "-w", "start"]);
    await waitUntilReady(url(standbyPort));
  };
  const stopStandby = () => pg("pg_ctl", ["-D", standbyDir, "-m", "fast", "-w", "stop"]);
  await startStandby();

  const primary = postgres(url(port), { max: 1, onnotice: () => {} });
  const standby = postgres(url(standbyPort), { max: 1, onnotice: () => {} });
  return {
    primaryUrl: url(port),
    standbyUrl: url(standbyPort),
    closedUrl: url(closedPort),
    primaryPort: port,
    standbyPort,
    onStandby: (primaryUrl) => {
      const moved = new URL(primaryUrl);
      moved.port = String(standbyPort);
      return moved.toString();
    },
    stopStandby,
    startStandby,
    async waitForReplay() {
      const lsn = (await primary<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`)[0]!.lsn;
      for (let attempt = 0; attempt < 2000; attempt++) {
        const done = (await standby<{ done: boolean }[]>`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as done`)[0]!
          .done;
        if (done) return;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      throw new Error("the standby did not replay the primary's writes within 10 s");
    },
    async stop() {
      await primary.end({ timeout: 1 });
      await standby.end({ timeout: 1 });
      await stopStandby().catch(() => {});
      await pg("pg_ctl", ["-D", primaryDir, "-m", "fast", "-w", "stop"]).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
