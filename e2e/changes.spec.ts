import { submitSignIn } from "./support";
import { expect, test, testNow, type Page } from "./test";

// Pages render the server's data; a change goes through the tRPC client loaded on demand, then the
// page renders again (docs/decisions/005-first-load-budget.md). These are the changes the other
// journeys do not make.

async function signIn(page: Page, email: string) {
  await submitSignIn(page, email);
  await expect(page).toHaveURL(/\/o\/riverside-rc$/);
}

test("a coach comments on an athlete's week, changes their settings and invites someone", async ({ page }) => {
  await signIn(page, "ada@riverside.example");
  await page.getByRole("link", { name: "Lucas Moreau" }).click();
  await expect(page.getByRole("heading", { name: "Lucas Moreau", level: 1 })).toBeVisible();

  // The comment appears in the list the server renders again.
  const comment = `Nice steady week ${Date.now()}`;
  const comments = page.getByRole("region", { name: "Comments" });
  await comments.getByLabel("Comment").fill(comment);
  await comments.getByRole("button", { name: "Post comment" }).click();
  await expect(comments.getByText("Comment posted.", { exact: false })).toBeVisible();
  await expect(comments.getByRole("listitem").filter({ hasText: comment })).toBeVisible();

  // A setting of the athlete's own, checked in the browser with the engine's rules, then kept.
  const settings = page.getByRole("form", { name: /Training settings for Lucas Moreau/ });
  await settings.getByLabel("Runs needed to judge the mix").fill("4");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByText("Saved. The rules use these settings from now on.")).toBeVisible();
  await page.reload();
  await expect(
    page.getByRole("form", { name: /Training settings for Lucas Moreau/ }).getByLabel("Runs needed to judge the mix"),
  ).toHaveValue("4");
  // A problem is named before anything is sent.
  await settings.getByLabel("Aerobic share, at least (%)").fill("90");
  await settings.getByLabel("Aerobic share, at most (%)").fill("70");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByText(/lower bound must not be above the upper bound/)).toBeVisible();
  // Back to the demo's own override (its aerobic band stays).
  await page.reload();
  await settings.getByLabel("Runs needed to judge the mix").fill("");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByText("Saved. The rules use these settings from now on.")).toBeVisible();
  await expect(settings.getByLabel("Aerobic share, at least (%)")).toHaveValue("65");

  // An invitation is listed once sent, and goes once revoked.
  await page.getByRole("link", { name: "Members" }).click();
  const email = `guest.${Date.now()}@example.com`;
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  await page.getByRole("button", { name: `Revoke invitation to ${email}` }).click();
  await expect(page.getByRole("button", { name: `Revoke invitation to ${email}` })).toHaveCount(0);
});

test("an athlete filters their history, sets a race for their paces and creates a calendar link", async ({ page }) => {
  await signIn(page, "tom@riverside.example");

  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("heading", { name: "History", level: 1 })).toBeVisible();
  await page.getByLabel("Show").selectOption("recovery");
  await expect(page.getByText("Loading…")).toHaveCount(0);
  const runs = page.locator("ol li li");
  await expect(runs.first()).toBeVisible();
  for (const kind of await runs.locator("span:nth-child(2)").allTextContents()) expect(kind).toBe("Recovery");
  await page.getByLabel("Show").selectOption("");
  await expect(page.locator("ol li li").filter({ hasText: "Aerobic" }).first()).toBeVisible();

  await page.getByRole("link", { name: "Paces" }).click();
  await page.getByLabel("Race distance").selectOption("10000");
  await page.getByLabel("Finish time").fill("45:00");
  await page.getByRole("button", { name: "Show my paces" }).click();
  await expect(page.getByText(/^VDOT \d+\.\d$/)).toBeVisible();
  await expect(page.getByText(/^10 km: \d+:\d\d$/)).toBeVisible();

  await page.getByRole("link", { name: "Calendar" }).click();
  await page.getByRole("button", { name: /Create my calendar link|Replace the link/ }).click();
  await expect(page.getByLabel(/Your calendar link/)).toHaveValue(/\/api\/calendar\//);
  await expect(page.getByText("A calendar link is active.")).toBeVisible();
});

test("a coach lays a template onto an athlete's weeks, deletes it, and changes the club's defaults and their profile", async ({
  page,
}) => {
  await signIn(page, "ada@riverside.example");
  const templateName = `Smoke week ${Date.now()}`;
  await page.getByRole("link", { name: "Lucas Moreau" }).click();
  await page.getByRole("link", { name: "Plan this week" }).click();
  await page.getByLabel("Template name").fill(templateName);
  await page.getByRole("button", { name: "Save as template" }).click();
  await expect(page.getByText(`Saved as the template “${templateName}”.`)).toBeVisible();

  await page.goto("/o/riverside-rc/templates");
  await expect(page.getByRole("heading", { name: templateName })).toBeVisible();
  const assign = page.getByRole("region", { name: "Assign a template" });
  const templateSelect = assign.getByLabel("Template");
  await templateSelect.selectOption(
    (await templateSelect.locator("option", { hasText: templateName }).getAttribute("value"))!,
  );
  // A week well ahead, so the demo weeks stay as they are.
  await assign
    .getByLabel("First week (any day of it)")
    .fill(new Date(testNow().getTime() + 365 * 86_400_000).toISOString().slice(0, 10));
  await assign.getByLabel("Lucas Moreau").check();
  await assign.getByRole("button", { name: "Assign template" }).click();
  await expect(assign.getByText(/^Assigned\./)).toBeVisible();
  await expect(assign.getByRole("link", { name: /Week of/ })).toHaveCount(1);

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: `Delete the template ${templateName}` }).click();
  await expect(page.getByText("Template deleted.")).toBeVisible();
  await expect(page.getByRole("heading", { name: templateName })).toHaveCount(0);

  await page.goto("/o/riverside-rc/training-settings");
  const club = page.getByRole("form", { name: "Club training settings" });
  await club.getByLabel("Monotony above which to flag").fill("2.5");
  await club.getByRole("button", { name: "Save settings" }).click();
  await expect(club.getByText("Saved. The rules use these settings from now on.")).toBeVisible();
  await club.getByRole("button", { name: "Use the built-in defaults" }).click();
  await expect(club.getByLabel("Monotony above which to flag")).toHaveValue("");

  await page.goto("/settings");
  const profile = page.getByRole("form", { name: "Profile" });
  await profile.getByLabel("Name").fill("Ada O.");
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(profile.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("form", { name: "Profile" }).getByLabel("Name")).toHaveValue("Ada O.");
  await page.getByRole("form", { name: "Profile" }).getByLabel("Name").fill("Ada Okafor");
  await page.getByRole("form", { name: "Profile" }).getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("form", { name: "Profile" }).getByText("Saved.")).toBeVisible();
});
