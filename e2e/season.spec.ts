/**
 * Issue 16, the season: a coach sets a build phase with quality up to 35 %, and a planned week with
 * 33 % quality passes the live check inside the phase and is flagged outside it; a race added on the
 * athlete page shows on the roster. Noah's weeks far ahead are planned by no other spec.
 */
import { expectAccessible, submitSignIn } from "./support";
import { expect, test, testNow, type Page } from "./test";

async function signIn(page: Page, email: string) {
  await submitSignIn(page, email);
  await expect(page).toHaveURL(/\/o\/riverside-rc$/);
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const plusDays = (iso: string, days: number) => isoDay(new Date(Date.parse(`${iso}T12:00:00Z`) + days * 86_400_000));
/** The Monday of the week holding `iso` (Noah's weeks start on Monday). */
const mondayOf = (iso: string) => plusDays(iso, -((new Date(`${iso}T12:00:00Z`).getUTCDay() + 6) % 7));

/** Plans a week of 90 minutes with 30 of tempo: 33 % quality, 56 % aerobic, 11 % recovery. */
async function planThirtyThreePercentQuality(page: Page) {
  const sessions = [
    { day: 0, kind: "aerobic", minutes: "50" },
    { day: 2, kind: "recovery", minutes: "10" },
    { day: 4, kind: "tempo", minutes: "30" },
  ];
  for (const s of sessions) {
    await page
      .getByRole("button", { name: /^Add a session on / })
      .nth(s.day)
      .click();
    const editor = page.getByRole("region", { name: /Edit session/ });
    await editor.getByLabel("Kind").selectOption(s.kind);
    await editor.getByLabel("Duration (minutes)").fill(s.minutes);
  }
}

test("a build phase with quality up to 35 % passes a 33 % quality week inside it and flags it outside; a race shows on the roster", async ({
  page,
}) => {
  test.setTimeout(420_000);
  const today = isoDay(testNow());
  const phaseWeek = mondayOf(plusDays(today, 70));
  const outsideWeek = plusDays(phaseWeek, 7);

  await signIn(page, "ada@riverside.example");
  await page.getByRole("link", { name: "Noah Svensson", exact: true }).first().click();
  await expect(page.getByRole("heading", { name: "Noah Svensson", level: 1 })).toBeVisible();
  const athletePage = page.url();

  // The phase: one week, quality up to 35 % (and aerobic from 55 %, which 33 % quality needs).
  await page.getByRole("button", { name: "Add a phase" }).click();
  await page.getByLabel("Phase name").fill("build");
  await page.getByLabel("First day").fill(phaseWeek);
  await page.getByLabel("Last day").fill(plusDays(phaseWeek, 6));
  const targets = page.getByRole("form", { name: "New phase" });
  await targets.getByLabel("Quality share, at most (%)").fill("35");
  await targets.getByLabel("Aerobic share, at least (%)").fill("55");
  await targets.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Saved the Build phase: its weeks are judged by these targets.")).toBeVisible();
  const phases = page.getByRole("list", { name: "Phases" });
  await expect(phases.getByText(/^Build phase · /)).toBeVisible();
  await expect(phases.getByText("quality up to 35 %, aerobic 55–80 %, recovery 10–20 %")).toBeVisible();

  // A race three weeks ahead.
  await page.getByRole("button", { name: "Add a race" }).click();
  const race = page.getByRole("form", { name: "New race" });
  await race.getByLabel("Race name").fill("Lakeside 10K");
  await race.getByLabel("Race date").fill(plusDays(today, 21));
  await race.getByLabel(/^Distance/).fill("10");
  await race.getByLabel("Goal time (h:mm:ss)").fill("45:00");
  await race.getByRole("button", { name: "Save race" }).click();
  await expect(page.getByRole("list", { name: "Races" }).getByText(/^Lakeside 10K · /)).toBeVisible();
  await expectAccessible(page, "athlete page with a phase and a race");

  // Inside the phase: judged by it, and the 33 % quality week passes.
  await page.goto(`${athletePage}/week/${phaseWeek}`);
  await expect(page.getByText("Build phase: quality up to 35 %, aerobic 55–80 %, recovery 10–20 %")).toBeVisible();
  await planThirtyThreePercentQuality(page);
  const summary = page.getByRole("region", { name: "Plan summary" });
  await expect(summary.getByText("No flags on this plan")).toBeVisible();
  await expectAccessible(page, "week builder in a build phase");

  // The week after: the athlete's own settings, and the same week is flagged.
  await page.goto(`${athletePage}/week/${outsideWeek}`);
  await expect(page.getByText("No phase (athlete settings): quality up to 30 %", { exact: false })).toBeVisible();
  await planThirtyThreePercentQuality(page);
  await expect(summary.getByText(/^\d+ flags? on this plan$/)).toBeVisible();

  // The roster mentions the race.
  await page.goto("/o/riverside-rc");
  const noah = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Noah Svensson", exact: true }) });
  await expect(noah.getByText("A race in 3 weeks")).toBeVisible();
});
