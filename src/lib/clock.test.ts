import { afterEach, describe, expect, it, vi } from "vitest";

/** A fresh copy of the clock module (it keeps its offset once read) under the given environment. */
async function clockWith(env: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  vi.resetModules();
  return import("./clock");
}

describe("the app's clock", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("starts a test run at RUNBALANCE_TEST_NOW, taken at RUNBALANCE_TEST_NOW_SINCE, and ticks from there", async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const { now, todayUtc } = await clockWith({
      NODE_ENV: "test",
      RUNBALANCE_TEST_NOW: "2031-02-08T23:59:00Z",
      RUNBALANCE_TEST_NOW_SINCE: since,
    });
    // A minute has passed since the instant was taken: the clock is a minute past it.
    const elapsed = now().getTime() - Date.parse("2031-02-08T23:59:00Z");
    expect(elapsed).toBeGreaterThanOrEqual(60_000);
    expect(elapsed).toBeLessThan(65_000);
    expect(todayUtc()).toBe("2031-02-09");
  });

  it("starts at the instant itself on the first call when no SINCE is given", async () => {
    const { now } = await clockWith({ NODE_ENV: "test", RUNBALANCE_TEST_NOW: "2029-07-01T08:00:00+02:00" });
    const drift = now().getTime() - Date.parse("2029-07-01T06:00:00Z");
    expect(drift).toBeGreaterThanOrEqual(0);
    expect(drift).toBeLessThan(5_000);
  });

  it("is the real time in production, whatever RUNBALANCE_TEST_NOW says", async () => {
    const { now } = await clockWith({
      NODE_ENV: "production",
      RUNBALANCE_TEST_BUILD: "",
      RUNBALANCE_TEST_NOW: "2001-01-01T00:00:00Z",
    });
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(5_000);
  });

  it("honours RUNBALANCE_TEST_NOW in a production build made for the end-to-end tests", async () => {
    const { now } = await clockWith({
      NODE_ENV: "production",
      RUNBALANCE_TEST_BUILD: "1",
      RUNBALANCE_TEST_NOW: "2001-01-01T00:00:00Z",
    });
    expect(now().getUTCFullYear()).toBe(2001);
  });

  it("refuses an instant it cannot read rather than running on the real time", async () => {
    const { now } = await clockWith({ NODE_ENV: "test", RUNBALANCE_TEST_NOW: "next Saturday" });
    expect(() => now()).toThrow(/RUNBALANCE_TEST_NOW is not an ISO 8601 instant/);
  });
});
