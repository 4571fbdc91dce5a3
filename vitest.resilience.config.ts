/**
 * `npm run test:resilience`: the slow suites that are not part of `npm test` (src/test/resilience):
 * fuzzing every tRPC procedure's input, and faults against a production server (PostgreSQL restarted
 * under load, SIGTERM while requests are in flight; these need `npm run build` first).
 */
import { defineConfig } from "vitest/config";
import { alias } from "./vitest.config";

export default defineConfig({
  resolve: { alias },
  test: {
    name: "resilience",
    environment: "node",
    include: ["src/test/resilience/**/*.test.ts"],
    // The fuzzer's database comes from the integration harness (a migrated template, cloned per file).
    globalSetup: ["./src/test/global-setup.ts"],
    // These files also match the default unit project's pattern; this flag is how they know to run.
    env: { RUNBALANCE_RESILIENCE: "1" },
    // One file at a time: the fault tests time outages and restarts, which a busy neighbour would skew.
    fileParallelism: false,
    hookTimeout: 180_000,
    testTimeout: 300_000,
  },
});
