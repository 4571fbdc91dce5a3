import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

const noRawSql = {
  selector: "CallExpression[callee.object.name='sql'][callee.property.name='raw']",
  message: "sql.raw() splices text into SQL: use sql`` with bound parameters.",
};
const noSystemClock = [
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: "Use now() from ~/lib/clock: tests fix that clock.",
  },
];

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next/**",
      ".data/**",
      "node_modules/**",
      "drizzle/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // SQL is built by Drizzle with bound parameters; raw SQL strings are how injections happen.
      "no-restricted-syntax": ["error", noRawSql],
    },
  },
  {
    // One clock (src/lib/clock.ts) that a test run can fix: the app never reads the system clock itself.
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/lib/clock.ts", "src/**/*.test.ts", "src/test/**"],
    rules: {
      "no-restricted-syntax": ["error", noRawSql, ...noSystemClock],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "Use now() from ~/lib/clock." },
      ],
    },
  },
  {
    // The rules engine is pure and runs in the browser too: it may import only its own files and zod.
    files: ["src/domain/rules/**/*.ts"],
    // Its tests may use the test tools; the engine itself may not.
    ignores: ["src/domain/rules/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?!\\.{1,2}/|zod$)",
              message: "The rules engine imports only its own files and zod (see docs/architecture.md).",
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "process", message: "The rules engine reads no environment." },
        { name: "fetch", message: "The rules engine does no I/O." },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "The rules engine reads no clock: take `asOf` as input.",
        },
      ],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "The rules engine reads no clock: take `asOf` as input." },
        { object: "Math", property: "random", message: "The rules engine is deterministic." },
      ],
    },
  },
  // Last: switches off stylistic rules that would fight the formatter (Prettier, run by `npm run lint`).
  prettier,
];

export default config;
