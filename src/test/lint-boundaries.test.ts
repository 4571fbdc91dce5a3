/**
 * The architecture's "who may import what" (docs/architecture.md) is enforced by ESLint: this lints
 * small probe sources as if they lived in each layer, and expects a violation for every direction
 * the table forbids and none for the directions it allows. A probe imports a real module, since the
 * boundary rule resolves imports like TypeScript does (so `~/x` and `../x` are the same import).
 */
import { resolve } from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
/** The rules that draw the boundaries (and keep configuration and server modules where they belong). */
const BOUNDARY_RULES = new Set([
  "import/no-restricted-paths",
  "no-restricted-imports",
  "@typescript-eslint/no-restricted-imports",
  "no-restricted-properties",
  "runbalance/client-imports",
  "runbalance/server-only",
]);

let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: ROOT });
  // The first lint loads the configuration, the parser and the resolver: seconds, once.
  await eslint.lintText("export {};\n", { filePath: resolve(ROOT, "src/lib/probe.ts") });
}, 60_000);

/** The boundary rules a probe at `path` breaks. */
async function violations(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, path) });
  return result!.messages.filter((m) => m.ruleId && BOUNDARY_RULES.has(m.ruleId)).map((m) => m.ruleId!);
}

/** A module of `path`'s layer that imports `specifier` for a value (server modules mark themselves). */
const probe = (path: string, specifier: string, name: string) =>
  `${path.startsWith("src/server/") ? 'import "server-only";\n' : ""}import { ${name} } from "${specifier}";\nexport const probe = ${name};\n`;

/** [layer file, import, imported name]: each must be refused. */
const FORBIDDEN: Array<[string, string, string]> = [
  ["src/app/o/[slug]/probe.ts", "~/server/data/runs", "listRuns"],
  ["src/app/o/[slug]/probe.ts", "~/server/db/schema", "runs"],
  ["src/components/probe.tsx", "~/server/db", "getDb"],
  ["src/components/probe.tsx", "~/trpc/server", "trpc"],
  ["src/components/probe.tsx", "~/app/o/[slug]/_shared/query-or-404", "queryOr404"],
  ["src/trpc/probe.ts", "~/server/data/runs", "listRuns"],
  ["src/trpc/probe.ts", "~/components/button", "Button"],
  ["src/lib/probe.ts", "~/server/errors", "ServiceError"],
  ["src/lib/probe.ts", "~/trpc/on-demand", "loadTrpc"],
  ["src/domain/training/probe.ts", "~/server/errors", "ServiceError"],
  ["src/domain/training/probe.ts", "~/lib/clock", "now"],
  ["src/domain/training/probe.ts", "drizzle-orm", "sql"],
  ["src/domain/rules/probe.ts", "~/domain/training/flags", "rankFlags"],
  ["src/server/api/probe.ts", "~/trpc/server", "trpc"],
  ["src/server/api/probe.ts", "~/app/o/[slug]/_shared/query-or-404", "queryOr404"],
  ["src/server/api/probe.ts", "~/server/http/service-error", "httpStatusOf"],
  ["src/server/api/probe.ts", "next/navigation", "notFound"],
  ["src/server/services/probe.ts", "~/server/api/access", "athleteFor"],
  ["src/server/services/probe.ts", "../api/access", "athleteFor"],
  ["src/server/services/probe.ts", "~/server/http/service-error", "httpStatusOf"],
  ["src/server/services/probe.ts", "~/server/auth/password", "hashPassword"],
  ["src/server/services/probe.ts", "@trpc/server", "TRPCError"],
  ["src/server/services/probe.ts", "next/cache", "revalidatePath"],
  ["src/server/services/probe.ts", "react", "cache"],
  ["src/server/data/probe.ts", "~/server/services/roster", "rosterFor"],
  ["src/server/data/probe.ts", "~/server/api/trpc", "orgProcedure"],
  ["src/server/data/probe.ts", "~/server/auth/password", "hashPassword"],
  ["src/server/data/probe.ts", "~/server/mail/send-mail", "sendMail"],
  ["src/server/data/probe.ts", "@trpc/server", "TRPCError"],
  ["src/server/db/probe.ts", "~/server/data/runs", "listRuns"],
  ["src/server/db/probe.ts", "~/domain/rules", "addDays"],
  ["src/server/db/probe.ts", "~/lib/clock", "now"],
  ["src/server/db/probe.ts", "next/navigation", "notFound"],
  ["src/server/auth/probe.ts", "~/server/api/trpc", "orgProcedure"],
  ["src/server/auth/probe.ts", "~/server/services/roster", "rosterFor"],
  ["src/server/auth/probe.ts", "@trpc/server", "TRPCError"],
  ["src/server/mail/probe.ts", "~/server/api/trpc", "orgProcedure"],
  ["src/server/mail/probe.ts", "~/server/services/roster", "rosterFor"],
  ["src/server/http/probe.ts", "~/server/data/runs", "listRuns"],
  ["src/server/http/probe.ts", "~/server/seed/seed-demo", "seedDemo"],
  ["src/server/activity-import/probe.ts", "~/server/db", "getDb"],
  ["src/server/activity-import/probe.ts", "~/domain/rules", "addDays"],
  ["src/server/seed/probe.ts", "~/server/api/trpc", "orgProcedure"],
  ["src/server/seed/probe.ts", "~/server/services/roster", "rosterFor"],
  ["src/server/health/probe.ts", "~/server/db", "getDb"],
  ["src/server/env.ts", "~/lib/clock", "now"],
  ["src/server/errors.ts", "~/domain/authz/policy", "can"],
];

