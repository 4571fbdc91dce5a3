/**
 * What the browser loads with a page: every module statically imported from a "use client" file
 * (and the rules engine's main entry point, which browser code imports). Some packages must not be
 * in that graph because they would be in every first load that reaches them; code that needs them
 * in the browser loads them on demand with `import()`, which this walk does not follow.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(__dirname, "..");

const KEEP_OUT: ReadonlyArray<{ pkg: string; why: string }> = [
  { pkg: "zod", why: "validation comes from ~/domain/rules/parse and the schema modules, on the server or on demand" },
  { pkg: "next-auth/react", why: "signing in and out load it when the person acts" },
  {
    pkg: "@trpc/client",
    why: "pages render from server data; src/trpc/on-demand.ts loads the client when someone acts",
  },
  { pkg: "superjson", why: "it comes with the on-demand tRPC client" },
  { pkg: "@zxcvbn-ts", why: "passwords are judged on the server (src/server/auth/password-policy.ts)" },
  { pkg: "@tanstack/react-query", why: "pages render from server data, see docs/decisions/005-first-load-budget.md" },
  {
    pkg: "@trpc/tanstack-react-query",
    why: "pages render from server data, see docs/decisions/005-first-load-budget.md",
  },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The specifiers a module imports for their values (type-only imports are erased). */
function staticImports(file: string): string[] {
  const code = readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "");
  const found: string[] = [];
  for (const match of code.matchAll(
    /(?:^|[;\n])\s*(?:import|export)\s+(type\s+)?([^;]*?)\s*from\s*["']([^"']+)["']/g,
  )) {
    const [, typeOnly, clause = "", specifier = ""] = match;
    if (typeOnly) continue;
    const named = /^\{([\s\S]*)\}$/.exec(clause.trim());
    if (named && named[1]!.split(",").every((s) => s.trim() === "" || /^type\s/.test(s.trim()))) continue;
    found.push(specifier);
  }
  for (const match of code.matchAll(/(?:^|[;\n])\s*import\s*["']([^"']+)["']/g)) found.push(match[1]!);
  return found;
}

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("~/")
    ? join(SRC, specifier.slice(2))
    : specifier.startsWith(".")
      ? resolve(dirname(from), specifier)
      : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  throw new Error(`${relative(SRC, from)}: cannot resolve ${specifier}`);
}

/** The import chain from `entry` to each package it reaches. */
function packagesReached(entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of staticImports(file)) {
      const local = resolveLocal(file, specifier);
      if (local) visit(local, [...chain, relative(SRC, local)]);
      else if (!reached.has(specifier)) reached.set(specifier, chain);
    }
  };
  visit(entry, [relative(SRC, entry)]);
  return reached;
}

const clientEntries = sourceFiles(SRC).filter((file) => /^\s*["']use client["']/.test(readFileSync(file, "utf8")));
const entries = [...clientEntries, join(SRC, "domain/rules/index.ts")];

describe("modules the browser loads with a page", () => {
  it("finds the client components", () => {
    expect(clientEntries.length).toBeGreaterThan(10);
  });

  for (const { pkg, why } of KEEP_OUT) {
    it(`do not import ${pkg} (${why})`, () => {
      const offenders = entries.flatMap((entry) => {
        const chain = [...packagesReached(entry)].find(
          ([specifier]) => specifier === pkg || specifier.startsWith(`${pkg}/`),
        )?.[1];
        return chain ? [`${chain.join(" → ")} → ${pkg}`] : [];
      });
      expect(offenders).toEqual([]);
    });
  }
});
