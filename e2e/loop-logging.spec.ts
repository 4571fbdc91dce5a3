/**
 * Issue 14, the athlete's side of logging (points 3 after logging, 5, 6, 8 and 11's log, import and
 * sign-up fixes), on a phone (360×740) and a desktop (1280×800), with axe in both themes.
 */
import { mailTo } from "./mail";
import { DESKTOP, expectAccessible, PHONE, submitSignIn } from "./support";
import { expect, test, testNow, watchContentSecurityPolicy, type Page } from "./test";

const fixtures = "src/server/activity-import/fixtures";

async function signIn(page: Page, email: string) {
  await submitSignIn(page, email);
  await expect(page.getByRole("heading", { name: "This week", exact: true })).toBeVisible();
}

/**
 * Opens the log form as the first of `athletes` with a session planned today and not run yet. The
 * demo plans six days of each athlete's week, and weeks start on Monday for some, Sunday for James,
 * so whatever the weekday one of them has one.
 */
async function openLogForm(page: Page, email: string) {
  await signIn(page, email);
  await page.goto(`${new URL(page.url()).pathname.replace(/\/$/, "")}/log`);
  await expect(page.getByRole("heading", { name: "Log a run" })).toBeVisible();
}

async function logFormWithPlanToday(page: Page, athletes: string[]): Promise<string> {
  for (const email of athletes) {
    await openLogForm(page, email);
    if (await page.getByRole("button", { name: "Ran it as planned" }).count()) return email;
    await page.context().clearCookies();
  }
  throw new Error(`none of ${athletes.join(", ")} has a session planned today`);
}

const top = async (page: Page, name: Parameters<Page["getByRole"]>[1]) =>
  (await page.getByRole("button", name).boundingBox())!;

/** The demo athletes' profile zones (src/server/seed/demo-data.ts). */
const ZONES: Record<string, string> = {
  "james@riverside.example": "America/New_York",
  "lucas@riverside.example": "Europe/Paris",
};

