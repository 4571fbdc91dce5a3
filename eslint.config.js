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
const noDateNow = { object: "Date", property: "now", message: "Use now() from ~/lib/clock." };
const noProcessEnv = {
  object: "process",
  property: "env",
  message: "Read configuration through src/server/env.ts, where every variable is validated.",
};
/** Tests and their harness may use any tool, read the environment and import across layers. */
const testFiles = ["src/**/*.test.ts", "src/test/**"];

/** A package as its files resolve (its own, or its types in @types/). */
const packages = (...names) => names.flatMap((name) => [`./node_modules/${name}`, `./node_modules/@types/${name}`]);
/** What only the edge (pages, route handlers, tRPC) speaks: below it, code runs the same in a script or a job. */
const transport = packages("@trpc", "next", "next-auth", "react", "react-dom");
const ui = ["./src/app", "./src/components", "./src/trpc"];

/**
 * docs/architecture.md's table ("Where things live"), row by row: what each layer may NOT import.
 * Paths are from the repository root and resolved like TypeScript resolves them, so `~/x` and
 * `../x` are the same import; `except` lists what stays allowed inside a forbidden folder.
 */
const layers = [
  {
    layer: "./src/app",
    mayNotImport: ["./src/server/data", "./src/server/db/schema"],
    why: "pages read through tRPC or a service",
  },
  {
    layer: "./src/components",
    mayNotImport: ["./src/server", "./src/trpc", "./src/app"],
    why: "shared UI gets its data as props",
  },
  { layer: "./src/trpc", mayNotImport: ["./src/app", "./src/components"], why: "it only connects pages to the router" },
  {
    layer: "./src/trpc",
    mayNotImport: ["./src/server"],
    // page-outage: what a page does when a procedure finds the database down (a 503, not a 500).
    except: ["./api", "./http/page-outage.ts"],
    why: "it reaches the server through the router",
  },
  { layer: "./src/lib", mayNotImport: ["./src/server", ...ui], why: "tiny universal helpers" },
  { layer: "./src/domain", mayNotImport: ["./src/server", "./src/lib", ...ui], why: "pure domain logic" },
  { layer: "./src/server", mayNotImport: ui, why: "the server never imports pages, components or the tRPC proxy" },
  {
    layer: "./src/server/api",
    mayNotImport: ["./src/server/http", ...packages("next", "react", "react-dom")],
    why: "routers are called by pages, not the reverse",
  },
  {
    layer: "./src/server/services",
    mayNotImport: ["./src/server/api", "./src/server/http", "./src/server/auth", "./src/server/seed", ...transport],
    why: "services refuse with ServiceError and run from a procedure, a route, a script or a job alike",
  },
  {
    layer: "./src/server/data",
    mayNotImport: [
      "./src/server/api",
      "./src/server/services",
      "./src/server/http",
      "./src/server/auth",
      "./src/server/mail",
      "./src/server/seed",
      ...transport,
    ],
    why: "data functions only run SQL",
  },
  {
    layer: "./src/server/db",
    mayNotImport: ["./src"],
    except: ["./server/db", "./server/env.ts"],
    why: "the database layer knows nothing above it",
  },
  { layer: "./src/server/db", mayNotImport: transport, why: "the database layer knows nothing above it" },
  {
    layer: "./src/server/auth",
    mayNotImport: [
      "./src/server/api",
      "./src/server/services",
      "./src/server/http",
      "./src/server/mail",
      "./src/server/seed",
      ...packages("@trpc"),
    ],
    why: "authentication sits below the API",
  },
  {
    layer: "./src/server/mail",
    mayNotImport: [
      "./src/server/api",
      "./src/server/services",
      "./src/server/http",
      "./src/server/auth",
      "./src/server/seed",
      ...transport,
    ],
    why: "mail is delivered or kept, nothing more",
  },
  {
    layer: "./src/server/http",
    mayNotImport: ["./src/server/data", "./src/server/seed"],
    why: "route handlers reach data through services",
  },
  {
    layer: "./src/server/activity-import",
    mayNotImport: ["./src/server", "./src/domain"],
    except: ["./activity-import"],
    why: "the file parsers also run alone, in a worker thread",
  },
  {
    layer: "./src/server/activity-import",
    mayNotImport: transport,
    why: "the file parsers also run alone, in a worker thread",
  },
  {
    layer: "./src/server/seed",
    mayNotImport: ["./src/server/api", "./src/server/services", "./src/server/http", "./src/server/mail", ...transport],
    why: "demo data is written below the API",
  },
  {
    layer: ["./src/server/env.ts", "./src/server/errors.ts", "./src/server/health"],
    mayNotImport: ["./src"],
    why: "configuration, the error type and the health check stand alone",
  },
];
const layerZones = layers.map(({ layer, mayNotImport, except, why }) => ({
  target: layer,
  from: mayNotImport,
  ...(except ? { except } : {}),
  message: `${why} (docs/architecture.md).`,
}));

