/**
 * Issue 19: an installable app that logs runs offline and syncs when the signal returns (ADR 018).
 * The service worker runs in Chromium; `context.setOffline` cuts the page and the worker off.
 */
import { expectAccessible, submitSignIn } from "./support";
import { expect, test, testNow, type Page } from "./test";

const PHONE = {
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  serviceWorkers: "allow" as const,
};

async function signIn(page: Page, email: string): Promise<string> {
  await submitSignIn(page, email);
  await expect(page.getByRole("heading", { name: "This week", exact: true })).toBeVisible();
  return new URL(page.url()).pathname.replace(/\/$/, "");
}

/** The service worker controls the page and has saved the athlete's four pages for offline reading. */
async function readyOffline(page: Page, base: string) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
  // Polled from here: an async predicate's promise would count as true at once.
  const urls = [base, `${base}/log`, `${base}/plan`, `${base}/history`];
  await expect
    .poll(
      () =>
        page.evaluate(async (urls) => {
          const names = (await caches.keys()).filter((n) => n.startsWith("runbalance-pages-"));
          if (names.length !== 1) return false;
          const cache = await caches.open(names[0]!);
          for (const url of urls) if (!(await cache.match(url))) return false;
          return true;
        }, urls),
      { timeout: 30_000 },
    )
    .toBe(true);
}

/** Logs a run on the form as it stands (a planned session today is answered with "Different"). */
async function logRun(page: Page, duration: string, notes: string) {
  const different = page.getByRole("button", { name: "Different" });
  if (await different.count()) await different.click();
  await page.getByText("Aerobic", { exact: true }).click();
  await page.getByLabel("Duration").fill(duration);
  await page.getByLabel(/^Distance/).fill("6.5");
  await page.locator("label", { has: page.getByLabel(/^RPE 4:/) }).click();
  await page.getByLabel("Notes (optional)").fill(notes);
  await page.getByRole("button", { name: "Save run" }).click();
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

type QueueEntry = {
  key: string;
  orgSlug: string;
  run: Record<string, unknown>;
  queuedAt: string;
  status: string;
  reason?: string;
};

/** This browser's queue of runs logged offline, straight from IndexedDB, oldest first. */
const readQueue = async (page: Page) =>
  (
    await page.evaluate(
      () =>
        new Promise<QueueEntry[]>((resolve, reject) => {
          const open = indexedDB.open("runbalance-offline");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains("queue")) return resolve([]);
            const all = db.transaction("queue").objectStore("queue").getAll();
            all.onsuccess = () => resolve(all.result as QueueEntry[]);
          };
        }),
    )
  ).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));

