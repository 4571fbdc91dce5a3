/** Checks shared by the specs. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "./test";

/**
 * Zero axe violations on the page as it stands, in the light theme and in the dark one (the app
 * follows the system's setting), leaving the page in the scheme it was in before.
 */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    // Switching the scheme starts the colour transitions (Tailwind's transition-colors, 150 ms): a
    // look taken mid-transition can see a colour halfway between the themes, so a failed look is taken
    // again once they are over (real time: the page's clock may be Playwright's, and paused).
    let { violations } = await new AxeBuilder({ page }).analyze();
    if (violations.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, 400));
      ({ violations } = await new AxeBuilder({ page }).analyze());
    }
    expect(
      violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      `axe violations in the ${colorScheme} theme on ${label}`,
    ).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}

/** A phone as athletes use one to log runs (360 × 740, touch), and a coach's desktop. */
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1280, height: 800 } };

/** The demo accounts' password (src/server/seed). */
export const DEMO_PASSWORD = "runbalance-demo";

/** Fills in and sends the sign-in form; each spec then waits for the page it expects. */
export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
