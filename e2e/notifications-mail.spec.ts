/**
 * Issue 17's acceptance for mail: the athlete turns comment emails off and the coach's next comment
 * sends none, and a mail's own unsubscribe link does the same after asking. No SMTP server here, so
 * mail lands in the organisation's outbox page (owners read it), put there by the job queue's worker
 * running inside the server.
 */
import { DESKTOP, expectAccessible, PHONE, submitSignIn } from "./support";
import { expect, test, type Page } from "./test";

const ORG = "/o/riverside-rc";
// Coached by Ada, the owner, who can also read the outbox.
const ATHLETE = { name: "Maya Chen", email: "maya@riverside.example" };
const COACH = { name: "Ada Okafor", email: "ada@riverside.example" };

async function signIn(page: Page, email: string) {
  await submitSignIn(page, email);
  await expect(page).toHaveURL(new RegExp(`${ORG}$`));
}

/** Comment mails to the athlete in the outbox, read afresh. */
async function commentMails(page: Page): Promise<number> {
  await page.goto(`${ORG}/outbox`);
  return page
    .getByRole("article", { name: `Mail to ${ATHLETE.email}` })
    .filter({ has: page.getByRole("heading", { name: new RegExp(`^${COACH.name} (commented|replied) on your `) }) })
    .count();
}

async function comment(page: Page, note: string) {
  await page.goto(ORG);
  await page.getByRole("link", { name: ATHLETE.name }).first().click();
  // A loaded machine can take a while to render the athlete's page.
  await expect(page.getByRole("heading", { name: ATHLETE.name, level: 1 })).toBeVisible({ timeout: 30_000 });
  const panel = page.getByRole("region", { name: "Comments", exact: true });
  const about = panel.getByLabel("About");
  const runLabel = (await about.locator("option", { hasText: /RPE/ }).first().textContent())!;
  await about.selectOption({ label: runLabel });
  await panel.getByLabel("New comment").fill(note);
  await panel.getByRole("button", { name: "Post comment" }).click();
  await expect(panel.getByText(/Comment posted\./)).toBeVisible();
}

test("the athlete turns comment emails off; the coach's next comment sends none", async ({ browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);

  const coachContext = await browser.newContext(DESKTOP);
  const desk = await coachContext.newPage();
  await signIn(desk, COACH.email);
  const before = await commentMails(desk);

  // With the default (comments by mail right away), a comment mails the athlete.
  await comment(desk, `Steady work this week (${stamp}).`);
  await expect.poll(() => commentMails(desk), { message: "the first comment's mail" }).toBe(before + 1);

  // The athlete, on a phone, turns comment emails off.
  const athleteContext = await browser.newContext(PHONE);
  const phone = await athleteContext.newPage();
  await signIn(phone, ATHLETE.email);
  await phone.goto("/settings");
  await expect(phone.getByRole("heading", { name: "Email", level: 2 })).toBeVisible();
  await expectAccessible(phone, "settings with email preferences, phone");
  await phone.getByLabel("Comments and replies").selectOption({ label: "Never" });
  await phone.getByRole("button", { name: "Save email settings" }).click();
  await expect(phone.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  // The next comment still reaches the inbox, but no mail follows.
  await phone.goto(ORG);
  const inbox = phone
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /^Inbox( \d+ unread)?$/, includeHidden: true });
  const unread = async () => Number(/(\d+)/.exec((await inbox.textContent()) ?? "")?.[1] ?? 0);
  const unreadBefore = await unread();
  await comment(desk, `And keep the long run easy (${stamp}).`);
  await expect
    .poll(
      async () => {
        await phone.reload();
        return unread();
      },
      { message: "the second comment in the athlete's inbox" },
    )
    .toBe(unreadBefore + 1);
  // The worker mails within a second of the commit; give it several, then look again.
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  expect(await commentMails(desk)).toBe(before + 1);

  await athleteContext.close();
  await coachContext.close();
});

test("a mail's unsubscribe link asks first, then turns that mail off without signing in", async ({ browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);

  // The athlete wants comment mails right away (the test above turned them off).
  const athleteContext = await browser.newContext(PHONE);
  const phone = await athleteContext.newPage();
  await signIn(phone, ATHLETE.email);
  await phone.goto("/settings");
  const commentMode = phone.getByLabel("Comments and replies");
  await commentMode.selectOption({ label: "Right away" });
  await phone.getByRole("button", { name: "Save email settings" }).click();
  await expect(phone.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  const coachContext = await browser.newContext(DESKTOP);
  const desk = await coachContext.newPage();
  await signIn(desk, COACH.email);
  const before = await commentMails(desk);
  await comment(desk, `Lovely relaxed form (${stamp}).`);
  await expect.poll(() => commentMails(desk), { message: "the comment's mail" }).toBe(before + 1);
  const mail = desk.getByRole("article", { name: `Mail to ${ATHLETE.email}` }).filter({ hasText: stamp });
  const unsubscribeUrl = await mail.getByRole("link", { name: /\/api\/unsubscribe\// }).getAttribute("href");

  // Opened from the mail app, with no session: a confirmation first (opening it changes nothing).
  const mailAppContext = await browser.newContext(PHONE);
  const fromMail = await mailAppContext.newPage();
  await fromMail.goto(unsubscribeUrl!);
  await expect(fromMail.getByRole("heading", { name: "Stop these mails?", level: 1 })).toBeVisible();
  await expect(fromMail.getByText("Comments and replies")).toBeVisible();
  await expectAccessible(fromMail, "unsubscribe confirmation, phone");
  await phone.reload();
  await expect(commentMode).toHaveValue("immediately");

  await fromMail.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(fromMail.getByRole("heading", { name: "You are unsubscribed", level: 1 })).toBeVisible();
  await expect(fromMail.getByRole("status")).toContainText("no more of these mails");
  await phone.reload();
  await expect(commentMode).toHaveValue("never");

  await mailAppContext.close();
  await athleteContext.close();
  await coachContext.close();
});
