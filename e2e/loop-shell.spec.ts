/**
 * The organisation's frame (issue 14, points 6, 7, 10, 11): a phone's bottom bar with More, the
 * organisation menu with Outbox and Audit log, unknown pages inside the frame with a way home, a
 * Loading… indicator within 200 ms of a click on a slow network, the dark theme that follows the
 * system with zero axe violations in both themes, readable API validation errors.
 */
import { DESKTOP, expectAccessible, PHONE, submitSignIn } from "./support";
import { expect, test, type Page } from "./test";

const ORG = "/o/riverside-rc";

async function signIn(page: Page, email: string, heading: "This week" | "Athletes") {
  await submitSignIn(page, email);
  await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
}

/** The colour as the browser paints it (whatever syntax the stylesheet used), as sRGB relative luminance. */
async function luminanceOf(page: Page, selector: string, property: "backgroundColor" | "color"): Promise<number> {
  return page.evaluate(
    ({ sel, prop }) => {
      const context = document.createElement("canvas").getContext("2d")!;
      context.fillStyle = getComputedStyle(document.querySelector(sel)!)[prop];
      context.fillRect(0, 0, 1, 1);
      const [r, g, b] = [...context.getImageData(0, 0, 1, 1).data].map((v) => {
        const c = v / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    },
    { sel: selector, prop: property },
  );
}

/** Milliseconds from a click on `link` to the loading indicator being in the page, measured in the page. */
async function indicatorDelayAfterClicking(page: Page, linkName: string): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { clickedAt?: number; indicatorAt?: number };
    document.addEventListener("click", () => (w.clickedAt ??= performance.now()), { capture: true });
    new MutationObserver(() => {
      if (document.querySelector('[role="progressbar"]')) w.indicatorAt ??= performance.now();
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: linkName }).click();
  await expect(page.getByRole("progressbar", { name: "Loading the page" })).toBeVisible();
  await expect(page.getByText("Loading…")).toBeVisible();
  return page.evaluate(() => {
    const w = window as unknown as { clickedAt: number; indicatorAt: number };
    return w.indicatorAt - w.clickedAt;
  });
}

test.describe("on a phone (360×740)", () => {
  test.use(PHONE);

  test("the athlete's bottom bar holds the four things they do most, and More the rest", async ({ page }) => {
    await signIn(page, "tom@riverside.example", "This week");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText(["This week", "Log a run", "Plan", /^Feedback/]);
    await expect(nav.getByRole("link", { name: "This week" })).toHaveAttribute("aria-current", "page");
    // A bar at the bottom of the screen, not rows of links at the top; no sideways scrolling.
    const bar = (await nav.boundingBox())!;
    expect(bar.y + bar.height).toBeCloseTo(740, 0);
    expect(bar.height).toBeLessThanOrEqual(72);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expect(page.getByRole("navigation", { name: "Account" })).toBeHidden();
    // The page's end is not hidden behind the bar.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const mainBottom = await page.locator("#main").evaluate((m) => {
      const last = m.lastElementChild!.getBoundingClientRect();
      return last.bottom;
    });
    expect(mainBottom).toBeLessThanOrEqual((await nav.boundingBox())!.y);
    await expectAccessible(page, "This week, phone");

    const more = nav.getByRole("button", { name: "More" });
    await more.tap();
    await expect(more).toHaveAttribute("aria-expanded", "true");
    const menu = page.getByRole("list", { name: "More" });
    await expect(menu.getByRole("link")).toHaveText([
      "History",
      "Import",
      "Paces",
      "Calendar",
      /^Inbox/,
      "Settings (Tom Becker)",
      "Sign out",
    ]);
    await expectAccessible(page, "More menu open, phone");
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();
    await expect(more).toBeFocused();

    await more.tap();
    await menu.getByRole("link", { name: "History" }).tap();
    await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
    await expect(menu).toBeHidden();

    await nav.getByRole("link", { name: "Log a run" }).tap();
    await expect(page.getByRole("heading", { name: "Log a run" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Log a run" })).toHaveAttribute("aria-current", "page");
  });

  test("an unknown page keeps the organisation's frame and a way home", async ({ page }) => {
    await signIn(page, "tom@riverside.example", "This week");
    const response = await page.goto(`${ORG}/no-such-page`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Log a run" })).toBeVisible();
    await expectAccessible(page, "404 in the frame, phone");
    await page.getByRole("link", { name: "Back to the start page" }).tap();
    await expect(page.getByRole("heading", { name: "This week", exact: true })).toBeVisible();
  });

  test("a Loading… indicator appears within 200 ms of a tap on a slow network", async ({ page }) => {
    await signIn(page, "tom@riverside.example", "This week");
    await page.route(/\/o\/riverside-rc\/feedback/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue().catch(() => undefined);
    });
    const delay = await indicatorDelayAfterClicking(page, "Feedback");
    test.info().annotations.push({ type: "indicator-ms (phone)", description: delay.toFixed(0) });
    console.log(`Loading indicator ${delay.toFixed(0)} ms after the tap (phone)`);
    expect(delay).toBeLessThan(200);
    await expect(page.getByRole("heading", { name: "Feedback" })).toBeVisible();
    await expect(page.getByRole("progressbar")).toHaveCount(0);
  });

  test("the coach's bar, organisation menu and pages, in light and dark", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, "ada@riverside.example", "Athletes");
    const nav = page.getByRole("navigation", { name: "Main" });
    // "Athletes" carries the unread comments count when other specs left some.
    await expect(nav.getByRole("link")).toHaveText([/^Athletes/, "Templates", "Import runs", "Members"]);
    await expect(nav.getByRole("link", { name: /Audit|Outbox/ })).toHaveCount(0);
    // (The roster's own width on a phone is the roster's business: e2e/loop-roster.spec.ts.)
    await page.getByRole("button", { name: "Organisation: Riverside Running Club" }).tap();
    await expectAccessible(page, "organisation menu, phone");
    await page.getByRole("link", { name: "Audit log" }).tap();
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await expectAccessible(page, "audit log, phone");
  });
});

