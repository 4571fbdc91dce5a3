/**
 * First-load JavaScript per route of the production build: each main page is loaded in headless
 * Chromium with a fresh cache, and the JS responses of that load are gzipped here (node:zlib), so
 * the figure does not depend on whether the server compresses.
 */
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import type { Session } from "../scripts/lib/http-client";
import type { BenchServer } from "./server";

export const FIRST_LOAD_TARGET_KB = 150;

export interface RouteLoad {
  readonly route: string;
  readonly path: string;
  readonly scripts: number;
  readonly gzipKb: number;
}

interface RouteSpec {
  readonly route: string;
  readonly path: string;
  readonly session: Session | null;
}

async function loadRoute(browser: Browser, server: BenchServer, spec: RouteSpec): Promise<RouteLoad> {
  const context = await browser.newContext();
  if (spec.session) {
    const pairs = spec.session.cookie
      .split("; ")
      .map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1) }));
    await context.addCookies(pairs.map((cookie) => ({ ...cookie, url: server.baseUrl })));
  }
  const page = await context.newPage();
  const pending: Promise<number>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    pending.push(
      response.body().then(
        (body) => gzipSync(body).length,
        () => 0,
      ),
    );
  });
  const response = await page.goto(`${server.baseUrl}${spec.path}`, { waitUntil: "networkidle" });
  if (!response?.ok()) throw new Error(`${spec.path} answered ${response?.status()}`);
  const sizes = await Promise.all(pending);
  await context.close();
  return { route: spec.route, path: spec.path, scripts: sizes.length, gzipKb: sizes.reduce((a, b) => a + b, 0) / 1024 };
}

export async function benchFirstLoad(
  server: BenchServer,
  sessions: { coach: Session; athlete: Session },
  paths: { orgSlug: string; athleteId: string; weekStart: string },
): Promise<RouteLoad[]> {
  const org = `/o/${paths.orgSlug}`;
  const specs: RouteSpec[] = [
    { route: "sign-in", path: "/sign-in", session: null },
    { route: "coach roster", path: org, session: sessions.coach },
    { route: "athlete this week", path: org, session: sessions.athlete },
    { route: "log a run", path: `${org}/log`, session: sessions.athlete },
    { route: "athlete page (coach)", path: `${org}/athletes/${paths.athleteId}`, session: sessions.coach },
    {
      route: "week builder",
      path: `${org}/athletes/${paths.athleteId}/week/${paths.weekStart}`,
      session: sessions.coach,
    },
  ];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
  });
  try {
    const loads: RouteLoad[] = [];
    for (const spec of specs) loads.push(await loadRoute(browser, server, spec));
    return loads;
  } finally {
    await browser.close();
  }
}
