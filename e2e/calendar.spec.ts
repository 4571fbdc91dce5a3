/**
 * Issue 15, point 1: the coach's multi-week calendar. Sessions move by drag and drop and with the
 * keyboard ("Move…"), a week is copied four weeks ahead with the mouse and with the keyboard, edits
 * are undone (the toast's Undo, Ctrl+Z), each week's live verdict follows, and a second tab that
 * has gone stale is refused. Noah Svensson (coached by Ben) is used by no other spec.
 */
import { expectAccessible, submitSignIn } from "./support";
import { expect, test, type Page } from "./test";

const ATHLETE = "Noah Svensson";
const DAY_LABEL = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} \w{3}( \(today\))?$/;

async function signIn(page: Page, email: string) {
  await submitSignIn(page, email);
  await expect(page).toHaveURL(/\/o\/riverside-rc$/);
}

/** The calendar's weeks, in order (the page shows eight: last week, this week, then six ahead). */
const weeks = (page: Page) => page.getByRole("list", { name: "Weeks" }).getByRole("listitem", { name: /^Week of / });
const daysOf = (week: ReturnType<typeof weeks>) => week.getByRole("listitem", { name: DAY_LABEL });
const sessionsOf = (scope: ReturnType<typeof weeks>) => scope.getByRole("listitem", { name: / on / });
const verdictOf = (week: ReturnType<typeof weeks>) =>
  week.getByText(/^(Nothing planned|No flags on this plan|\d+ flags?:)/);

/** "Tue 8 Dec", as the page writes days. */
const dayLabel = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
const plusDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function openCalendar(page: Page) {
  await page.getByRole("link", { name: ATHLETE, exact: true }).click();
  await page.getByRole("link", { name: "Calendar", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Calendar · ${ATHLETE}`, level: 1 })).toBeVisible();
  await page.getByRole("navigation", { name: "How many weeks" }).getByRole("link", { name: "8 weeks" }).click();
  await expect(weeks(page)).toHaveCount(8);
}

test("the coach moves and copies sessions across weeks with the mouse and the keyboard, undoes, and a stale tab is refused", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "ben@riverside.example");
  await openCalendar(page);
  await expectAccessible(page, "the calendar");

  const next = weeks(page).nth(2); // next week: a draft with sessions
  await expect(next.getByText("Draft", { exact: true })).toBeVisible();
  const toast = page.getByRole("status").filter({ hasText: /Moved|Copied|Undone|Reloaded/ });

  // Mouse: drag the first session of next week to an empty day of that week.
  const card = sessionsOf(next).first();
  const cardName = (await card.getAttribute("aria-label"))!;
  const emptyName = (await daysOf(next)
    .filter({ hasNot: page.getByRole("listitem", { name: / on / }) })
    .first()
    .getAttribute("aria-label"))!;
  const emptyDay = next.getByRole("listitem", { name: emptyName, exact: true });
  const emptyLabel = emptyName.replace(" (today)", "");
  await card.dragTo(emptyDay);
  await expect(toast).toContainText(`Moved the session to ${emptyLabel}.`);
  await expect(sessionsOf(emptyDay)).toHaveCount(1);

  // Undo with the toast's button: the session is back on its day.
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(toast).toContainText("Undone.");
  await expect(sessionsOf(emptyDay)).toHaveCount(0);
  await expect(next.getByRole("listitem", { name: cardName })).toHaveCount(1);

  // Keyboard: "Move…" opens a dialog with a date; the session moves one day later.
  const moveButton = next.getByRole("button", { name: /^Move / }).first();
  await moveButton.focus();
  await page.keyboard.press("Enter");
  const moveDialog = page.getByRole("dialog", { name: /^Move / });
  await expect(moveDialog).toBeVisible();
  const dateField = moveDialog.getByLabel("New date");
  const from = await dateField.inputValue();
  await dateField.fill(plusDays(from, 1));
  await moveDialog.getByRole("button", { name: "Move", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(moveDialog).toBeHidden();
  await expect(toast).toContainText(`Moved the session to ${dayLabel(plusDays(from, 1))}.`);

  // Mouse: copy next week four weeks ahead; that week's verdict appears, Ctrl+Z takes it away.
  const fourAhead = weeks(page).nth(6);
  await expect(verdictOf(fourAhead)).toHaveText("Nothing planned");
  const planned = await sessionsOf(next).count();
  await next.getByRole("button", { name: /^Copy week/ }).click();
  const copyDialog = page.getByRole("dialog", { name: "Copy sessions" });
  await expect(copyDialog.getByLabel("What to copy")).toHaveValue("week");
  await copyDialog.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(toast).toContainText(`Copied ${planned} sessions`);
  await expect(sessionsOf(fourAhead)).toHaveCount(planned);
  await expect(verdictOf(fourAhead)).not.toHaveText("Nothing planned");
  await expect(fourAhead.getByText("Draft", { exact: true })).toBeVisible();
  await page.getByRole("heading", { level: 1 }).click(); // focus out of any field
  await page.keyboard.press("ControlOrMeta+z");
  await expect(toast).toContainText("Undone.");
  await expect(sessionsOf(fourAhead)).toHaveCount(0);
  await expect(verdictOf(fourAhead)).toHaveText("Nothing planned");

  // Keyboard: copy this week four weeks ahead.
  const thisWeek = weeks(page).nth(1);
  const target = weeks(page).nth(5);
  const thisWeekCount = await sessionsOf(thisWeek).count();
  await thisWeek.getByRole("button", { name: /^Copy week/ }).focus();
  await page.keyboard.press("Enter");
  await expect(copyDialog).toBeVisible();
  await expect(copyDialog.getByLabel("What to copy")).toBeFocused();
  await expect(copyDialog.getByLabel("What to copy")).toHaveValue("week");
  await copyDialog.getByRole("button", { name: "Copy", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(toast).toContainText(`Copied ${thisWeekCount} sessions`);
  await expect(sessionsOf(target)).toHaveCount(thisWeekCount);
  await expect(verdictOf(target)).not.toHaveText("Nothing planned");
  await expectAccessible(page, "the calendar after edits");

  // A second tab loaded before a change made in the first: its edit is refused, nothing changes.
  const stale = await page.context().newPage();
  await stale.goto(page.url());
  await expect(weeks(stale)).toHaveCount(8);
  await sessionsOf(weeks(page).nth(2))
    .first()
    .dragTo(daysOf(weeks(page).nth(3)).first());
  await expect(toast).toContainText("Moved the session");
  const staleCard = sessionsOf(weeks(stale).nth(2)).last();
  await staleCard.dragTo(daysOf(weeks(stale).nth(3)).last());
  const refused = stale.getByRole("alert").filter({ hasText: "Someone else changed this athlete's plan" });
  await expect(refused).toBeVisible();
  await stale.getByRole("button", { name: "Reload the calendar" }).click();
  await expect(refused).toHaveCount(0);
  await expect(sessionsOf(daysOf(weeks(stale).nth(3)).first())).not.toHaveCount(0);
  await stale.close();
});

test("on a phone the weeks stack and the calendar stays accessible", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, "ben@riverside.example");
  await page.getByRole("link", { name: ATHLETE, exact: true }).click();
  await page.getByRole("link", { name: "Calendar", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Calendar · ${ATHLETE}`, level: 1 })).toBeVisible();
  const days = daysOf(weeks(page).first());
  const [a, b] = [await days.nth(0).boundingBox(), await days.nth(1).boundingBox()];
  expect(b!.y).toBeGreaterThan(a!.y + a!.height - 1); // one day below the other
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page, "the calendar on a phone");
});
