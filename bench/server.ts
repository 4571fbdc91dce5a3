/**
 * The production server the HTTP and first-load benchmarks measure: `next start` on the bench
 * database, built first when the build is missing or predates the bench route. Sessions come from
 * scripts/lib/http-client.ts (signed in the way a browser does), shared with the resilience tests.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { findFreePort, stopProcess } from "../scripts/lib/embedded-postgres";

export interface BenchServer {
  readonly baseUrl: string;
  /** The `next start` process (the bench's own child). */
  readonly pid: number;
  readonly stop: () => Promise<void>;
}

const BENCH_ROUTE_BUILD = ".next/server/app/api/bench/select-1/route.js";

/** Builds when there is no build, or one made before the bench route existed (it would 404). */
export function ensureBuild(log: (line: string) => void): void {
  if (existsSync(".next/BUILD_ID") && existsSync(BENCH_ROUTE_BUILD)) return;
  log("building the production app (npx next build)…");
  const build = spawnSync("npx", ["next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error("next build failed");
}

async function waitUntilHealthy(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("next start did not become healthy within 60 s");
}

export async function startServer(databaseUrl: string, log: (line: string) => void): Promise<BenchServer> {
  ensureBuild(log);
  const port = await findFreePort(3300);
  const baseUrl = `http://localhost:${port}`;
  const child = spawn(process.execPath, [resolve("node_modules/next/dist/bin/next"), "start", "--port", String(port)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: baseUrl,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      BENCH_ROUTES: "1",
    },
  });
  await waitUntilHealthy(baseUrl, child);
  return { baseUrl, pid: child.pid!, stop: () => stopProcess(child.pid!, "SIGTERM") };
}
