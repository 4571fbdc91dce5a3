import AxeBuilder from "@axe-core/playwright";
import { mailTo } from "./mail";
import { expect, test } from "./test";

test("a new coach signs up, invites an athlete, who accepts from the outbox and sees only their own space", async ({
  page: coach,
  newContext,
}) => {
  const stamp = Date.now();
  const coachEmail = `coach.${stamp}@example.com`;
  const athleteEmail = `athlete.${stamp}@example.com`;

  await coach.goto("/sign-up");
  await coach.getByLabel("Your name").fill("Carla Coach");
  await coach.getByLabel("Email").fill(coachEmail);
  await coach.getByLabel("Password").fill("coach password 1");
  await coach.getByLabel("Club or business name").fill(`Hill Striders ${stamp}`);
  await coach.getByRole("button", { name: "Create account" }).click();
  // The account is made from the link mailed to the address (sign-up says the same for every address).
  await expect(coach.getByRole("status")).toContainText(`We sent a message to ${coachEmail}`);
  const confirmation = await mailTo(coachEmail);
  await coach.goto(new URL(/https?:\/\/\S+\/sign-up\/confirm\/[0-9a-f]{64}/.exec(confirmation)![0]).pathname);
  await coach.getByRole("button", { name: "Create my account" }).click();
  await expect(coach.getByLabel("Email")).toHaveValue(coachEmail);
  await coach.getByLabel("Password").fill("coach password 1");
  await coach.getByRole("button", { name: "Sign in" }).click();
  await expect(coach).toHaveURL(new RegExp(`/o/hill-striders-${stamp}$`));
  await expect(coach.getByRole("heading", { name: "Athletes" })).toBeVisible();

  await coach.getByRole("link", { name: "Members" }).click();
  await coach.getByLabel("Email address").fill(athleteEmail);
  await coach.getByRole("button", { name: "Send invitation" }).click();
  await expect(coach.getByText(`Invitation sent to ${athleteEmail}.`)).toBeVisible();
  expect((await new AxeBuilder({ page: coach }).analyze()).violations).toEqual([]);

  // The outbox is the organisation's business, not the day's work: it sits in the organisation's menu.
  await coach.getByRole("button", { name: `Organisation: Hill Striders ${stamp}` }).click();
  await coach.getByRole("link", { name: "Outbox" }).click();
  const mail = coach.getByRole("article", { name: `Mail to ${athleteEmail}` });
  const link = await mail.getByRole("link").getAttribute("href");
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);

  // The athlete opens the link in a browser of their own, with no session.
  const athleteContext = await newContext();
  const athlete = await athleteContext.newPage();
  await athlete.goto(new URL(link!).pathname);
  await expect(athlete.getByRole("heading", { name: `Join Hill Striders ${stamp}` })).toBeVisible();
  // The page does not tell whether the address has an account: it offers both ways.
  await expect(athlete.getByRole("link", { name: `Sign in as ${athleteEmail}` })).toBeVisible();
  await athlete.getByLabel("Your name").fill("Aino Athlete");
  await athlete.getByLabel("Choose a password").fill("athlete password 1");
  await athlete.getByRole("button", { name: "Accept invitation" }).click();
  await expect(athlete.getByRole("heading", { name: "This week", exact: true })).toBeVisible();
  await expect(athlete.getByText("Coached by Carla Coach")).toBeVisible();

  // A fresh sign-in lands in the same space, with no way into the coach's pages.
  await athlete.goto("/sign-out");
  await athlete.getByRole("button", { name: "Sign out" }).click();
  await athlete.getByLabel("Email").fill(athleteEmail);
  await athlete.getByLabel("Password").fill("athlete password 1");
  await athlete.getByRole("button", { name: "Sign in" }).click();
  await expect(athlete.getByRole("heading", { name: "This week", exact: true })).toBeVisible();
  await expect(athlete.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText([
    "This week",
    "Log a run",
    "Plan",
    "Feedback",
    "History",
    "Import",
    "Paces",
    "Calendar",
    /^Inbox/,
  ]);
  const members = await athlete.goto(`/o/hill-striders-${stamp}/members`);
  expect(members?.status()).toBe(404);
  const demoClub = await athlete.goto("/o/riverside-rc");
  expect(demoClub?.status()).toBe(404);

  // The used link cannot be used again.
  await athlete.goto(new URL(link!).pathname);
  await expect(athlete.getByText("This invitation has already been used. Sign in instead.")).toBeVisible();
  await athleteContext.close();
});
