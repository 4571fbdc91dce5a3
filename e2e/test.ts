/**
 * Playwright's `test`, failing any test whose pages report a Content-Security-Policy violation (a
 * script, style, font or connection the policy blocked): each spec imports `test` from here. A test
 * that opens a browser context of its own passes it to `watchContentSecurityPolicy` too.
 */
import { expect, test as base, type BrowserContext } from "@playwright/test";

export { expect };
export type { Page } from "@playwright/test";

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

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      await watchContentSecurityPolicy(context, violations);
      await use(violations);
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});
