import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./test";

const coach = { email: "ada@riverside.example", password: "runbalance-demo" };

test("the demo coach signs in, reaches the protected area and signs out", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard/);

  await page.getByLabel("Email").fill(coach.email);
  await page.getByLabel("Password").fill(coach.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/o\/riverside-rc$/);
  await expect(page.getByRole("heading", { name: "Athletes" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Maya Chen" })).toBeVisible();

  await page.getByRole("link", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a hostile return path after sign-in lands on this site, not on evil.example", async ({ page }) => {
  await page.goto("/sign-in?callbackUrl=/%09/evil.example");
  await page.getByLabel("Email").fill(coach.email);
  await page.getByLabel("Password").fill(coach.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/o\/riverside-rc$/);
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);

  // Signed in already: the page redirects at once, to this site too.
  for (const callbackUrl of ["/%09/evil.example", "//evil.example", "/%5Cevil.example", "https://evil.example/"]) {
    await page.goto(`/sign-in?callbackUrl=${callbackUrl}`);
    await expect(page).toHaveURL(/\/o\/riverside-rc$/);
  }
});

test("line breaks in the return path are refused, never a server error", async ({ request }) => {
  for (const callbackUrl of ["%0D", "%0A", "/%0D%0ALocation:%20https://evil.example", "%0D%0A"]) {
    const response = await request.get(`/sign-in?callbackUrl=${callbackUrl}`, { maxRedirects: 0 });
    expect(response.status(), callbackUrl).toBe(200);
  }
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(coach.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the sign-in page has no accessibility violations", async ({ page }) => {
  await page.goto("/sign-in");
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations).toEqual([]);
});

test("health says the service is up, and nothing more", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});