test.describe("offline logging on a phone", () => {
  test.use(PHONE);
  // Long journeys (a fresh service worker installs its precache in each test's context).
  test.describe.configure({ timeout: 240_000 });

  test("is installable: manifest, icons, a service worker in control, an accessible offline page", async ({ page }) => {
    const base = await signIn(page, "priya@riverside.example");
    const href = await page.locator('link[rel="manifest"]').getAttribute("href");
    expect(href).toBeTruthy();
    const manifest = (await (await page.request.get(href!)).json()) as {
      name: string;
      short_name: string;
      start_url: string;
      display: string;
      icons: Array<{ src: string; sizes: string; purpose?: string }>;
    };
    expect(manifest.name).toBe("Runbalance");
    expect(manifest.short_name).toBeTruthy();
    expect(manifest.display).toBe("standalone");
    expect(manifest.start_url).toBe("/dashboard");
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    expect(manifest.icons.some((i) => i.purpose === "maskable")).toBe(true);
    for (const icon of manifest.icons) {
      const response = await page.request.get(icon.src);
      expect(response.status(), icon.src).toBe(200);
      expect(response.headers()["content-type"]).toBe("image/png");
    }
    await readyOffline(page, base);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope);
    expect(scope).toBe(new URL("/", page.url()).href);
    // The worker's own script is ours, and the policy names it.
    const policy = (await page.request.get(base)).headers()["content-security-policy"];
    expect(policy).toContain("worker-src 'self'");
    expect(policy).toContain("manifest-src 'self'");

    await page.goto("/offline");
    await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Log a run" })).toBeVisible();
    await expectAccessible(page, "offline page");
  });

  test("two runs logged offline wait on This week and History, then reach the server once each with feedback", async ({
    page,
    context,
  }) => {
    const tag = `offline ${testNow().getTime()}`;
    const base = await signIn(page, "maya@riverside.example");
    await readyOffline(page, base);

    await context.setOffline(true);
    await page.goto(`${base}/log`);
    await expect(page.getByRole("heading", { name: "Log a run" })).toBeVisible();
    await expect(page.getByText(/You are offline\. Saved at \d\d:\d\d/)).toBeVisible();
    await logRun(page, "41:17", `${tag} A`);
    await expect(page.getByRole("heading", { name: "Run saved on this device" })).toBeVisible();
    await expect(page.getByText(/Waiting to sync/)).toBeVisible();
    await page.getByRole("button", { name: "Log another run" }).click();
    await logRun(page, "37:43", `${tag} B`);
    await expect(page.getByRole("heading", { name: "Run saved on this device" })).toBeVisible();

    // The same rules as the server: a bad duration is refused on the device, nothing is queued.
    await page.getByRole("button", { name: "Log another run" }).click();
    const different = page.getByRole("button", { name: "Different" });
    if (await different.count()) await different.click();
    await page.getByLabel("Duration").fill("0:30");
    await page.locator("label", { has: page.getByLabel(/^RPE 4:/) }).click();
    await page.getByRole("button", { name: "Save run" }).click();
    await expect(page.getByText("A run lasts at least a minute")).toBeVisible();
    expect(await readQueue(page)).toHaveLength(2);

    for (const path of [base, `${base}/history`]) {
      await page.goto(path);
      await expect(page.getByText(/You are offline\. Saved at \d\d:\d\d/)).toBeVisible();
      const queued = page.getByRole("region", { name: "Saved on this device" });
      await expect(queued.getByText(/Waiting to sync/)).toHaveCount(2);
      await expect(queued.getByText("41:17")).toBeVisible();
    }

    // The tab was closed mid-sync: the first run reached the server, but the device never heard back
    // (the page's own sends are held back while the test sends it).
    await context.route("**/api/trpc/runs.log**", (route) => route.abort());
    await context.setOffline(false);
    const [first] = await readQueue(page);
    await trpc(page, "mutation", "runs.log", { orgSlug: first!.orgSlug, idempotencyKey: first!.key, run: first!.run });
    await context.unroute("**/api/trpc/runs.log**");

    // Reopened with the connection back: the queue is sent in order, each run once.
    await page.goto(base);
    await expect(page.getByText(/Your 2 saved runs were sent/)).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole("region", { name: "Saved on this device" })).toHaveCount(0);
    expect(await readQueue(page)).toHaveLength(0);
    const slug = base.split("/")[2]!;
    const runs = await trpc<Array<{ notes: string; id: string }>>(page, "query", "runs.allMine", { orgSlug: slug });
    expect(runs.filter((r) => r.notes === `${tag} A`)).toHaveLength(1);
    expect(runs.filter((r) => r.notes === `${tag} B`)).toHaveLength(1);
    // The resend got the first answer again, feedback included: the server judged each run once.
    const again = await trpc<{ run: { id: string }; feedback: { runFlags: unknown[] } }>(page, "mutation", "runs.log", {
      orgSlug: slug,
      idempotencyKey: first!.key,
      run: first!.run,
    });
    expect(first!.run.notes).toBe(`${tag} A`);
    expect(again.run.id).toBe(runs.find((r) => r.notes === `${tag} A`)!.id);
    expect(Array.isArray(again.feedback.runFlags)).toBe(true);
    expect((await trpc<unknown[]>(page, "query", "runs.allMine", { orgSlug: slug })).length).toBe(runs.length);
  });

  test("a run refused on sync says why and is kept to fix or discard; signing out leaves nothing for the next user", async ({
    page,
    context,
  }) => {
    const tag = `refused ${testNow().getTime()}`;
    const base = await signIn(page, "tom@riverside.example");
    await readyOffline(page, base);

    await context.setOffline(true);
    await page.goto(`${base}/log`);
    await logRun(page, "33:03", tag);
    await expect(page.getByRole("heading", { name: "Run saved on this device" })).toBeVisible();
    // While offline, the coach removed the session this run was for.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open("runbalance-offline");
          open.onsuccess = () => {
            const store = open.result.transaction("queue", "readwrite").objectStore("queue");
            const all = store.getAll();
            all.onsuccess = () => {
              const entry = all.result[0] as { run: { plannedSessionId: string | null } };
              entry.run.plannedSessionId = "00000000-0000-4000-8000-000000000000";
              store.put(entry).onsuccess = () => resolve();
            };
          };
          open.onerror = () => reject(open.error);
        }),
    );

    await context.setOffline(false);
    await page.goto(base);
    const queued = page.getByRole("region", { name: "Saved on this device" });
    await expect(queued.getByText("Not saved: That planned session is not in this athlete's plan.")).toBeVisible({
      timeout: 20_000,
    });
    await expect(queued.getByRole("button", { name: "Discard" })).toBeVisible();
    await expectAccessible(page, "This week with a refused run");

    // Fixed: the form comes back filled in, with the reason; saved, it replaces the refused one.
    await queued.getByRole("link", { name: "Fix this run" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Not saved" })).toBeVisible();
    await expect(page.getByLabel("Notes (optional)")).toHaveValue(tag);
    await page.getByRole("button", { name: "Save run" }).click();
    await expect(page.getByRole("heading", { name: "Run saved", exact: true })).toBeVisible();
    expect(await readQueue(page)).toHaveLength(0);

    // Another run waits when Tom signs out: he is told, and it goes with his saved pages.
    await context.setOffline(true);
    await page.goto(`${base}/log`);
    await logRun(page, "29:59", `${tag} left`);
    await expect(page.getByRole("heading", { name: "Run saved on this device" })).toBeVisible();
    // Held back so the run is still queued when Tom signs out.
    await context.route("**/api/trpc/runs.log**", (route) => route.abort());
    await context.setOffline(false);
    await page.goto("/sign-out");
    await expect(page.getByText(/A run logged offline has not been sent yet/)).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await context.unroute("**/api/trpc/runs.log**");
    expect(await readQueue(page)).toHaveLength(0);
    expect((await page.evaluate(() => caches.keys())).filter((n) => n.startsWith("runbalance-pages-"))).toEqual([]);

    // Offline, Tom's pages are gone: the offline page, with nothing saved to offer.
    await context.setOffline(true);
    await page.goto(base);
    await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Saved on this device" })).toHaveCount(0);
    await context.setOffline(false);

    // The next athlete on this phone sees only their own.
    const next = await signIn(page, "sofia@riverside.example");
    await expect(page.getByRole("region", { name: "Saved on this device" })).toHaveCount(0);
    await expect(page.getByText(tag)).toHaveCount(0);
    expect(next).toBe(base);
  });
});