test.describe("on a desktop (1280×800)", () => {
  test.use(DESKTOP);

  test("the athlete's navigation is one row in the header, Plan included, and no bottom bar", async ({ page }) => {
    await signIn(page, "tom@riverside.example", "This week");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav).toHaveCount(1);
    await expect(nav.getByRole("link")).toHaveText([
      "This week",
      "Log a run",
      "Plan",
      "Feedback",
      "History",
      "Import",
      "Paces",
      "Calendar",
      /^Inbox/,
    ]);
    await expect(nav.getByRole("link", { name: "Plan" })).toHaveAttribute("href", `${ORG}/plan`);
    // One row: every link on the same line, at the top.
    const tops = await nav.getByRole("link").evaluateAll((links) => links.map((l) => l.getBoundingClientRect().top));
    expect(new Set(tops).size).toBe(1);
    expect(tops[0]).toBeLessThan(60);
    await expect(
      page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign out" }),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "More" })).toBeHidden();
  });

  test("Outbox and Audit log live in the organisation menu; an empty-handed page is a 404 in the frame", async ({
    page,
  }) => {
    await signIn(page, "ada@riverside.example", "Athletes");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: /Audit|Outbox/ })).toHaveCount(0);
    const orgMenu = page.getByRole("button", { name: "Organisation: Riverside Running Club" });
    await orgMenu.click();
    await expect(orgMenu).toHaveAttribute("aria-expanded", "true");
    const menu = page.getByRole("list", { name: "Organisation" });
    await expect(menu.getByRole("link")).toHaveText(["Audit log", "Outbox", "Riverside Running Club · owner"]);
    await expectAccessible(page, "organisation menu, desktop");
    // A click elsewhere closes it.
    await page.getByRole("heading", { name: "Athletes", exact: true }).click();
    await expect(menu).toBeHidden();

    await orgMenu.click();
    await menu.getByRole("link", { name: "Outbox" }).click();
    await expect(page.getByRole("heading", { name: "Outbox" })).toBeVisible();
    await expect(menu).toBeHidden();
    await orgMenu.click();
    await menu.getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    // Empty (the demo's log) or not, the page says something.
    await expect(page.getByText("Nothing to show yet").or(page.getByRole("listitem").first())).toBeVisible();

    // An athlete's page is not a coach's: the 404 page, inside the frame.
    const history = await page.goto(`${ORG}/history`);
    expect(history?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Athletes" })).toBeVisible();
    await expectAccessible(page, "404 in the frame, desktop");
    await page.getByRole("link", { name: "Back to the start page" }).click();
    await expect(page.getByRole("heading", { name: "Athletes", exact: true })).toBeVisible();
  });

  test("outside the organisation, unknown pages stay plain 404s; signed out, they ask to sign in first", async ({
    page,
  }) => {
    const signedOut = await page.goto(`${ORG}/no-such-page`);
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fo%2Friverside-rc%2Fno-such-page/);
    expect(signedOut?.ok()).toBe(true);

    await signIn(page, "tom@riverside.example", "This week");
    const elsewhere = await page.goto("/o/some-other-club/anything");
    expect(elsewhere?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    await expectAccessible(page, "404 outside the frame");
    await page.getByRole("link", { name: "Back to the start page" }).click();
    await expect(page.getByRole("heading", { name: "This week", exact: true })).toBeVisible();
  });

  test("a Loading… indicator appears within 200 ms of a click on a slow network", async ({ page }) => {
    await signIn(page, "ada@riverside.example", "Athletes");
    await page.route(/\/o\/riverside-rc\/members/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue().catch(() => undefined);
    });
    const delay = await indicatorDelayAfterClicking(page, "Members");
    test.info().annotations.push({ type: "indicator-ms (desktop)", description: delay.toFixed(0) });
    console.log(`Loading indicator ${delay.toFixed(0)} ms after the click (desktop)`);
    expect(delay).toBeLessThan(200);
    // The frame stays while the page loads.
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
    await expect(page.getByRole("progressbar")).toHaveCount(0);
  });

  test("API validation errors say what is wrong in words, not as JSON", async ({ page, baseURL }) => {
    await signIn(page, "tom@riverside.example", "This week");
    const response = await page.request.post("/api/trpc/account.updateProfile", {
      headers: { origin: baseURL!, "content-type": "application/json" },
      data: { json: { name: "Tom Becker", units: "km", timeZone: "Nowhere/Atlantis", weekStartDay: 1 } },
    });
    expect(response.status()).toBe(400);
    const { error } = (await response.json()) as { error: { json: { message: string } } };
    expect(error.json.message).toBe("timeZone: Unknown time zone");
  });
});