/** The directions the table allows, from the same layers. */
const ALLOWED: Array<[string, string, string]> = [
  ["src/app/o/[slug]/probe.ts", "~/trpc/server", "trpc"],
  ["src/app/o/[slug]/probe.ts", "~/server/services/calendar", "calendarForToken"],
  ["src/app/o/[slug]/probe.ts", "~/server/auth/session", "requireUser"],
  ["src/components/probe.tsx", "~/domain/rules", "addDays"],
  ["src/components/probe.tsx", "~/lib/format", "formatDay"],
  ["src/trpc/probe.ts", "~/server/api/root", "appRouter"],
  ["src/lib/probe.ts", "~/domain/rules", "addDays"],
  ["src/domain/training/probe.ts", "~/domain/rules", "addDays"],
  ["src/domain/training/probe.ts", "zod", "z"],
  ["src/server/api/probe.ts", "~/server/services/roster", "rosterFor"],
  ["src/server/api/probe.ts", "~/server/data/runs", "listRuns"],
  ["src/server/api/probe.ts", "~/server/mail/send-mail", "sendMail"],
  ["src/server/services/probe.ts", "~/server/data/runs", "listRuns"],
  ["src/server/services/probe.ts", "~/server/db/tenant", "withTenant"],
  ["src/server/services/probe.ts", "~/server/errors", "ServiceError"],
  ["src/server/services/probe.ts", "~/domain/rules", "addDays"],
  ["src/server/services/probe.ts", "~/lib/clock", "now"],
  ["src/server/data/probe.ts", "~/server/db/schema", "runs"],
  ["src/server/data/probe.ts", "~/domain/rules", "addDays"],
  ["src/server/db/probe.ts", "~/server/env", "serverEnv"],
  ["src/server/auth/probe.ts", "~/server/data/users", "findUserByEmail"],
  ["src/server/http/probe.ts", "~/server/api/access", "memberAthleteFor"],
  ["src/server/http/probe.ts", "~/server/services/imports", "storeImportedRuns"],
  ["src/server/activity-import/probe.ts", "~/lib/clock", "now"],
  ["src/server/seed/probe.ts", "~/server/data/users", "createUser"],
];

describe("the architecture's boundaries, as lint", () => {
  it.each(FORBIDDEN)("refuses %s importing %s", async (path, specifier, name) => {
    expect(await violations(path, probe(path, specifier, name))).not.toEqual([]);
  });

  it.each(ALLOWED)("lets %s import %s", async (path, specifier, name) => {
    expect(await violations(path, probe(path, specifier, name))).toEqual([]);
  });

  it("keeps server modules out of client components, types aside", async () => {
    const client = (line: string) => `"use client";\n${line}\nexport const probe = 1;\n`;
    const page = "src/app/o/[slug]/probe-view.tsx";
    expect(await violations(page, client('import { appRouter } from "~/server/api/root";'))).toEqual([
      "runbalance/client-imports",
    ]);
    expect(await violations(page, client('import { trpc } from "~/trpc/server";'))).toEqual([
      "runbalance/client-imports",
    ]);
    expect(await violations(page, client('import type { AppRouter } from "~/server/api/root";'))).toEqual([]);
    expect(
      await violations(
        "src/trpc/client.ts",
        'import { appRouter } from "~/server/api/root";\nexport const x = appRouter;\n',
      ),
    ).toContain("@typescript-eslint/no-restricted-imports");
    expect(
      await violations(
        "src/trpc/client.ts",
        'import type { AppRouter } from "~/server/api/root";\nexport type X = AppRouter;\n',
      ),
    ).toEqual([]);
  });

  it('marks every server module with import "server-only"', async () => {
    const unmarked = 'import { listRuns } from "~/server/data/runs";\nexport const probe = listRuns;\n';
    expect(await violations("src/server/services/probe.ts", unmarked)).toEqual(["runbalance/server-only"]);
    expect(await violations("src/server/activity-import/probe.ts", "export const probe = 1;\n")).toEqual([]);
    expect(await violations("src/server/db/schema/probe.ts", "export const probe = 1;\n")).toEqual([]);
  });

  it("reads the environment only in src/server/env.ts (and the test clock in src/lib/clock.ts)", async () => {
    const readsEnv = "export const probe = process.env.SMTP_URL;\n";
    expect(await violations("src/app/o/[slug]/probe.ts", readsEnv)).toEqual(["no-restricted-properties"]);
    expect(await violations("src/server/mail/probe.ts", `import "server-only";\n${readsEnv}`)).toEqual([
      "no-restricted-properties",
    ]);
    expect(await violations("src/server/env.ts", `import "server-only";\n${readsEnv}`)).toEqual([]);
  });
});
