import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** Shared with vitest.resilience.config.ts. */
export const alias = {
  "~": fileURLToPath(new URL("./src", import.meta.url)),
  // `server-only` throws outside a React Server Components bundle; tests run plain Node.
  "server-only": fileURLToPath(new URL("./src/test/empty-module.ts", import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          environment: "node",
          include: ["src/**/*.test.ts", "scripts/**/*.test.ts", "bench/**/*.test.ts"],
          // Slow fuzzing and fault suites run with `npm run test:resilience` (vitest.resilience.config.ts).
          exclude: ["**/*.int.test.ts", "src/test/resilience/**", "node_modules/**"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          include: ["src/**/*.int.test.ts", "tests/**/*.int.test.ts"],
          globalSetup: ["./src/test/global-setup.ts"],
          hookTimeout: 60_000,
          testTimeout: 30_000,
        },
      },
    ],
  },
});