/** Every page of both roles, in light and dark, at both sizes: zero axe violations, and dark really dark. */
for (const [size, use] of [
  ["phone", PHONE],
  ["desktop", DESKTOP],
] as const) {
  test.describe(`every page in both themes (${size})`, () => {
    test.use(use);

    test(`the signed-out pages and the plain 404 (${size})`, async ({ page }) => {
      for (const path of ["/sign-in", "/sign-up", "/no-such-page"]) {
        const response = await page.goto(path);
        expect(response?.status()).toBe(path === "/no-such-page" ? 404 : 200);
        await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
        await expectAccessible(page, `${path} (${size})`);
      }
    });

    test(`the athlete's pages (${size})`, async ({ page }) => {
      test.setTimeout(180_000);
      await signIn(page, "tom@riverside.example", "This week");
      await page.emulateMedia({ colorScheme: "dark" });
      expect(await luminanceOf(page, "body", "backgroundColor")).toBeLessThan(0.05);
      expect(await luminanceOf(page, "h1", "color")).toBeGreaterThan(0.6);
      await page.emulateMedia({ colorScheme: "light" });
      expect(await luminanceOf(page, "body", "backgroundColor")).toBeGreaterThan(0.9);
      await page.emulateMedia({ colorScheme: null });
      for (const path of ["", "/log", "/feedback", "/history", "/import", "/paces", "/calendar"]) {
        await page.goto(`${ORG}${path}`);
        await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
        await expectAccessible(page, `${ORG}${path} (${size})`);
      }
      await page.goto("/settings");
      await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
      await expectAccessible(page, `/settings (${size})`);
    });

    test(`the coach's pages (${size})`, async ({ page }) => {
      test.setTimeout(180_000);
      await signIn(page, "ada@riverside.example", "Athletes");
      await expectAccessible(page, `roster (${size})`);
      await page.getByRole("link", { name: "Maya Chen" }).first().click();
      await expect(page.getByRole("heading", { name: "Maya Chen", exact: true })).toBeVisible();
      await expectAccessible(page, `athlete page (${size})`);
      await page.getByRole("link", { name: "Plan this week" }).click();
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
      await expectAccessible(page, `week builder (${size})`);
      for (const path of ["/templates", "/members", "/training-settings", "/import", "/audit", "/outbox"]) {
        await page.goto(`${ORG}${path}`);
        await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
        await expectAccessible(page, `${ORG}${path} (${size})`);
      }
    });
  });
}
