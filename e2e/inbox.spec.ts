/**
 * Issue 17, point 1's acceptance: the coach comments on an athlete's run, the athlete (on a phone)
 * sees the inbox count rise, opens the inbox and follows the link to the run with the comment; the
 * notification is then read. Axe-clean in both themes.
 */
import { DESKTOP, expectAccessible, PHONE, submitSignIn } from "./support";
import { expect, test, type Page } from "./test";

const ORG = "/o/riverside-rc";
// An athlete few other specs touch, coached by Ben.
const ATHLETE = { name: "Lucas Moreau", email: "lucas@riverside.example" };
const COACH = { name: "Ben Laurent", email: "ben@riverside.example" };

async function signIn(page: Page, email: string) {
  await submitSignIn(page, email);
  await expect(page).toHaveURL(new RegExp(`${ORG}$`));
}

/** The Inbox item's unread count (0 without a badge), wherever the shell puts it. */
async function inboxCount(page: Page): Promise<number> {
  const link = page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /^Inbox( \d+ unread)?$/, includeHidden: true });
  await expect(link).toHaveCount(1);
  return Number(/(\d+)/.exec((await link.textContent()) ?? "")?.[1] ?? 0);
}

test("the coach comments on a run; the athlete's inbox count rises and its link opens the run", async ({ browser }) => {
  test.setTimeout(300_000);
  const note = `Nicely paced, keep the easy days easy (${Date.now().toString(36)}).`;

  // The athlete's inbox before (other specs may have left notifications behind).
  const athleteContext = await browser.newContext(PHONE);
  const phone = await athleteContext.newPage();
  await signIn(phone, ATHLETE.email);
  const before = await inboxCount(phone);

  // The coach comments on the athlete's newest run, and is not notified of their own comment.
  const coachContext = await browser.newContext(DESKTOP);
  const desk = await coachContext.newPage();
  await signIn(desk, COACH.email);
  const coachBefore = await inboxCount(desk);
  await desk.getByRole("link", { name: ATHLETE.name }).first().click();
  // (A loaded machine renders a coach's athlete page slowly.)
  await expect(desk.getByRole("heading", { name: ATHLETE.name, level: 1 })).toBeVisible({ timeout: 60_000 });
  const panel = desk.getByRole("region", { name: "Comments", exact: true });
  const about = panel.getByLabel("About");
  const runLabel = (await about.locator("option", { hasText: /RPE/ }).first().textContent())!;
  await about.selectOption({ label: runLabel });
  await panel.getByLabel("New comment").fill(note);
  await panel.getByRole("button", { name: "Post comment" }).click();
  await expect(panel.getByText(/Comment posted\./)).toBeVisible();
  await desk.reload();
  expect(await inboxCount(desk)).toBe(coachBefore);

  // The athlete's count rises: on a phone, on "More" and on Inbox inside it.
  await phone.reload();
  await expect
    .poll(() => inboxCount(phone), { message: "the athlete's inbox count after the comment" })
    .toBe(before + 1);
  const more = phone.getByRole("button", { name: /^More \d+ unread$/ });
  await expect(more).toBeVisible();
  await more.tap();
  await phone.getByRole("link", { name: `Inbox ${before + 1} unread` }).tap();
  await expect(phone.getByRole("heading", { name: "Inbox", level: 1 })).toBeVisible({ timeout: 60_000 });
  await expect(phone.getByRole("button", { name: "Mark all as read" })).toBeVisible();
  await expectAccessible(phone, "the athlete's inbox, phone");

  // The newest item: unread (said in words), by the coach's name, about "your" run, quoting the comment.
  const item = phone.getByRole("link", { name: new RegExp(`^Unread: ${COACH.name} (commented|replied) on your `) });
  await expect(item.first()).toContainText(note);
  await item.first().tap();
  await expect(phone).toHaveURL(new RegExp(`${ORG}/runs/[0-9a-f-]+#thread-run-`), { timeout: 60_000 });
  await expect(phone.getByRole("heading", { name: "Comments with your coach" })).toBeVisible({ timeout: 60_000 });
  await expect(phone.getByText(note)).toBeVisible();
  // Followed, it is read: the count is back where it was.
  await expect.poll(() => inboxCount(phone)).toBe(before);

  await coachContext.close();
  await athleteContext.close();
});
