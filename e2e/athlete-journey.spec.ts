import AxeBuilder from "@axe-core/playwright";
import { submitSignIn } from "./support";
import { expect, test, type Page } from "./test";

// Athletes log runs from their phone, right after running.
test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

async function signIn(page: Page, email: string) {
  await submitSignIn(page, email);
  await expect(page.getByRole("heading", { name: "This week", exact: true })).toBeVisible();
}

/** Today may or may not have a planned session (it depends on the weekday): say the run was different. */
async function runDifferentFromPlan(page: Page) {
  const different = page.getByRole("button", { name: "Different" });
  if (await different.count()) await different.tap();
}

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("the demo athlete logs a recovery run at RPE 5 on a phone and is told it was too hard", async ({ page }) => {
  await signIn(page, "tom@riverside.example");
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Log a run" }).first().click();
  await expect(page.getByRole("heading", { name: "Log a run" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The interaction a runner does with one thumb, timed from the first tap to the feedback.
  const started = Date.now();
  // On a day with a planned session the form asks first whether it was run as planned.
  await runDifferentFromPlan(page);
  await page.getByText("Recovery", { exact: true }).tap();
  await page.getByLabel("Duration").fill("28");
  await page.getByLabel("Distance (kilometres)").fill("4.9");
  await expect(page.getByText("Pace 5:43 /km")).toBeVisible();
  // The radio is visually hidden; the runner taps its big numbered label.
  await page.locator("label", { has: page.getByLabel("RPE 5: steady, you can talk but not comfortably") }).tap();
  await expect(page.getByText("RPE 5: steady, you can talk but not comfortably")).toBeVisible();
  await page.getByRole("button", { name: "Save run" }).tap();
  await expect(page.getByRole("heading", { name: "Run saved" })).toBeVisible();
  const seconds = (Date.now() - started) / 1000;
  test.info().annotations.push({ type: "log-run-seconds", description: seconds.toFixed(1) });
  expect(seconds).toBeLessThan(15);

  await expect(page.getByText(/recovery run on \w+ was RPE 5/i)).toBeVisible();
  await expectNoAxeViolations(page);

  // It shows in this week's plan, and the history can be exported.
  await page.getByRole("link", { name: "See this week" }).tap();
  await expect(page.getByText(/Ran recovery · 28:00 · 4\.90 km · RPE 5/)).toBeVisible();
  await page.goto(page.url().replace(/\/?$/, "/history"));
  await expectNoAxeViolations(page);
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export all my runs (CSV)" }).tap();
  const download = await downloadPromise;
  const csv = await (
    await download.createReadStream()
  )
    .toArray()
    .then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(csv.split("\r\n")[0]).toBe(
    "date,started_at_utc,kind,category,duration_s,distance_km,distance_mi,pace_s_per_km,rpe,private,source,notes",
  );
  expect(csv).toMatch(/,recovery,recovery,1680,4\.900,3\.045,343,5,false,manual,/);
});

test("bad input is explained at the field and nothing is saved", async ({ page }) => {
  await signIn(page, "tom@riverside.example");
  await page.goto(page.url().replace(/\/?$/, "/log"));
  await runDifferentFromPlan(page);
  await page.getByText("Aerobic", { exact: true }).tap();
  await page.getByLabel("Duration").fill("40");
  await page.getByLabel("Distance (kilometres)").fill("500");
  await page.getByRole("button", { name: "Save run" }).tap();
  await expect(page.getByText("That is more than 300 km: check the distance and its unit")).toBeVisible();
  await expect(page.getByText("Rate the effort from 1 to 10")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Run saved" })).toHaveCount(0);
});
