/**
 * Issue 14, points 4, 7 (empty roster), 10 (weekly totals on the roster): the coach's roster triages
 * in one compact line per athlete, on a desktop and on a phone, in the light and the dark theme.
 */
import { mailTo } from "./mail";
import { expectAccessible, submitSignIn } from "./support";
import { expect, test, type Page } from "./test";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const URGENCY = /^(Urgent|Needs attention|Check|Needs a plan|On track)$/;

async function signIn(page: Page, email: string) {
  await submitSignIn(page, email);
  await expect(page).toHaveURL(/\/o\/riverside-rc$/);
  await expect(page.getByRole("heading", { name: "Athletes", level: 1 })).toBeVisible();
}

const athleteRows = (page: Page) => page.getByRole("row").filter({ has: page.getByRole("link") });
const rowOf = (page: Page, name: string) =>
  page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });

/** Rows whose whole line lies inside the viewport, without scrolling. */
async function rowsInView(page: Page): Promise<number> {
  const height = page.viewportSize()!.height;
  const boxes = await athleteRows(page).evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().bottom));
  return boxes.filter((bottom) => bottom <= height).length;
}

test("desktop: eight or more athletes at a glance, each with an urgency, short tags, this week's totals and next week's plan", async ({
  page,
}, testInfo) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page, "ada@riverside.example");
  // The eight demo athletes, and any that other specs invited.
  await expect.poll(() => athleteRows(page).count()).toBeGreaterThanOrEqual(8);
  expect(await rowsInView(page)).toBeGreaterThanOrEqual(8);
  await page.screenshot({ path: testInfo.outputPath("roster-1280x800.png") });
  // One compact line each.
  const heights = await athleteRows(page).evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
  expect(Math.max(...heights)).toBeLessThan(60);

  await expect(page.getByRole("columnheader", { name: "Next week" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "This week" })).toBeVisible();

  // Maya runs her easy days too hard: urgent or needing attention, and the tag says why.
  const maya = rowOf(page, "Maya Chen");
  await expect(maya.getByText(/^(Urgent|Needs attention)$/)).toBeVisible();
  await expect(maya.getByText(/^easy days too hard( ×\d+)?$/)).toBeVisible();
  // Next week's plan (drafted in the demo; other specs may have published it), and this week's
  // totals: time, distance and runs.
  await expect(maya.getByRole("cell", { name: /^(None|Draft|Published)$/ })).toBeVisible();
  // (No distance yet on a day before this week's first run, a Monday say.)
  await expect(maya.getByRole("cell", { name: /\d+ (h|min).*( · [\d.]+ km)? · \d+ runs?$/ })).toBeVisible();

  // Every line carries exactly one urgency, and at most two tags.
  for (const row of await athleteRows(page).all()) {
    await expect(row.getByText(URGENCY)).toHaveCount(1);
  }
  // Not everyone carries the same badge.
  const badges = await athleteRows(page).getByText(URGENCY).allTextContents();
  expect(new Set(badges).size).toBeGreaterThan(1);

  await expectAccessible(page, "roster, desktop");

  // The "needs a plan" filter: every athlete whose next week is not published, and only them.
  const unplanned = await page.getByRole("cell", { name: /^(None|Draft)$/ }).count();
  expect(unplanned).toBeGreaterThan(0);
  await page.getByLabel("Show").selectOption({ label: "Needs a plan" });
  await expect(athleteRows(page)).toHaveCount(unplanned);
  for (const row of await athleteRows(page).all()) {
    await expect(row.getByRole("cell", { name: /^(None|Draft)$/ })).toHaveCount(1);
  }
  // "On track" only when nothing warns: no line under that filter has a tag about a warning.
  await page.getByLabel("Show").selectOption({ label: "On track" });
  for (const row of await athleteRows(page).all()) {
    await expect(row.getByText("On track", { exact: true })).toBeVisible();
    await expect(row.getByText(/too hard|missed|too much|spike|share|too long|too easy|too short/)).toHaveCount(0);
  }
  await page.getByLabel("Show").selectOption({ label: "With warnings" });
  await expect(rowOf(page, "Maya Chen")).toBeVisible();
  await page.getByLabel("Show").selectOption({ label: "All athletes" });

  // The name opens the athlete's page inside the app.
  await page.getByRole("link", { name: "Maya Chen" }).click();
  await expect(page.getByRole("heading", { name: "Maya Chen", level: 1 })).toBeVisible();
});

test("phone: the roster fits 360 px without sideways scrolling", async ({ page }, testInfo) => {
  await page.setViewportSize(PHONE);
  await signIn(page, "ada@riverside.example");
  // The eight demo athletes, and any that other specs invited.
  await expect.poll(() => athleteRows(page).count()).toBeGreaterThanOrEqual(8);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath("roster-360x740.png"), fullPage: true });
  const maya = rowOf(page, "Maya Chen");
  await expect(maya.getByText(/^(Urgent|Needs attention)$/)).toBeVisible();
  await expect(maya.getByRole("cell", { name: /^(None|Draft|Published)$/ })).toBeVisible();
  await expect(maya.getByRole("cell", { name: /runs?$/ })).toBeVisible();
  // The table's right edge is on screen.
  const right = await page.getByRole("table").evaluate((t) => t.getBoundingClientRect().right);
  expect(right).toBeLessThanOrEqual(PHONE.width);
  await expectAccessible(page, "roster, phone");
});

test("a coach with no athletes is offered to invite them, on a desktop and on a phone", async ({ page }) => {
  const stamp = Date.now();
  const email = `empty.roster.${stamp}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Eve Empty");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("coach password 1");
  await page.getByLabel("Club or business name").fill(`Quiet Harriers ${stamp}`);
  await page.getByRole("button", { name: "Create account" }).click();
  const confirmation = await mailTo(email);
  await page.goto(new URL(/https?:\/\/\S+\/sign-up\/confirm\/[0-9a-f]{64}/.exec(confirmation)![0]).pathname);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.getByLabel("Password").fill("coach password 1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/quiet-harriers-${stamp}$`));

  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await expect(page.getByText(/No athletes yet/)).toBeVisible();
    await expect(page.getByRole("link", { name: "Invite athletes" })).toBeVisible();
    await expectAccessible(page, `empty roster, ${viewport.width} px`);
  }
  await page.getByRole("link", { name: "Invite athletes" }).click();
  await expect(page.getByLabel("Email address")).toBeVisible();
});
