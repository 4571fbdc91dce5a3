/**
 * The app's one clock: everything that asks "what time is it?" calls `now()`. A test run can move
 * it to a fixed instant (see `testClockStart`), so the suites pass on any day, hour and time zone;
 * in the browser the tests move the clock with Playwright's own, so `now()` there is plain `Date`.
 */

let offsetMs: number | undefined;

/**
 * The instant a test run starts the clock at, from `RUNBALANCE_TEST_NOW` (an ISO 8601 instant):
 * honoured only outside production (Vitest, the dev and test scripts), or in a build made for the
 * end-to-end tests (`RUNBALANCE_TEST_BUILD=1` at build time, inlined by next.config.ts). A
 * production build made by `npm run build` never reads it.
 */
function testClockStart(): number | null {
  if (typeof process === "undefined" || !process.env) return null;
  const allowed = process.env.NODE_ENV !== "production" || process.env.RUNBALANCE_TEST_BUILD === "1";
  const value = process.env.RUNBALANCE_TEST_NOW;
  if (!allowed || !value) return null;
  const start = Date.parse(value);
  if (Number.isNaN(start)) throw new Error(`RUNBALANCE_TEST_NOW is not an ISO 8601 instant: ${value}`);
  return start;
}

/** The current instant. Under a test clock it starts at the fixed instant and ticks from there. */
export function now(): Date {
  if (offsetMs === undefined) {
    const start = testClockStart();
    offsetMs = start === null ? 0 : start - Date.now();
  }
  return new Date(Date.now() + offsetMs);
}

/** `now()` as an ISO date (YYYY-MM-DD) in UTC, for scripts that only need a day. */
export function todayUtc(): string {
  return now().toISOString().slice(0, 10);
}