/** Two checks no stock rule makes: a client component imports no server module; a server module says so. */
const runbalance = {
  rules: {
    "client-imports": {
      meta: {
        type: "problem",
        messages: {
          server:
            "A client component imports no server module ({{source}}): pass its data as props, or import types only.",
        },
      },
      create(context) {
        const isClient = context.sourceCode.ast.body.some(
          (statement) => statement.type === "ExpressionStatement" && statement.directive === "use client",
        );
        if (!isClient) return {};
        return {
          ImportDeclaration(node) {
            const typeOnly =
              node.importKind === "type" ||
              (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type"));
            const source = node.source.value;
            if (!typeOnly && (/^~\/(server|trpc\/server)(\/|$)/.test(source) || source === "server-only"))
              context.report({ node, messageId: "server", data: { source } });
          },
        };
      },
    },
    "server-only": {
      meta: {
        type: "problem",
        messages: { missing: 'A server module starts with import "server-only": no client component can pull it in.' },
      },
      create(context) {
        return {
          Program(program) {
            const first = program.body.find((statement) => statement.type === "ImportDeclaration");
            if (first?.source.value !== "server-only") context.report({ node: first ?? program, messageId: "missing" });
          },
        };
      },
    },
  },
};

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
      "public/sw.js",
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
    // One configuration (src/server/env.ts): the app never reads the environment itself. clock.ts is
    // the exception for its test-clock variables: it runs in the browser too, where env.ts cannot.
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/lib/clock.ts", ...testFiles],
    rules: {
      "no-restricted-syntax": ["error", noRawSql, ...noSystemClock],
      "no-restricted-properties": ["error", noDateNow, noProcessEnv],
    },
  },
  {
    files: ["src/server/env.ts"],
    rules: { "no-restricted-properties": ["error", noDateNow] },
  },
  {
    // Next's instrumentation hook asks which runtime loads it (NEXT_RUNTIME is set by Next, not configuration).
    files: ["src/instrumentation.ts"],
    rules: { "no-restricted-properties": ["error", noDateNow] },
  },
  {
    // The layers of docs/architecture.md ("Where things live"): each row's "may import" as zones a
    // layer may not import from, resolved like TypeScript does (so `~/` and relative paths alike).
    files: ["src/**/*.{ts,tsx}"],
    ignores: testFiles,
    rules: { "import/no-restricted-paths": ["error", { basePath: import.meta.dirname, zones: layerZones }] },
  },
  {
    plugins: { runbalance },
    files: ["src/**/*.{ts,tsx}"],
    ignores: testFiles,
    rules: { "runbalance/client-imports": "error" },
  },
  {
    // Server modules a client component must never pull in say so: Next's build then refuses the import.
    // Not the activity parsers (they also run in a plain worker thread) nor the schema (drizzle-kit reads it).
    plugins: { runbalance },
    files: ["src/server/**/*.ts"],
    ignores: ["src/server/activity-import/**", "src/server/db/schema/**", ...testFiles],
    rules: { "runbalance/server-only": "error" },
  },
  {
    // The browser's tRPC client knows the router by its type only.
    files: ["src/trpc/client.ts", "src/trpc/on-demand.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["~/server/*", "~/server/**", "~/trpc/server"],
              allowTypeImports: true,
              message: "The browser's tRPC client imports the server's types only.",
            },
          ],
        },
      ],
    },
  },
  {
    // Pure domain logic, shared by server and browser: its own files and zod, nothing with I/O.
    files: ["src/domain/**/*.ts"],
    ignores: testFiles,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?!\\.{1,2}/|~/domain/|zod$)",
              message: "src/domain imports only src/domain and zod (see docs/architecture.md).",
            },
          ],
        },
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
