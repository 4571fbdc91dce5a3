/**
 * The app's one clock: everything that asks "what time is it?" calls `now()`. A test run can move
 * it to a fixed instant (see `testClockStart`), so the suites pass on any day, hour and time zone;
 * in the browser the tests move the clock with Playwright's own (e2e/test.ts), so `now()` there is
 * plain `Date`.
 */

let offsetMs: number | undefined;

/**
 * Whether this process may run on a test clock: outside production (Vitest, the dev and test
 * scripts), or in a build made for the end-to-end tests. next.config.ts inlines
 * `RUNBALANCE_TEST_BUILD` into every build ("1" only when it was set at build time, "" otherwise), so
 * a production build made by `npm run build` cannot be switched by the environment it runs in.
 */
function testClockAllowed(): boolean {
  return process.env.NODE_ENV !== "production" || process.env.RUNBALANCE_TEST_BUILD === "1";
}

/**
 * The offset of the test clock from the real one, from `RUNBALANCE_TEST_NOW` (an ISO 8601 instant)
 * and `RUNBALANCE_TEST_NOW_SINCE` (the real instant at which the test clock read it; default: the
 * first call here). With both set, every process of a run (seed, server, browser) tells the same time.
 * Null when there is no test clock.
 */
function testClockOffset(): number | null {
  if (typeof process === "undefined" || !process.env || !testClockAllowed()) return null;
  const value = process.env.RUNBALANCE_TEST_NOW;
  if (!value) return null;
  const start = Date.parse(value);
  if (Number.isNaN(start)) throw new Error(`RUNBALANCE_TEST_NOW is not an ISO 8601 instant: ${value}`);
  const sinceValue = process.env.RUNBALANCE_TEST_NOW_SINCE;
  const since = sinceValue ? Date.parse(sinceValue) : Date.now();
  if (Number.isNaN(since)) throw new Error(`RUNBALANCE_TEST_NOW_SINCE is not an ISO 8601 instant: ${sinceValue}`);
  return start - since;
}

/** The current instant. Under a test clock it starts at the fixed instant and ticks from there. */
export function now(): Date {
  offsetMs ??= testClockOffset() ?? 0;
  return new Date(Date.now() + offsetMs);
}

/** `now()` as an ISO date (YYYY-MM-DD) in UTC, for scripts that only need a day. */
export function todayUtc(): string {
  return now().toISOString().slice(0, 10);
}
