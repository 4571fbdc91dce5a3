/**
 * Issue 14, the coach's side: flags in the coach's voice, the week builder's summary kept in view
 * while editing, a kind's default duration, starter templates in the navigation, readable load
 * numbers with the week in progress marked, the near-edge setting and captioned mix bars. Every
 * journey runs on a desktop and a phone, with axe in the light and dark themes.
 */
import { expectAccessible, submitSignIn } from "./support";
import { expect, test, type Page } from "./test";

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 360, height: 740 },
] as const;

async function signIn(page: Page, email: string) {
  await submitSignIn(page, email);
  await expect(page).toHaveURL(/\/o\/riverside-rc$/);
}

async function openAthlete(page: Page, name: string) {
  await page.getByRole("link", { name, exact: true }).first().click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
}

/** Where the element's box lies in the viewport, in CSS pixels. */
async function boxOf(page: Page, locator: ReturnType<Page["locator"]>) {
  const box = await locator.boundingBox();
  expect(box, "the element is laid out").not.toBeNull();
  return box!;
}

for (const viewport of VIEWPORTS) {
  test.describe(`coach, ${viewport.name} (${viewport.width}×${viewport.height})`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test("the week builder keeps its summary in view while the coach edits, and a planned recovery run that is too long is flagged for the coach", async ({
      page,
    }) => {
      test.setTimeout(120_000);
      await signIn(page, "ada@riverside.example");
      await openAthlete(page, "Sofia Rossi");
      await page.getByRole("link", { name: "Plan next week" }).click();
      await expect(page.getByRole("heading", { name: "Live check", exact: true })).toBeVisible();

      const summary = page.getByRole("region", { name: "Plan summary" });
      await expect(summary).toBeVisible();
      await expect(summary.getByRole("img", { name: /^Planned mix/ })).toBeVisible();
      await expect(summary.getByText("Planned mix", { exact: true })).toBeVisible();

      // A starter template the demo organisation ships: within its targets, so no flags.
      const templateSelect = page.getByLabel("Template", { exact: true });
      await templateSelect.selectOption(
        (await templateSelect.locator("option", { hasText: "Starter: base week (6 runs)" }).getAttribute("value"))!,
      );
      await page.getByRole("button", { name: "Use template" }).click();
      await expect(
        page.getByRole("status").filter({ hasText: "Loaded the template “Starter: base week" }),
      ).toBeVisible();
      await expect(summary.getByText("No flags on this plan")).toBeVisible();

      // The base week leaves its last day free: a session there.
      await page
        .getByRole("button", { name: /^Add a session on / })
        .nth(6)
        .click();
      const editor = page.getByRole("region", { name: /Edit session/ });
      await expect(editor).toBeVisible();
      const duration = editor.getByLabel("Duration (minutes)");
      await expect(duration).toHaveValue("45");

      // A new kind brings its own duration while the coach has not changed it...
      await editor.getByLabel("Kind").selectOption("long");
      await expect(duration).toHaveValue("90");
      await editor.getByLabel("Kind").selectOption("recovery");
      await expect(duration).toHaveValue("25");
      // ...and keeps one the coach chose.
      await duration.fill("45");
      await editor.getByLabel("Kind").selectOption("aerobic");
      await expect(duration).toHaveValue("45");
      await editor.getByLabel("Kind").selectOption("recovery");
      await expect(duration).toHaveValue("45");

      // The planned duration is checked before the athlete runs it, in the coach's voice.
      const newest = summary.locator("p").filter({ hasText: /^Newest warning:/ });
      await expect(newest).toContainText("Sofia Rossi: Recovery run planned for");
      await expect(newest).toContainText("is 45 min");
      await expect(summary.getByText(/^\d+ flags? on this plan$/)).toBeVisible();
      // On the session's own card too.
      await expect(
        page
          .getByRole("list", { name: /^Sessions on / })
          .getByText(/Recovery run planned for .* is 45 min/)
          .first(),
      ).toBeVisible();
      await expect(page.getByText("let your coach know")).toHaveCount(0);

      // While editing (the editor below the week, focus in it) the summary stays on screen.
      await duration.focus();
      const summaryBox = await boxOf(page, summary);
      const editorBox = await boxOf(page, editor);
      expect(summaryBox.y).toBeGreaterThanOrEqual(0);
      expect(summaryBox.y + summaryBox.height).toBeLessThanOrEqual(viewport.height);
      // The focused field is not hidden under it.
      const durationBox = await boxOf(page, duration);
      expect(durationBox.y).toBeGreaterThanOrEqual(summaryBox.y + summaryBox.height);
      test.info().annotations.push({
        type: "measure",
        description: `${viewport.name}: summary at y=${Math.round(summaryBox.y)} (height ${Math.round(summaryBox.height)}), editor at y=${Math.round(editorBox.y)}, page scrolled ${await page.evaluate(() => Math.round(window.scrollY))} px`,
      });
      console.log(test.info().annotations.at(-1)!.description);

      // The link to the full check lands on it, clear of the summary.
      await summary.getByRole("link", { name: "Full live check" }).click();
      const fullCheck = page.getByRole("heading", { name: "Live check", exact: true });
      await expect(fullCheck).toBeInViewport();
      const stuck = await boxOf(page, summary);
      expect((await boxOf(page, fullCheck)).y).toBeGreaterThanOrEqual(stuck.y + stuck.height);

      // No sideways scrolling on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await expectAccessible(page, `week builder while editing, ${viewport.name}`);
    });

    test("the athlete page speaks to the coach, labels load and marks the week in progress", async ({ page }) => {
      await signIn(page, "ada@riverside.example");
      await openAthlete(page, "Maya Chen");

      // Flags: the athlete's name first, the coach's voice, never the athlete's.
      const flags = page.getByRole("region", { name: "Flags this week and last" });
      const items = flags.getByRole("listitem");
      await expect(items.first()).toBeVisible();
      for (const text of await items.allInnerTexts()) expect(text).toMatch(/Maya Chen: /);
      await expect(page.getByText(/let your coach know|^Your recovery run/)).toHaveCount(0);

      // Load: labelled, its measures explained in a line each, the week in progress marked.
      const load = page.getByRole("figure", { name: "Weekly sRPE load (RPE × min), monotony and load ratio" });
      await expect(load.getByRole("img")).toHaveAccessibleName(/The week in progress is drawn lighter/);
      await expect(load.getByText(/^sRPE load \(RPE × min\): each run/)).toBeVisible();
      await expect(load.getByText(/^Monotony: /)).toBeVisible();
      await expect(load.getByText(/^Load ratio: /)).toBeVisible();
      await load.getByText("Show the numbers as a table").click();
      await expect(load.getByRole("columnheader", { name: "sRPE load (RPE × min)" })).toBeVisible();
      await expect(load.getByRole("rowheader", { name: /\(in progress, so far\)$/ })).toBeVisible();
      const mix = page.getByRole("figure", { name: /Weekly mix by effort/ });
      await expect(mix.getByRole("img")).toHaveAccessibleName(/The week in progress is drawn lighter/);

      // The calendar's mix bars say what they measure.
      const calendar = page.getByRole("region", { name: "Calendar of weeks" });
      await expect(calendar.getByText("Effort mix").first()).toBeVisible();

      // The athlete's settings have the near-edge margin, with the club's value under it.
      const settings = page.getByRole("form", { name: /Training settings for Maya Chen/ });
      const nearEdge = settings.getByLabel("Near-edge margin (percentage points)");
      await expect(nearEdge).toBeVisible();
      await expect(nearEdge).toHaveAttribute("placeholder", "2");
      await expectAccessible(page, `athlete page, ${viewport.name}`);
    });

    test("templates are in the coach's navigation, with two starters; the club's near-edge margin can be set", async ({
      page,
    }) => {
      await signIn(page, "ada@riverside.example");
      if (viewport.name === "desktop") {
        await page.getByRole("link", { name: "Templates", exact: true }).first().click();
      } else {
        // On a phone the navigation may fold items into a menu: the link must exist either way.
        await expect(page.getByRole("link", { name: "Templates", exact: true, includeHidden: true })).not.toHaveCount(
          0,
        );
        await page.goto("/o/riverside-rc/templates");
      }
      await expect(page).toHaveURL(/\/o\/riverside-rc\/templates$/);
      await expect(page.getByRole("heading", { name: "Starter: base week (6 runs)" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Starter: lighter week with tempo (5 runs)" })).toBeVisible();
      await expectAccessible(page, `templates, ${viewport.name}`);

      await page.goto("/o/riverside-rc/training-settings");
      const club = page.getByRole("form", { name: "Club training settings" });
      const nearEdge = club.getByLabel("Near-edge margin (percentage points)");
      await nearEdge.fill("3");
      await club.getByRole("button", { name: "Save settings" }).click();
      await expect(club.getByText("Saved. The rules use these settings from now on.")).toBeVisible();
      await page.reload();
      await expect(club.getByLabel("Near-edge margin (percentage points)")).toHaveValue("3");
      await expect(club.getByText(/a note rather than a warning/)).toBeVisible();
      await expectAccessible(page, `training settings, ${viewport.name}`);
      // Back to the built-in margin, so other journeys see the defaults.
      await club.getByRole("button", { name: "Use the built-in defaults" }).click();
      await expect(club.getByLabel("Near-edge margin (percentage points)")).toHaveValue("");
    });
  });
}
