/**
 * Issue 14, point 1: conversations both ways. A coach comments on an athlete's week and run; the
 * athlete sees the unread count in the navigation, reads the comments on This week, in Feedback,
 * History and on the run, and replies; the coach sees the reply counted and reads it. On a phone and
 * on a desktop, axe-clean in both themes.
 */
import { expectAccessible, submitSignIn } from "./support";
import { expect, test, type Page } from "./test";

const ORG = "/o/riverside-rc";

async function signIn(page: Page, email: string) {
  await submitSignIn(page, email);
  await expect(page).toHaveURL(new RegExp(`${ORG}$`));
}

/** The navigation link, wherever the shell puts it (a phone may keep it in a menu). */
const navLink = (page: Page, name: RegExp) =>
  page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, includeHidden: true });

/** The unread count on a navigation item (0 without a badge); other specs may leave some behind. */
async function unreadOn(page: Page, label: string): Promise<number> {
  const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", {
    name: new RegExp(`^${label}( \\d+ unread)?$`),
    includeHidden: true,
  });
  const name = (await link.textContent()) ?? "";
  return Number(/(\d+)/.exec(name)?.[1] ?? 0);
}

/** The navigation item's accessible name with `count` unread. */
const withUnread = (label: string, count: number) => new RegExp(`^${label}${count > 0 ? ` ${count} unread` : ""}$`);

// Athletes no other spec comments on, coached by Ben (Priya by Ada too).
const viewports = [
  { name: "desktop", viewport: { width: 1280, height: 800 }, athlete: "Emma Jones", email: "emma@riverside.example" },
  { name: "phone", viewport: { width: 360, height: 740 }, athlete: "Priya Nair", email: "priya@riverside.example" },
];