// Each device has its own athletes: logging a planned run uses up that session. Every athlete rests
// on the last day of their week: Sunday in Europe; Saturday for James (New York, weeks from Sunday).
// So in the hours when it is Sunday in Europe and still Saturday in New York, only Sofia (a seventh,
// quality day) and Emma (Chicago, weeks from Monday: her Saturday long run) have a plan today: the
// phone falls back to the one, the desktop to the other.
for (const [device, use, withPlan, other] of [
  [
    "phone",
    PHONE,
    [
      "noah@riverside.example",
      "james@riverside.example",
      "tom@riverside.example",
      "maya@riverside.example",
      "sofia@riverside.example",
    ],
    "james@riverside.example",
  ],
  [
    "desktop",
    DESKTOP,
    [
      "priya@riverside.example",
      "sofia@riverside.example",
      "lucas@riverside.example",
      "maya@riverside.example",
      "emma@riverside.example",
    ],
    "lucas@riverside.example",
  ],
] as const) {
  test.describe(`on a ${device}`, () => {
    test.use(use);

    test("a planned session is logged with one tap, its RPE and Save in view, and 'this run' read first", async ({
      page,
    }) => {
      await logFormWithPlanToday(page, [...withPlan]);
      const viewport = page.viewportSize()!;
      // Nothing of the plan sits in an editable field to be half-overwritten.
      await expect(page.getByLabel("Duration")).toHaveCount(0);
      await expect(page.getByRole("group", { name: /Planned today/ })).toBeVisible();
      await expectAccessible(page, "log form");

      // Save and every RPE button are on screen without scrolling.
      const save = await top(page, { name: "Save run" });
      // The bar Save sticks in covers what lies under it: RPE must end above the bar, not the button.
      const bar = (await page
        .getByRole("button", { name: "Save run" })
        .locator("xpath=ancestor::div[contains(@class, 'sticky')][1]")
        .boundingBox())!;
      const rpe10 = (await page.locator("label", { has: page.getByLabel(/^RPE 10:/) }).boundingBox())!;
      test.info().annotations.push({
        type: `${device} positions`,
        description: `RPE 10 bottom ${Math.round(rpe10.y + rpe10.height)} px, Save bar top ${Math.round(bar.y)} px, Save button top ${Math.round(save.y)} px of ${viewport.height}`,
      });
      expect(save.y + save.height).toBeLessThanOrEqual(viewport.height);
      expect(rpe10.y + rpe10.height).toBeLessThanOrEqual(bar.y);
      // Save stays in view as the form scrolls.
      await page.getByLabel("Notes (optional)").scrollIntoViewIfNeeded();
      await page.mouse.wheel(0, 2000);
      const stuck = await top(page, { name: "Save run" });
      expect(stuck.y + stuck.height).toBeLessThanOrEqual(viewport.height);
      expect(stuck.y).toBeGreaterThanOrEqual(0);

      await page.getByRole("button", { name: "Ran it as planned" }).click();
      await expect(page.getByRole("button", { name: "Ran it as planned" })).toHaveAttribute("aria-pressed", "true");
      await page.locator("label", { has: page.getByLabel(/^RPE 3:/) }).click();
      await page.getByRole("button", { name: "Save run" }).click();
      await expect(page.getByRole("heading", { name: "Run saved" })).toBeVisible();

      // "This run" comes first; the week's notes show three at most, the rest behind a disclosure.
      const headings = page.getByRole("heading", { level: 3 });
      await expect(headings.first()).toHaveText("This run");
      const week = page.getByRole("region", { name: "Your week so far" });
      if (await week.count()) {
        await expect(week.getByRole("listitem").filter({ visible: true })).not.toHaveCount(0);
        expect(await week.locator(":scope > div > ul > li").count()).toBeLessThanOrEqual(3);
      }
      await expectAccessible(page, "after logging");
    });

    test("a different run: one duration field, a number for the distance, a question about an odd pace", async ({
      page,
    }) => {
      await openLogForm(page, other);
      // With a plan today, "Different"; without one the form asks for what was run straight away.
      const different = page.getByRole("button", { name: "Different" });
      if (await different.count()) await different.click();
      await page.getByText("Aerobic", { exact: true }).click();
      await page.getByLabel("Duration").fill("28:30");
      // The start follows the duration: now minus 28:30 on the athlete's clock (the profile's zone).
      const zone = ZONES[other]!;
      const expected = new Date(testNow().getTime() - (28 * 60 + 30) * 1000);
      const shown = await page.getByLabel("Start time").inputValue();
      const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
      const clock = new Intl.DateTimeFormat("en-GB", {
        timeZone: zone,
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      });
      const drift = Math.abs(minutesOf(shown) - minutesOf(clock.format(expected)));
      expect(Math.min(drift, 1440 - drift)).toBeLessThanOrEqual(3);

      const distance = page.getByLabel(/^Distance/);
      await distance.fill("five");
      await page.locator("label", { has: page.getByLabel(/^RPE 4:/) }).click();
      await page.getByRole("button", { name: "Save run" }).click();
      await expect(page.getByText("Enter the distance as a number")).toBeVisible();
      await expect(distance).toHaveAttribute("aria-invalid", "true");

      // 28:30 for 50 (km or mi) is faster than anyone runs: asked, not saved.
      await distance.fill("50");
      await expect(page.getByText(/^Pace .* is faster than/)).toBeVisible();
      await page.getByRole("button", { name: "Save run" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "Is that right?" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Run saved" })).toHaveCount(0);
      await expectAccessible(page, "pace question");
      // Corrected, it saves at once.
      await distance.fill("5");
      await page.getByRole("button", { name: "Save run" }).click();
      await expect(page.getByRole("heading", { name: "Run saved" })).toBeVisible();
      await page.getByRole("link", { name: "See this week" }).click();
      await expect(page.getByText(/Ran aerobic · 28:30 · 5\.00 (km|mi) · RPE 4/)).toBeVisible();
    });

    test("the selected RPE keeps a visible focus ring", async ({ page }) => {
      await openLogForm(page, "tom@riverside.example");
      const different = page.getByRole("button", { name: "Different" });
      if (await different.count()) await different.click();
      const rpe6 = page.getByLabel(/^RPE 6:/);
      await page.locator("label", { has: rpe6 }).click();
      expect(await page.locator("label", { has: rpe6 }).evaluate((l) => getComputedStyle(l).boxShadow)).toBe("none");
      await rpe6.focus();
      // Arrow keys move within the group, as a keyboard user would (this makes the focus "visible").
      await page.keyboard.press("ArrowRight");
      const rpe7 = page.getByLabel(/^RPE 7:/);
      await expect(rpe7).toBeChecked();
      await expect(rpe7).toBeFocused();
      const ring = await page.locator("label", { has: rpe7 }).evaluate((label) => getComputedStyle(label).boxShadow);
      expect(ring).not.toBe("none");
    });
  });
}

// The coach at a desk and the athlete on a phone, then the other way round.
for (const [coachDevice, athleteDevice, name, email] of [
  [DESKTOP, PHONE, "Sofia Rossi", "sofia@riverside.example"],
  [PHONE, DESKTOP, "Priya Nair", "priya@riverside.example"],
] as const) {
  test(`a coach imports for ${name} without inventing an RPE; she rates it on This week`, async ({
    page: coach,
    browser,
    cspViolations,
  }) => {
    await coach.setViewportSize(coachDevice.viewport);
    await coach.goto("/sign-in");
    await coach.getByLabel("Email").fill("ada@riverside.example");
    await coach.getByLabel("Password").fill("runbalance-demo");
    await coach.getByRole("button", { name: "Sign in" }).click();
    await expect(coach.getByRole("heading", { name: "Athletes" })).toBeVisible();
    await coach.goto(`${new URL(coach.url()).pathname.replace(/\/$/, "")}/import`);
    await expect(coach.getByRole("heading", { name: "Import runs for an athlete" })).toBeVisible();
    await coach.getByLabel("Athlete", { exact: true }).selectOption({ label: name });
    await expect(coach.getByRole("heading", { name: `Waiting for ${name}'s RPE` })).toBeVisible();
    await coach.getByLabel("Choose .fit, .gpx or .tcx files (also .gz)").setInputFiles([`${fixtures}/plain-run.fit`]);
    const run = coach.getByRole("article").filter({ hasText: "plain-run.fit" });
    await expect(run).toBeVisible();
    await expect(run.getByText("RPE pending")).toBeVisible();
    // Nothing is preselected for the effort: only she knows it.
    await expect(run.getByLabel("How hard did it feel?")).toHaveValue("");
    await expect(run.getByText(new RegExp(`${name} is asked how hard it felt on This week`))).toBeVisible();
    await expectAccessible(coach, "coach import");

    // She is asked on This week, on her own device.
    const own = await browser.newContext(athleteDevice);
    await watchContentSecurityPolicy(own, cspViolations);
    const athlete = await own.newPage();
    await signIn(athlete, email);
    const asked = athlete.getByRole("region", { name: /How hard did (this run|these \d+ runs) feel\?/ });
    await expect(asked).toBeVisible();
    const pending = asked.getByRole("article").filter({ hasText: "plain-run.fit" });
    await expect(pending.getByText("RPE pending")).toBeVisible();
    await expect(pending.getByLabel("How hard did it feel?")).toHaveValue("");
    await expectAccessible(athlete, "this week with a run to rate");
    if ((await pending.getByLabel("Kind of run").inputValue()) === "") {
      await pending.getByLabel("Kind of run").selectOption("aerobic");
    }
    await pending.getByRole("button", { name: "Save run" }).click();
    await expect(pending.getByText("Choose how hard it felt")).toBeVisible();
    await pending.getByLabel("How hard did it feel?").selectOption("4");
    await pending.getByRole("button", { name: "Save run" }).click();
    await expect(pending.getByText("Saved as a run.")).toBeVisible();
    await pending.getByRole("button", { name: "Done" }).click();
    await expect(athlete.getByRole("article").filter({ hasText: "plain-run.fit" })).toHaveCount(0);
    await own.close();

    // Nothing waits for her any more on the coach's page.
    await coach.reload();
    await expect(coach.getByRole("article").filter({ hasText: "plain-run.fit" })).toHaveCount(0);
  });
}

for (const [device, use] of [
  ["phone", PHONE],
  ["desktop", DESKTOP],
] as const) {
  test.describe(`time zones from the first minute, on a ${device}`, () => {
    test.use({ ...use, timezoneId: "America/Los_Angeles" });

    test("sign-up takes the browser's zone; the password's problem is said at its field", async ({ page }) => {
      const email = `lee.${device}.${Date.now()}@example.com`;
      await page.goto("/sign-up");
      await page.getByLabel("Your name").fill("Lee Runner");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill("short");
      await page.getByLabel("Club or business name").fill(`Sunset Striders ${Date.now()}`);
      await page.getByRole("button", { name: "Create account" }).click();
      const password = page.getByLabel("Password");
      await expect(password).toHaveAttribute("aria-invalid", "true");
      await expect(password).toHaveAccessibleDescription(/Use at least 10 characters/);
      await expectAccessible(page, "sign-up with a password error");

      await password.fill("sunset trail password");
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.getByRole("status")).toContainText(`We sent a message to ${email}`);
      const confirmation = await mailTo(email);
      await page.goto(new URL(/https?:\/\/\S+\/sign-up\/confirm\/[0-9a-f]{64}/.exec(confirmation)![0]).pathname);
      await page.getByRole("button", { name: "Create my account" }).click();
      await page.getByLabel("Password").fill("sunset trail password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("heading", { name: "Athletes" })).toBeVisible();
      await page.goto("/settings");
      await expect(page.getByLabel("Time zone")).toHaveValue("America/Los_Angeles");
      // Same zone as this browser: nothing to warn about.
      await expect(page.getByText(/This device is set to/)).toHaveCount(0);
    });

    test("Settings lists UTC and warns when this device's zone is not the profile's", async ({ page }) => {
      await signIn(page, "james@riverside.example");
      await page.goto("/settings");
      const zone = page.getByLabel("Time zone");
      await expect(zone).toHaveValue("America/New_York");
      await expect(zone.locator("option", { hasText: /^UTC$/ })).toHaveCount(1);
      await expect(
        page.getByText(/This device is set to America\/Los Angeles, but your profile says America\/New York/),
      ).toBeVisible();
      await expectAccessible(page, "settings with a zone warning");
      await page.getByRole("button", { name: "Use America/Los Angeles" }).click();
      await expect(zone).toHaveValue("America/Los_Angeles");
    });
  });
}
