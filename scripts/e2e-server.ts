/**
 * The server Playwright tests against: a fresh embedded PostgreSQL with the demo data, and the
 * production build (`next start`) logged in as the app's own restricted role. Run `npm run build`
 * first (scripts/e2e.sh does). Account mail lands in .data/e2e-<port>/mail (emptied here).
 *
 * The clock: playwright.config.ts sets RUNBALANCE_TEST_NOW (default the real current instant) and
 * RUNBALANCE_TEST_NOW_SINCE; the demo data is seeded relative to that "now", and `next start` (a build
 * made with RUNBALANCE_TEST_BUILD=1, see scripts/e2e.sh) inherits both, so it tells the same time.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { connect } from "~/server/db/connection";
import { provisionAppLogin } from "~/server/db/app-login";
import { applyMigrations } from "~/server/db/migrate";
import { seedDemo } from "~/server/seed/seed-demo";
import { ensureDatabase, startEmbeddedPostgres, stopProcess } from "./lib/embedded-postgres";
import { now } from "~/lib/clock";

const port = process.env.E2E_PORT ?? "3210";
// Per port, so runs on different ports (scripts/clock-matrix.ts in parallel) keep apart.
const mailDir = resolve(`.data/e2e-${port}/mail`);
rmSync(mailDir, { recursive: true, force: true });
const server = await startEmbeddedPostgres({
  dataDir: resolve(`.data/e2e-${port}/postgres`),
  persistent: false,
  // Per port too: two runs starting at once (CI's two shards) must not both pick the same one.
  preferredPort: 57400 + (Number(port) % 100),
});
await ensureDatabase(server.serverUrl, "runbalance");
const ownerUrl = server.urlFor("runbalance");
await applyMigrations(ownerUrl);
const databaseUrl = await provisionAppLogin(ownerUrl, server.appLogin);
const { db, close } = connect(ownerUrl, { max: 2 });
const seededAt = now();
await seedDemo(db, seededAt);
console.log(`e2e server: demo data seeded for ${seededAt.toISOString()} (RUNBALANCE_TEST_NOW)`);
await close();

const next = spawn(process.execPath, [resolve("node_modules/next/dist/bin/next"), "start", "--port", port], {
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    // Sign-up mail (no SMTP here) is written where the browser tests read it.
    MAIL_OUTBOX_DIR: mailDir,
    // The job queue's worker runs inside the server (ADR 017): notification mail reaches the outbox.
    WORKER_DATABASE_URL: ownerUrl,
  },
});

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null) await stopProcess(next.pid!, "SIGTERM");
  await server.stop();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
next.on("exit", () => void shutdown());
