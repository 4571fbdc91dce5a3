import { defineConfig, devices } from "@playwright/test";

// One clock for the run: the server (scripts/e2e-server.ts seeds and serves at it) and the browser
// (e2e/test.ts installs Playwright's clock) both start at RUNBALANCE_TEST_NOW, taken at the real
// instant RUNBALANCE_TEST_NOW_SINCE; by default the real current instant, so a plain run works on any
// day. Set once in the runner's environment, which the workers (they load this file again) and the web
// server inherit.
process.env.RUNBALANCE_TEST_NOW_SINCE ||= new Date().toISOString();
process.env.RUNBALANCE_TEST_NOW ||= process.env.RUNBALANCE_TEST_NOW_SINCE;
if (Number.isNaN(Date.parse(process.env.RUNBALANCE_TEST_NOW))) {
  throw new Error(`RUNBALANCE_TEST_NOW is not an ISO 8601 instant: ${process.env.RUNBALANCE_TEST_NOW}`);
}

const PORT = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${PORT}`; // localhost, as next-auth's redirects use it

// Debian's Chromium (installed by scripts/e2e.sh); Playwright's own browser cannot be downloaded here.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "./e2e",
  // Per port: a run cleans its output folder when it starts, which must not pull the traces from
  // under another run on another port (scripts/clock-matrix.ts side by side).
  outputDir: `test-results/e2e-${PORT}`,
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // The service worker (offline use, ADR 018) saves four pages of every athlete who signs in, in
  // every new browser context: e2e/offline.spec.ts allows it and tests it; elsewhere it would only
  // add that work to each test.
  use: { baseURL, trace: "retain-on-failure", serviceWorkers: "block" },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.PLAYWRIGHT_OWN_BROWSER ? undefined : executablePath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    // react-server: the server modules it seeds through start with import "server-only".
    command: "node node_modules/tsx/dist/cli.mjs --conditions=react-server scripts/e2e-server.ts",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { E2E_PORT: String(PORT), NEXTAUTH_URL: baseURL, NEXT_TELEMETRY_DISABLED: "1" },
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
  },
});
