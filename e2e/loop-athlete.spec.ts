/**
 * Issue #14, the athlete's side: the plan ahead (drafts invisible), honest empty states for a new
 * athlete, weekly totals and load, the current week marked partial, a run's pace against its target,
 * labelled mix bars; on a phone and on a desktop, with axe in the light and dark themes. Nothing here
 * depends on today's weekday: dates come from the app's own links.
 */
import { expectAccessible, submitSignIn } from "./support";
import { expect, test, watchContentSecurityPolicy, type Page } from "./test";

const ORG = "/o/riverside-rc";
const VIEWPORTS = [
  { name: "phone", viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
  { name: "desktop", viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false },
] as const;

async function signIn(page: Page, email: string, password = "runbalance-demo") {
  await submitSignIn(page, email, password);
}

/** A tRPC call with the page's session, as the browser's client makes it (superjson, same origin). */
async function trpc<T>(page: Page, kind: "query" | "mutation", path: string, input: unknown): Promise<T> {
  const origin = new URL(page.url()).origin;
  const response =
    kind === "query"
      ? await page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
      : await page.request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { origin } });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** Fails if the page scrolls sideways (a phone must never need to). */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const { name, ...device } of VIEWPORTS) {
  test.describe(`on a ${name}`, () => {
    test.use(device);

    test("a new athlete reads what is true, then sees the weeks their coach publishes ahead, never a draft", async ({
      page: coach,
      browser,
      cspViolations,
    }) => {
      const stamp = `${Date.now()}${name}`;
      const email = `new.athlete.${stamp}@example.com`;
      await signIn(coach, "ada@riverside.example");
      await expect(coach.getByRole("heading", { name: "Athletes" })).toBeVisible();
      await trpc(coach, "mutation", "invitations.create", { orgSlug: "riverside-rc", email, role: "athlete" });
      const outbox = await trpc<Array<{ to: string; text: string }>>(coach, "query", "organisations.outbox", {
        orgSlug: "riverside-rc",
      });
      const invitation = outbox.find((m) => m.to === email)!.text;
      const invitePath = new URL(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(invitation)![0]).pathname;

      const context = await browser.newContext(device);
      await watchContentSecurityPolicy(context, cspViolations);
      const athlete = await context.newPage();
      await athlete.goto(invitePath);
      await athlete.getByLabel("Your name").fill(`Nia New ${stamp}`);
      await athlete.getByLabel("Choose a password").fill("athlete password 1");
      await athlete.getByRole("button", { name: "Accept invitation" }).click();
      await expect(athlete.getByRole("heading", { name: "This week", exact: true })).toBeVisible();

      // Nothing published: one true sentence, not seven rest days.
      await expect(
        athlete.getByText("Your coach hasn't published this week yet; you can still log runs."),
      ).toBeVisible();
      await expect(athlete.getByText("Rest day")).toHaveCount(0);
      const totals = athlete.getByRole("definition");
      await expect(athlete.getByRole("heading", { name: "This week so far" })).toBeVisible();
      await expect(totals).toHaveText(["0 min", "0.00 km", "0", "0"]);
      await expectNoSidewaysScroll(athlete);
      await expectAccessible(athlete, "a new athlete's This week");

      // History and Feedback start when they joined: this week only, not 26 or 8 empty weeks.
      const base = new URL(athlete.url()).pathname;
      await athlete.goto(`${base}/history`);
      await expect(athlete.getByRole("heading", { name: "History" })).toBeVisible();
      await expect(athlete.getByRole("heading", { level: 2, name: /^Week of / })).toHaveCount(1);
      await expect(athlete.getByText("This week, so far")).toBeVisible();
      await expectAccessible(athlete, "a new athlete's History");
      await athlete.goto(`${base}/feedback`);
      await expect(athlete.getByRole("heading", { level: 2, name: /^Week of / })).toHaveCount(1);
      await expectAccessible(athlete, "a new athlete's Feedback");

      // The coach publishes the week after next and keeps next week as a draft.
      await athlete.goto(base);
      const nextWeekHref = await athlete.getByRole("link", { name: "Next week →" }).getAttribute("href");
      const nextWeek = /\/plan\/(\d{4}-\d{2}-\d{2})$/.exec(nextWeekHref!)![1]!;
      const weekAfter = new Date(Date.parse(`${nextWeek}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
      const athletes = await trpc<Array<{ athleteId: string; displayName: string }>>(coach, "query", "athletes.list", {
        orgSlug: "riverside-rc",
      });
      const athleteId = athletes.find((a) => a.displayName === `Nia New ${stamp}`)!.athleteId;
      const session = (day: number, kind: string, durationMin: number, description: string) => ({
        day,
        kind,
        durationMin,
        distanceM: null,
        targetRpe: null,
        description,
      });
      await trpc(coach, "mutation", "weeks.save", {
        orgSlug: "riverside-rc",
        athleteId,
        weekStart: nextWeek,
        version: null,
        status: "draft",
        sessions: [session(1, "tempo", 50, "Secret draft tempo")],
      });
      await trpc(coach, "mutation", "weeks.save", {
        orgSlug: "riverside-rc",
        athleteId,
        weekStart: weekAfter,
        version: null,
        status: "published",
        sessions: [session(0, "aerobic", 40, "Steady forty"), session(2, "recovery", 25, "Shake-out")],
      });

      // "Next week →" opens next week: still a draft, so not published as far as the athlete knows.
      await athlete.getByRole("link", { name: "Next week →" }).click();
      await expect(athlete.getByText("Your coach has not published this week yet.")).toBeVisible();
      await expect(athlete.getByText("Secret draft tempo")).toHaveCount(0);
      await athlete.getByRole("link", { name: "All weeks ahead" }).click();

      await expect(athlete.getByRole("heading", { name: "Your plan", exact: true })).toBeVisible();
      const weeks = athlete.getByRole("listitem").filter({ has: athlete.getByRole("heading", { level: 2 }) });
      expect(await weeks.count()).toBeGreaterThanOrEqual(5);
      const next = weeks.filter({ has: athlete.getByRole("heading", { name: "Next week" }) });
      await expect(next.getByText("Not published yet.")).toBeVisible();
      const published = weeks.nth(2);
      await expect(published.getByText("2 sessions · 1 h 05 min")).toBeVisible();
      await expect(published.getByText(/Aerobic run · 40 min/)).toBeVisible();
      await expect(athlete.getByText(/Secret draft/)).toHaveCount(0);
      await expectNoSidewaysScroll(athlete);
      await expectAccessible(athlete, "the plan ahead");

      await published.getByRole("link", { name: /See the week/ }).click();
      await expect(athlete.getByText("Steady forty")).toBeVisible();
      await expect(athlete.getByText("Shake-out")).toBeVisible();
      await expectAccessible(athlete, "a published week ahead");
      await context.close();
    });

    test("a demo athlete reads the week's totals, labelled mixes, History's load and each run's pace against its target", async ({
      page,
    }) => {
      await signIn(page, "maya@riverside.example");
      await expect(page.getByRole("heading", { name: "This week", exact: true })).toBeVisible();
      await expect(page.getByRole("heading", { name: "This week so far" })).toBeVisible();
      for (const term of ["Time", "Distance", "Runs", "sRPE load (RPE × min)"])
        await expect(page.getByRole("term").getByText(term, { exact: true })).toBeVisible();
      await expect(page.getByText("By kind of run", { exact: true })).toBeVisible();
      await expect(page.getByText("By how hard it felt", { exact: true })).toBeVisible();
      await expect(page.getByText("Your coach hasn't published this week yet")).toHaveCount(0);
      await expectNoSidewaysScroll(page);
      await expectAccessible(page, "Maya's This week");

      // Paces from a recent race: every easy run is then compared with its target range.
      await page.goto(`${ORG}/paces`);
      await page.getByLabel("Race distance").selectOption({ label: "5 km" });
      await page.getByLabel("Finish time").fill("24:00");
      await page.getByRole("button", { name: "Show my paces" }).click();
      await expect(page.getByText(/^VDOT \d/)).toBeVisible();

      await page.goto(`${ORG}/history`);
      const weeks = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2 }) });
      const current = weeks.first();
      await expect(current.getByText("This week, so far")).toBeVisible();
      await expect(weeks.nth(1).getByText("This week, so far")).toHaveCount(0);
      await expect(weeks.nth(1).getByRole("term").getByText("sRPE load (RPE × min)")).toBeVisible();
      await expect(weeks.nth(1).getByText("Mix by kind of run", { exact: true })).toBeVisible();
      // Maya joined 70 days ago (the demo data): History starts there, not 26 weeks back.
      expect(await weeks.count()).toBeLessThanOrEqual(11);
      await expect(page.getByText(/^From \w{3} \d+ \w{3,4}, when your record starts\.$/)).toBeVisible();
      await expect(
        page.getByText(/Pace \d+:\d\d \/km · target .* · (on target|faster than target|slower than target)/).first(),
      ).toBeVisible();
      await expectNoSidewaysScroll(page);
      await expectAccessible(page, "Maya's History");
    });
  });
}
