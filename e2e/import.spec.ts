import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./test";

const fixtures = "src/server/activity-import/fixtures";

test("an athlete imports watch files with a progress bar each, then confirms the run", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("lucas@riverside.example");
  await page.getByLabel("Password").fill("runbalance-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Import" }).click();
  await expect(page.getByRole("heading", { name: "Import runs from your watch" })).toBeVisible();

  await page
    .getByLabel("Choose .fit, .gpx or .tcx files (also .gz)")
    .setInputFiles([`${fixtures}/paused-run.fit`, `${fixtures}/run-with-hr.gpx.gz`, `${fixtures}/bike.tcx`]);
  const files = page.getByRole("list", { name: "Files" });
  await expect(files.getByRole("listitem")).toHaveCount(3);
  await expect(page.getByLabel("Progress of paused-run.fit")).toBeVisible();
  await expect(files.getByText("1 run read")).toHaveCount(2);
  await expect(files.getByText(/bike\.tcx.*holds no run/)).toBeVisible();
  await expect(page.getByRole("article")).toHaveCount(2);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // The same file again is recognised, not imported twice.
  await page.getByLabel("Choose .fit, .gpx or .tcx files (also .gz)").setInputFiles([`${fixtures}/paused-run.fit`]);
  await expect(files.getByText("1 already imported before")).toBeVisible();
  await expect(page.getByRole("article")).toHaveCount(2);

  const paused = page.getByRole("article").filter({ hasText: "paused-run.fit" });
  await paused.getByLabel("Kind of run").selectOption("recovery");
  await paused.getByLabel("How hard did it feel?").selectOption("5");
  await paused.getByRole("button", { name: "Save run" }).click();
  await expect(paused.getByText("Saved as a run.")).toBeVisible();
  await expect(paused.getByText(/recovery run on \w+ was RPE 5/i)).toBeVisible();

  // Another upload refreshes the list the saved run has left: its result stays until Done.
  await page.getByLabel("Choose .fit, .gpx or .tcx files (also .gz)").setInputFiles([`${fixtures}/run-with-hr.gpx.gz`]);
  await expect(files.getByText("1 already imported before")).toHaveCount(2);
  await page.waitForLoadState("networkidle");
  await expect(paused.getByText("Saved as a run.")).toBeVisible();
  await paused.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("article")).toHaveCount(1);
});

test("a triathlon from a Forerunner 255 imports its run and lists the other legs", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("emma@riverside.example");
  await page.getByLabel("Password").fill("runbalance-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Import" }).click();
  await page
    .getByLabel("Choose .fit, .gpx or .tcx files (also .gz)")
    .setInputFiles([`${fixtures}/real/fr255-triathlon-summary-last.fit`]);
  const file = page.getByRole("list", { name: "Files" }).getByRole("listitem");
  await expect(file.getByText(/^1 run read · skipped: swimming: .*cycling: /)).toBeVisible();
  await expect(page.getByRole("article").filter({ hasText: "fr255-triathlon-summary-last.fit" })).toHaveCount(1);
});