for (const { name, viewport, athlete, email } of viewports) {
  test.describe(`conversations on a ${name}`, () => {
    test.use({ viewport });

    test("a coach's comments reach the athlete, who replies, and each side's unread count follows", async ({
      page,
      browser,
    }) => {
      test.setTimeout(180_000);
      const stamp = Date.now().toString(36);
      const weekNote = `Good consistency this week (${stamp}).`;
      const runNote = `Keep this one easier next time (${stamp}).`;
      const reply = `Will do, thanks! (${stamp})`;

      // The coach comments on the athlete's current week and on their newest run.
      await signIn(page, "ben@riverside.example");
      const coachUnread = await unreadOn(page, "Athletes");
      await page.getByRole("link", { name: athlete }).first().click();
      await expect(page.getByRole("heading", { name: athlete, level: 1 })).toBeVisible();
      const panel = page.getByRole("region", { name: "Comments", exact: true });
      await panel.getByLabel("New comment").fill(weekNote);
      await panel.getByRole("button", { name: "Post comment" }).click();
      await expect(panel.getByText(/Comment posted\. The athlete sees it/)).toBeVisible();
      await expect(panel.getByText(/^Week of .*1 comment$/).first()).toBeVisible();
      const about = panel.getByLabel("About");
      const runLabel = (await about.locator("option", { hasText: /RPE/ }).first().textContent())!;
      await about.selectOption({ label: runLabel });
      await panel.getByLabel("New comment").fill(runNote);
      await panel.getByRole("button", { name: "Post comment" }).click();
      await expect(panel.getByText(/run of .*1 comment$/i).first()).toBeVisible();
      // The coach's own comments are not unread for the coach.
      await expect(navLink(page, withUnread("Athletes", coachUnread))).toHaveCount(1);
      await expectAccessible(page, "coach's athlete page with threads");

      // The athlete sees two unread comments in the navigation.
      const athleteContext = await browser.newContext({ viewport });
      const phone = await athleteContext.newPage();
      await signIn(phone, email);
      await expect(navLink(phone, /^Feedback 2 unread$/)).toHaveCount(1);
      // This week shows the week's conversation and the run's if it was this week.
      const thisWeek = phone.getByRole("region", { name: "Comments this week" });
      await expect(thisWeek.getByText(/^Your week of .*1 comment/)).toBeVisible();
      await expectAccessible(phone, "This week with a thread");

      // Feedback lists both, unread first; opening one marks it read and the count drops.
      await phone.goto(`${ORG}/feedback`);
      const conversations = phone.getByRole("region", { name: "Comments from your coach" });
      const weekThread = conversations.locator("details", { hasText: weekNote });
      await expect(weekThread.getByText("1 new")).toBeVisible();
      await expectAccessible(phone, "Feedback with unread threads");
      await weekThread.locator("summary").click();
      await expect(weekThread.getByText(weekNote)).toBeVisible();
      await expect(navLink(phone, /^Feedback 1 unread$/)).toHaveCount(1);
      await expect(weekThread.getByText("1 new")).toHaveCount(0);

      // History marks the run that has a conversation; its page opens the thread and reads it.
      await phone.goto(`${ORG}/history`);
      await phone
        .getByRole("link", { name: /^1 comment · 1 new on the run of / })
        .first()
        .click();
      await expect(phone.getByRole("heading", { name: "Comments with your coach" })).toBeVisible();
      const runThread = phone.locator("details[open]", { hasText: runNote });
      await expect(runThread.getByText("Ben Laurent")).toBeVisible();
      await expect(navLink(phone, /^Feedback$/)).toHaveCount(1);
      await expectAccessible(phone, "the run's page with its thread");

      // The athlete replies on the run.
      await runThread.getByLabel("Reply").fill(reply);
      await runThread.getByRole("button", { name: "Send reply" }).click();
      await expect(runThread.getByText("Reply sent to your coach.")).toBeVisible();
      await expect(runThread.getByText(reply)).toBeVisible();
      await expect(runThread.getByText("You", { exact: true }).last()).toBeVisible();

      // The coach sees one unread reply, finds it above the roster and reads it.
      await page.goto(ORG);
      await expect(navLink(page, withUnread("Athletes", coachUnread + 1))).toHaveCount(1);
      const unread = page.getByRole("region", { name: /Unread comments/ });
      await expectAccessible(page, "roster with unread comments");
      await unread.getByRole("link", { name: new RegExp(`^${athlete}: `) }).click();
      await expect(page.getByRole("heading", { name: athlete, level: 1 })).toBeVisible();
      const replied = page.locator("details[open]", { hasText: reply });
      await expect(replied.getByText(reply)).toBeVisible();
      await expect(navLink(page, withUnread("Athletes", coachUnread))).toHaveCount(1);

      // Nobody else reads them: another athlete's Feedback shows none of it.
      const other = await browser.newContext({ viewport });
      const outsider = await other.newPage();
      await signIn(outsider, "tom@riverside.example");
      await outsider.goto(`${ORG}/feedback`);
      await expect(outsider.getByText(reply)).toHaveCount(0);
      await expect(outsider.getByText(runNote)).toHaveCount(0);
      await other.close();
      await athleteContext.close();
    });
  });
}

test.describe("an athlete starts a conversation", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the athlete writes to their coach about this week and the coach sees it unread", async ({ page, browser }) => {
    test.setTimeout(120_000);
    const note = `Legs heavy after the long run (${Date.now().toString(36)}).`;
    const coachContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const coach = await coachContext.newPage();
    await signIn(coach, "ada@riverside.example");
    const before = await unreadOn(coach, "Athletes");

    await signIn(page, "james@riverside.example");
    const thisWeek = page.getByRole("region", { name: "Comments this week" });
    await thisWeek.getByLabel("Write to your coach about this week").fill(note);
    await thisWeek.getByRole("button", { name: "Send", exact: true }).click();
    await expect(thisWeek.getByText("Sent to your coach.")).toBeVisible();
    await expect(thisWeek.getByText(/^Your week of .*1 comment/)).toBeVisible();
    await expectAccessible(page, "This week after writing to the coach");

    await coach.reload();
    await expect(navLink(coach, withUnread("Athletes", before + 1))).toHaveCount(1);
    await coach
      .getByRole("region", { name: /Unread comments/ })
      .getByRole("link", { name: /^James Walker: week of / })
      .click();
    await expect(coach.locator("details[open]", { hasText: note })).toBeVisible();
    await expect(navLink(coach, withUnread("Athletes", before))).toHaveCount(1);
    await coachContext.close();
  });
});
