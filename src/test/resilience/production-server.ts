/**
 * A production stack to break on purpose: a dedicated embedded PostgreSQL that can be stopped and
 * started again on the same port and data folder, migrated and seeded with one small organisation,
 * and `next start` (the production build) in front of it. Used by the fault tests and scripts/soak.ts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { connect } from "~/server/db/connection";
import { provisionAppLogin } from "~/server/db/app-login";
import { applyMigrations } from "~/server/db/migrate";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import {
  ensureDatabase,
  findFreePort,
  startEmbeddedPostgres,
  stopProcess,
  type EmbeddedDatabase,
} from "../../../scripts/lib/embedded-postgres";
import { healthStatus } from "../../../scripts/lib/http-client";
import { inResilienceRun } from "./run-here";

/** The fault tests and the soak run need `next build`'s output. */
export const hasProductionBuild = () => existsSync(resolve(".next/BUILD_ID"));
export const NO_BUILD_MESSAGE = "no production build (.next/BUILD_ID): run `npm run build` first";

/** The newest app source (tests aside) changed after the build: the build may not be the code under test. */
function newestSourceAfterBuild(): string | null {
  const built = statSync(resolve(".next/BUILD_ID")).mtimeMs;
  const pending = [resolve("src"), resolve("next.config.ts")];
  while (pending.length > 0) {
    const path = pending.pop()!;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      if (path !== resolve("src/test")) for (const entry of readdirSync(path)) pending.push(join(path, entry));
    } else if (!path.endsWith(".test.ts") && stat.mtimeMs > built) {
      return path;
    }
  }
  return null;
}

/**
 * Whether a fault test runs: in `npm run test:resilience`, against a production build. Without a build
 * it is skipped with a warning, except in CI (CI set), where a skipped test would pass unnoticed: there
 * the file fails. A build older than the sources only earns a warning (e.g. after `git checkout`).
 */
export function runFaultTest(name: string): boolean {
  if (!inResilienceRun) return false;
  if (!hasProductionBuild()) {
    if (process.env.CI) throw new Error(`${name}: ${NO_BUILD_MESSAGE} (CI does not skip it)`);
    console.warn(`${name} skipped: ${NO_BUILD_MESSAGE}`);
    return false;
  }
  const newer = newestSourceAfterBuild();
  if (newer)
    console.warn(
      `${name}: ${newer} changed after the production build was made; run \`npm run build\` to test the current code`,
    );
  return true;
}

export interface RestartableDatabase {
  /** The app database's URL (as the migrating superuser, like `npm start` on the embedded server). */
  url: string;
  port: number;
  /** Stops PostgreSQL (fast shutdown: connections are cut, committed data is kept). */
  stop: () => Promise<void>;
  /** Starts it again on the same port and data folder; resolves once it accepts connections. */
  start: () => Promise<void>;
  /** Stops it and deletes its data folder. */
  destroy: () => Promise<void>;
}

export async function startRestartableDatabase(label: string): Promise<RestartableDatabase> {
  const dataDir = resolve(`.data/resilience-${label}-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  // Persistent, so that stopping keeps the data folder for the restart.
  const open = (preferredPort: number) => startEmbeddedPostgres({ dataDir, persistent: true, preferredPort });
  let server: EmbeddedDatabase | null = await open(58_432);
  const port = server.port;
  await ensureDatabase(server.serverUrl, "runbalance");
  const url = server.urlFor("runbalance");

  return {
    url,
    port,
    stop: async () => {
      await server?.stop();
      server = null;
    },
    start: async () => {
      server = await open(port);
      if (server.port !== port)
        throw new Error(`PostgreSQL came back on port ${server.port}, not ${port}: the port was taken meanwhile`);
    },
    destroy: async () => {
      await server?.stop();
      server = null;
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}.credentials.json`, { force: true });
    },
  };
}

/** Migrates the database and writes one small organisation (owner, coach, two athletes; see src/test/fixtures.ts). */
export async function prepareDatabase(url: string): Promise<OrgFixture> {
  await applyMigrations(url);
  const { db, close } = connect(url, { max: 2 });
  try {
    return await createOrgFixture(db, "Resilience");
  } finally {
    await close();
  }
}

export interface ProductionServer {
  baseUrl: string;
  process: ChildProcess;
  pid: number;
  /** Resolves when the server process exits, with its exit code (or the signal that ended it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last lines the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

export interface ServerOptions {
  /** Options for the server's Node.js itself, e.g. ["--trace-gc"]. */
  nodeArgs?: string[];
  /** Every line the server prints, as it prints it. */
  onOutput?: (line: string) => void;
}

/**
 * `next start` on a free loopback port against the database of `ownerUrl` (migrated), logged in as
 * the app's own restricted role, which this creates; resolves once /api/health answers 200.
 */
export async function startProductionServer(ownerUrl: string, options: ServerOptions = {}): Promise<ProductionServer> {
  const databaseUrl = await provisionAppLogin(ownerUrl, {
    role: "runbalance_resilience_app",
    password: randomBytes(18).toString("base64url"),
  });
  const port = await findFreePort(3_400);
  const baseUrl = `http://127.0.0.1:${port}`;
  const nextBin = resolve("node_modules/next/dist/bin/next");
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), nextBin, "start", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: databaseUrl,
        NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
        NEXTAUTH_URL: baseUrl,
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  );
  const lines: string[] = [];
  /** Whole lines only: a chunk may end in the middle of one. */
  const lineReader = () => {
    let partial = "";
    return (chunk: Buffer) => {
      const fresh = (partial + chunk.toString()).split("\n");
      partial = fresh.pop() ?? "";
      for (const line of fresh.filter(Boolean)) options.onOutput?.(line);
      lines.push(...fresh.filter(Boolean));
      lines.splice(0, Math.max(0, lines.length - 200));
    };
  };
  child.stdout!.on("data", lineReader());
  child.stderr!.on("data", lineReader());
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once("exit", (code, signal) => done({ code, signal })),
  );
  const output = () => lines.join("\n");

  const deadline = Date.now() + 60_000;
  while ((await healthStatus(baseUrl)) !== 200) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`next start did not become healthy within 60 s:\n${output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    process: child,
    pid: child.pid!,
    exited,
    output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) await stopProcess(child.pid!, "SIGTERM");
    },
  };
}

/** Resident memory of a process in kB (VmRSS in /proc/<pid>/status), or null once it is gone. */
export async function residentKb(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}
