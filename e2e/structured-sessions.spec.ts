/**
 * Issue 15, points 2–4: a coach types a structured session in one line in the week builder, sees
 * its steps and duration live (and the part not understood when there is one), saves it as a
 * template and applies it to two athletes with different races: each sees their own I pace.
 * Demo data: Lucas Moreau ran 10 km in 37:30, Priya Nair 5 km in 24:30.
 */
import { expectAccessible, submitSignIn } from "./support";
import { expect, test, testNow, type Page } from "./test";

const ORG = "/o/riverside-rc";
/** The machine running the suite is shared: first loads of a page may take a while. */
const SLOW = { timeout: 30_000 };
const SESSION = "2k warm-up, 6 x 800m @ I pace w/ 400m jog, 2k cool-down";

async function signIn(page: Page, email: string) {
  await submitSignIn(page, email);
  await expect(page).toHaveURL(new RegExp(`${ORG}$`));
}

/** A day well ahead (weeks from today), so the demo weeks stay as they are. */
const ahead = (days: number) => new Date(testNow().getTime() + days * 86_400_000).toISOString().slice(0, 10);

async function athletePath(page: Page, name: string): Promise<string> {
  await page.goto(ORG);
  await page.getByRole("link", { name }).first().click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible(SLOW);
  return new URL(page.url()).pathname;
}

test("a coach types a structured session, sees its duration, and one template gives two athletes their own paces", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, "ada@riverside.example");
  const lucas = await athletePath(page, "Lucas Moreau");
  const priya = await athletePath(page, "Priya Nair");

  await page.goto(`${lucas}/week/${ahead(300)}`);
  await expect(page.getByRole("heading", { name: /^Week of/ })).toBeVisible(SLOW);
  await page
    .getByRole("button", { name: /^Add a session on / })
    .first()
    .click();
  const editor = page.getByRole("region", { name: /^Edit session/ });
  await editor.getByLabel("Kind").selectOption("intervals");
  const steps = editor.getByLabel("Steps (optional, one line)");
  await expect(steps).toBeVisible(SLOW);

  // A part it does not understand is marked, with the reason, and the field is invalid.
  await steps.fill("10' E, 3 x 10' Q / 2' jog");
  await expect(steps).toHaveAttribute("aria-invalid", "true");
  await expect(editor.getByText(/“Q”: /)).toBeVisible();

  await steps.fill(SESSION);
  await expect(steps).not.toHaveAttribute("aria-invalid", "true");
  const summary = editor.getByRole("status").filter({ hasText: /^Steps: / });
  await expect(summary).toHaveText(/^Steps: \d+ min (\(estimated\) )?· 11\.2 km$/);
  const minutes = Number(/(\d+) min/.exec((await summary.textContent())!)![1]);
  expect(minutes).toBeGreaterThan(40);
  expect(minutes).toBeLessThan(70);
  await expect(editor.getByLabel("Duration (minutes)")).toHaveValue(String(minutes));
  const lucasSteps = editor.getByRole("list", { name: "Steps at Lucas Moreau's paces" });
  await expect(
    lucasSteps.getByText(/^800 m @ I pace, \d:\d\d–\d:\d\d \/km \(\d:\d\d–\d:\d\d per 800 m\)$/),
  ).toBeVisible();
  await expectAccessible(page, "Week builder with a structured session");

  await editor.getByRole("button", { name: "Done" }).click();
  const templateName = `I-pace repeats ${Date.now()}`;
  await page.getByLabel("Template name").fill(templateName);
  await page.getByRole("button", { name: "Save as template" }).click();
  await expect(page.getByText(`Saved as the template “${templateName}”.`)).toBeVisible();

  await page.goto(`${ORG}/templates`);
  const assign = page.getByRole("region", { name: "Assign a template" });
  const templateSelect = assign.getByLabel("Template");
  await templateSelect.selectOption(
    (await templateSelect.locator("option", { hasText: templateName }).getAttribute("value"))!,
  );
  const from = ahead(330);
  await assign.getByLabel("First week (any day of it)").fill(from);
  await assign.getByLabel("Lucas Moreau").check();
  await assign.getByLabel("Priya Nair").check();
  await assign.getByRole("button", { name: "Assign template" }).click();
  await expect(assign.getByText(/^Assigned\./)).toBeVisible();

  const splitOf = async (path: string) => {
    await page.goto(`${path}/week/${from}`);
    const list = page.getByRole("list", { name: /^Steps of the interval/ }).first();
    const split = list.getByText(/per 800 m/);
    await expect(split).toBeVisible(SLOW);
    return /\((\d:\d\d–\d:\d\d) per 800 m\)/.exec((await split.textContent())!)![1]!;
  };
  const lucasSplit = await splitOf(lucas);
  const priyaSplit = await splitOf(priya);
  // Lucas (37:30 for 10 km) runs his 800 m repeats faster than Priya (24:30 for 5 km).
  expect(lucasSplit).not.toEqual(priyaSplit);
  expect(lucasSplit < priyaSplit).toBe(true);
});
