import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext } from "@playwright/test";
import { mailTo } from "./mail";
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

test("signing out ends the session on the server: a copied cookie stops working", async ({ newContext }) => {
  const original = await newContext();
  const page = await original.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(coach.email);
  await page.getByLabel("Password").fill(coach.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/o\/riverside-rc$/);

  // Someone copies the session cookie into another browser: it works, for now.
  const copy = await newContext();
  await copy.addCookies(await original.cookies());
  const thief = await copy.newPage();
  await thief.goto("/dashboard");
  await expect(thief).toHaveURL(/\/o\/riverside-rc$/);

  await page.goto("/sign-out");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await thief.goto("/dashboard");
  await expect(thief).toHaveURL(/\/sign-in/);
  await original.close();
  await copy.close();
});

/** One sign-in through next-auth's own endpoint, as a script would: the error it reports, or null. */
async function postSignIn(
  request: APIRequestContext,
  base: string,
  credentials: { email: string; password: string },
  headers: Record<string, string> = {},
): Promise<string | null> {
  const { csrfToken } = (await (await request.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
  const response = await request.post(`${base}/api/auth/callback/credentials`, {
    form: { ...credentials, csrfToken, json: "true" },
    headers,
    maxRedirects: 0,
  });
  const { url } = (await response.json()) as { url: string };
  return new URL(url, base).searchParams.get("error");
}

test("X-Forwarded-For is not trusted: rotating it buys an attacker no fresh guesses", async ({ playwright }) => {
  const port = Number(process.env.E2E_PORT ?? 3210);
  const victim = { email: "noah@riverside.example", password: "runbalance-demo" };
  const attacker = await playwright.request.newContext();
  const attackerBase = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 5; i++) {
    const forged = { "x-forwarded-for": `198.51.100.${i + 1}`, "x-runbalance-socket-address": `198.51.100.${i + 1}` };
    expect(await postSignIn(attacker, attackerBase, { ...victim, password: `guess ${i}` }, forged)).toBe(
      "CredentialsSignin",
    );
  }
  // Still the same client (the TCP peer), whatever it claims: out of guesses, even with the password.
  const claimed = { "x-forwarded-for": "203.0.113.250" };
  expect(await postSignIn(attacker, attackerBase, victim, claimed)).toMatch(/^Too many failed sign-in attempts/);
  await attacker.dispose();

  // The owner, from another address (IPv6 loopback here), still signs in.
  const owner = await playwright.request.newContext();
  expect(await postSignIn(owner, `http://[::1]:${port}`, victim)).toBeNull();
  await owner.dispose();
});

test("sign-up answers the same for an address that already has an account", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Ada Again");
  await page.getByLabel("Email").fill(coach.email);
  await page.getByLabel("Password").fill("another trail password");
  await page.getByLabel("Club or business name").fill("Second Club");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toContainText(`We sent a message to ${coach.email}`);
  // The address's owner hears about it; nobody else learns anything.
  expect(await mailTo(coach.email)).toContain("already has one");
});
