/**
 * Browser code imports the engine's index for its labels, kinds and dates; bundlers leave the
 * modules it does not use (evaluation, messages, paces…) out only when they can tell that loading
 * them has no effect. A module-level `new …` or function call looks like one unless marked
 * /*#__PURE__*\/, so every such initialiser in the engine's zod-free modules must carry the mark.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const DIR = __dirname;
// The validation modules are reached through parse.ts, never from the index.
const VALIDATION = new Set(["schemas.ts", "settings-schema.ts", "parse.ts"]);

const engineModules = readdirSync(DIR).filter(
  (name) => name.endsWith(".ts") && !name.includes(".test.") && !name.includes(".fixture.") && !VALIDATION.has(name),
);

describe("the rules engine's index can be tree-shaken", () => {
  it("finds the engine's modules", () => {
    expect(engineModules).toContain("evaluate.ts");
  });

  it("marks module-level instances and calls as pure", () => {
    const unmarked = engineModules.flatMap((name) =>
      readFileSync(join(DIR, name), "utf8")
        .split("\n")
        .map((line, index) => ({ line, at: `${name}:${index + 1}` }))
        .filter(
          ({ line }) =>
            /^(export\s+)?(const|let|var)\s+[\w$]+(\s*:[^=]+)?\s*=\s*(new\s|[\w$.]+\s*(<[^>]*>)?\()/.test(line) &&
            !line.includes("/*#__PURE__*/"),
        )
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(unmarked).toEqual([]);
  });
});
