/**
 * `npm run check:production-build`: proves the build in .next can never run on a test clock. A build
 * made by `npm run build` gets RUNBALANCE_TEST_BUILD="" inlined (next.config.ts), so the test-clock
 * branch of src/lib/clock.ts is dead code that the bundler removes: no server or browser chunk may
 * still read RUNBALANCE_TEST_NOW. A build for the end-to-end tests (RUNBALANCE_TEST_BUILD=1) keeps it,
 * which is how this check knows it can see the difference (`--expect test` checks that side).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { expect: { type: "string", default: "production" }, dir: { type: "string" } },
});
const root = resolve(values.dir ?? ".next");
if (!existsSync(join(root, "BUILD_ID"))) {
  console.error(`no build in ${root}: run npm run build first`);
  process.exit(2);
}

/** The built JavaScript (not its source maps, which quote the source) that reads the test clock. */
function chunksReadingTestClock(): string[] {
  const found: string[] = [];
  for (const sub of ["server", "static"]) {
    const dir = join(root, sub);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
      if (!file.endsWith(".js")) continue;
      if (readFileSync(join(dir, file), "utf8").includes("RUNBALANCE_TEST_NOW")) found.push(join(sub, file));
    }
  }
  return found;
}

const chunks = chunksReadingTestClock();
if (values.expect === "test") {
  if (chunks.length === 0) {
    console.error("expected a build for the end-to-end tests (RUNBALANCE_TEST_BUILD=1), but no chunk reads the clock");
    process.exit(1);
  }
  console.log(`test build: ${chunks.length} server chunk(s) read RUNBALANCE_TEST_NOW, as they should`);
} else {
  if (chunks.length > 0) {
    console.error(
      `this build honours RUNBALANCE_TEST_NOW (made with RUNBALANCE_TEST_BUILD=1?): never deploy it\n  ${chunks.join("\n  ")}`,
    );
    process.exit(1);
  }
  console.log("production build: no chunk reads RUNBALANCE_TEST_NOW; the test clock is compiled out");
}
