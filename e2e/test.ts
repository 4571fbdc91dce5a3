/**
 * Playwright's `test` for every spec: each browser context (a test's own `context`/`page`, and those
 * opened with the `newContext` fixture) runs on the test clock the server uses, and any
 * Content-Security-Policy violation its pages report (a script, style, font or connection the policy
 * blocked) fails the test.
 */
import { expect, test as base, type Browser, type BrowserContext, type BrowserContextOptions } from "@playwright/test";

export { expect };
export type { Page } from "@playwright/test";

/**
 * The server's "now" at this moment: playwright.config.ts fixes RUNBALANCE_TEST_NOW (the instant)
 * and RUNBALANCE_TEST_NOW_SINCE (the real instant it was taken at) for the server and these workers,
 * and src/lib/clock.ts ticks from there the same way.
 */
export function testNow(): Date {
  const start = Date.parse(process.env.RUNBALANCE_TEST_NOW ?? "");
  const since = Date.parse(process.env.RUNBALANCE_TEST_NOW_SINCE ?? "");
  if (Number.isNaN(start) || Number.isNaN(since)) throw new Error("playwright.config.ts sets the test clock");
  return new Date(start + (Date.now() - since));
}

/** Adds every violation reported by the pages of `context` to `violations`. */
export async function watchContentSecurityPolicy(context: BrowserContext, violations: string[]): Promise<void> {
  await context.exposeBinding("__reportCspViolation", (_source, report: string) => void violations.push(report));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI || "inline code"} on ${location.pathname}`);
    });
  });
  // Chromium also explains each violation in the console.
  context.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
}

/** Puts `context` on the test clock (timers still run: `install`, not a frozen time) and watches its CSP. */
async function prepareContext(context: BrowserContext, violations: string[]): Promise<void> {
  await context.clock.install({ time: testNow() });
  await watchContentSecurityPolicy(context, violations);
}

interface Fixtures {
  /** The CSP violations reported by this test's contexts; checked to be none when the test ends. */
  cspViolations: string[];
  /** A browser context of the test's own (another person's browser), on the test clock and watched. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
}

export const test = base.extend<Fixtures>({
  cspViolations: async ({}, provide) => {
    const violations: string[] = [];
    await provide(violations);
    expect(violations, "Content-Security-Policy violations").toEqual([]);
  },
  context: async ({ context, cspViolations }, provide) => {
    await prepareContext(context, cspViolations);
    await provide(context);
  },
  newContext: async ({ browser, cspViolations }, provide) => {
    const opened: BrowserContext[] = [];
    await provide(async (options) => {
      const context = await (browser as Browser).newContext(options);
      opened.push(context);
      await prepareContext(context, cspViolations);
      return context;
    });
    for (const context of opened) await context.close();
  },
});
