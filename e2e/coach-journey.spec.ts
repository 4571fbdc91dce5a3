import AxeBuilder from "@axe-core/playwright";
import { submitSignIn } from "./support";
import { expect, test, type Page } from "./test";

async function signIn(page: Page, email: string) {
  await submitSignIn(page, email);
  await expect(page).toHaveURL(/\/o\/riverside-rc$/);
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations).toEqual([]);
}

test("the coach reads the roster, plans a drifting athlete's next week from a template with a live check, publishes it, and the athlete sees it", async ({
  page,
  newContext,
}) => {
  test.setTimeout(120_000);
  const templateName = `Base week ${Date.now()}`;

  // The roster: every athlete, the drifting ones first.
  await signIn(page, "ada@riverside.example");
  await expect(page.getByRole("heading", { name: "Athletes", level: 1 })).toBeVisible();
  const maya = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Maya Chen" }) });
  await expect(maya.getByText(/^(Urgent|Needs attention)$/)).toBeVisible();
  await expect(maya.getByText(/^easy days too hard/)).toBeVisible();
  const sofia = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Sofia Rossi" }) });
  await expect(sofia.getByText(/^(Urgent|Needs attention)$/)).toBeVisible();
  await expectNoAxeViolations(page);

  // Filtering and sorting are plain form controls.
  await page.getByLabel("Find an athlete").fill("sofia");
  await expect(page.getByRole("link", { name: "Maya Chen" })).toHaveCount(0);
  await page.getByLabel("Find an athlete").fill("");
  await page.getByLabel("Sort by").selectOption("name");
  await page.getByLabel("Sort by").selectOption("attention");

  // The athlete page: calendar, charts, settings.
  await page.getByRole("link", { name: "Maya Chen" }).click();
  await expect(page.getByRole("heading", { name: "Maya Chen", level: 1 })).toBeVisible();
  const athletePath = new URL(page.url()).pathname;
  expect(athletePath).toMatch(/\/o\/riverside-rc\/athletes\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("table", { name: /Weeks, newest last/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /Weekly mix by effort/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /RPE by session kind/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Training settings for Maya Chen/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // This week's structure becomes a template.
  await page.getByRole("link", { name: "Plan this week" }).click();
  await expect(page.getByRole("heading", { name: "Live check" })).toBeVisible();
  await page.getByLabel("Template name").fill(templateName);
  await page.getByRole("button", { name: "Save as template" }).click();
  await expect(page.getByText(`Saved as the template “${templateName}”.`)).toBeVisible();

  // Next week, from the template.
  const weekPath = (await page.getByRole("link", { name: "Next week →" }).getAttribute("href"))!;
  const nextWeekStart = weekPath.split("/").at(-1)!;
  await page.getByRole("link", { name: "Next week →" }).click();
  await expect(page).toHaveURL(new RegExp(`${weekPath}$`));
  await expect(page.getByTestId("week-status")).toHaveText(/^(Draft · version \d+|Not saved yet)$/);
  const templateSelect = page.getByLabel("Template", { exact: true });
  await templateSelect.selectOption(
    (await templateSelect.locator("option", { hasText: templateName }).getAttribute("value"))!,
  );
  await page.getByRole("button", { name: "Use template" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Loaded the template “${templateName}”` })).toBeVisible();
  const preview = page.getByRole("region", { name: "Live check" });
  await expect(preview.getByText(/back to back/)).toHaveCount(0);

  // Two more quality sessions, on consecutive days: the live check flags it before anything is saved.
  const addQuality = async (day: number, kind: string) => {
    await page.locator(`#add-${day}`).click();
    const editor = page.getByRole("region", { name: /Edit session/ });
    await expect(editor).toBeVisible();
    await editor.getByLabel("Kind").selectOption(kind);
    await editor.getByLabel("Description").fill(`${kind} by the e2e test`);
    await editor.getByRole("button", { name: "Done" }).click();
    await expect(editor).toHaveCount(0);
  };
  await addQuality(3, "intervals");
  await addQuality(4, "hills");
  await expect(preview.getByText(/back to back|Drop or shorten a quality session/).first()).toBeVisible();
  await expect(page.getByText("Unsaved changes")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Publish to athlete" }).click();
  await expect(page.getByTestId("week-status")).toHaveText(/^Published · version \d+$/);
  await expect(page.getByText("Unsaved changes")).toHaveCount(0);

  // The same template, assigned to another athlete for two weeks, scaled to their volume.
  await page.goto("/o/riverside-rc/templates");
  await expect(page.getByRole("heading", { name: templateName })).toBeVisible();
  const assignSelect = page.getByRole("region", { name: "Assign a template" }).getByLabel("Template", { exact: true });
  await assignSelect.selectOption(
    (await assignSelect.locator("option", { hasText: templateName }).getAttribute("value"))!,
  );
  await page.getByLabel("Tom Becker").check();
  await page.getByLabel("Number of weeks").selectOption("2");
  await page.getByLabel(/Scale durations/).check();
  await page.getByRole("button", { name: "Assign template" }).click();
  await expect(page.getByRole("heading", { name: /^Assigned\./ })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Week of / })).toHaveCount(2);
  await expectNoAxeViolations(page);

  await page.goto("/o/riverside-rc/training-settings");
  await expect(page.getByRole("heading", { name: "Club training settings" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The athlete signs in and reads the published week; the coach's pages stay closed to them.
  const athleteContext = await newContext();
  const athlete = await athleteContext.newPage();
  await signIn(athlete, "maya@riverside.example");
  await athlete.goto(`/o/riverside-rc/plan/${nextWeekStart}`);
  await expect(athlete.getByRole("heading", { name: /Your plan: week of/ })).toBeVisible();
  await expect(athlete.getByText("Hill session")).toBeVisible();
  await expect(athlete.getByText("hills by the e2e test")).toBeVisible();
  await expect(athlete.getByText(/Target RPE 8: hard/).first()).toBeVisible();
  await expectNoAxeViolations(athlete);
  expect((await athlete.goto(weekPath))?.status()).toBe(404);
  expect((await athlete.goto(athletePath))?.status()).toBe(404);
  await athleteContext.close();
});
