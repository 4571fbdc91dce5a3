/**
 * The Content-Security-Policy in the browser: pages work under it (every other spec fails on a
 * violation, see ./test.ts), and it does block what an injection would add.
 */
import { expect, test as plainTest } from "@playwright/test";
import { test, watchContentSecurityPolicy } from "./test";

test("signed-out pages and the 404 page run without a violation", async ({ page }) => {
  for (const path of ["/sign-in", "/sign-up", "/sign-out", "/no-such-page"]) {
    await page.goto(path);
    await expect(page.locator("h1").first()).toBeVisible();
  }
  // Hydrated under the policy: the client-side form validation of sign-up answers.
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("ada@riverside.example");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
});

// Violations are the point here: this test watches them itself instead of failing on them.
plainTest(
  "markup injected into a page cannot run script or restyle it: the policy blocks and reports it",
  async ({ page }) => {
    const violations: string[] = [];
    await watchContentSecurityPolicy(page.context(), violations);
    // What a stored cross-site-scripting payload would look like in the server's HTML; the response
    // keeps its headers, so its Content-Security-Policy.
    await page.route("**/sign-in", async (route) => {
      const response = await route.fetch();
      const injected =
        '<script>window.__injected = "inline"</script>' +
        '<script src="https://evil.example/x.js"></script>' +
        '<img src="/favicon.ico" onerror="window.__injected = \'handler\'" onload="window.__injected = \'handler\'">' +
        "<style>main { display: none }</style>";
      await route.fulfill({ response, body: (await response.text()).replace("</body>", `${injected}</body>`) });
    });
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Sign in to Runbalance" })).toBeVisible();
    await expect.poll(() => violations.join("\n")).toMatch(/script-src/);
    expect(violations.join("\n")).toMatch(/style-src/);
    expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
  },
);
