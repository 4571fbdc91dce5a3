/**
 * The service worker (ADR 018), bundled by scripts/build-service-worker.ts into public/sw.js after
 * `next build`, with the build's static files as its precache list. Serwist does the caching:
 * - Next's static files (hashed names): precached, then cache-first, so the log form and its
 *   on-demand code (the run rules, the tRPC client) open offline;
 * - the signed-in athlete's pages (/o/…): network first, a copy kept in that user's own cache for
 *   reading offline (the pages are `no-store` for every shared cache; this one is the user's, and
 *   sign-out deletes it);
 * - anything else that needs the server and fails: the offline page.
 * The API and next-auth are never cached.
 */
import {
  CacheFirst,
  ExpirationPlugin,
  NetworkFirst,
  NetworkOnly,
  Serwist,
  type PrecacheEntry,
  type RouteHandlerCallbackOptions,
  type SerwistPlugin,
} from "serwist";
import { offlineUser, pagesCacheName } from "~/lib/offline-store";

/** Injected at build time: Next's static files and the offline page, each with its revision. */
declare const PRECACHE_ENTRIES: PrecacheEntry[];

/** The offline page, precached: what a navigation gets when neither the network nor a cached copy can answer. */
const OFFLINE_URL = "/offline";

/** Keeps only full pages of the user's own: not redirects (sign-in) or errors. */
const onlyOwnPages: SerwistPlugin = {
  cacheWillUpdate: async ({ response }) => (response.status === 200 && !response.redirected ? response : null),
};

const userPages = new Map<string, NetworkFirst>();
function pagesOf(userId: string): NetworkFirst {
  let strategy = userPages.get(userId);
  if (!strategy) {
    strategy = new NetworkFirst({
      cacheName: pagesCacheName(userId),
      // A weak signal (a train, a basement) answers from the copy rather than hang.
      networkTimeoutSeconds: 6,
      // Next varies pages on its router headers, which a full page load and the saved copy share.
      matchOptions: { ignoreVary: true },
      plugins: [onlyOwnPages, new ExpirationPlugin({ maxEntries: 60 })],
    });
    userPages.set(userId, strategy);
  }
  return strategy;
}

const networkOnly = new NetworkOnly();

/**
 * A page of the signed-in area: cached for the user this browser holds data for, and for nobody
 * else. Without the network or a saved copy, the offline page (Serwist's fallbacks cover strategies,
 * not a handler function like this one).
 */
async function organisationPage(options: RouteHandlerCallbackOptions): Promise<Response> {
  try {
    const userId = await offlineUser();
    return await (userId ? pagesOf(userId) : networkOnly).handle(options);
  } catch (error) {
    const offline = await serwist.matchPrecache(OFFLINE_URL);
    if (offline) return offline;
    throw error;
  }
}

const serwist = new Serwist({
  precacheEntries: PRECACHE_ENTRIES,
  skipWaiting: true,
  clientsClaim: true,
  runtimeCaching: [
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/api/"),
      handler: networkOnly,
    },
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/_next/static/"),
      handler: new CacheFirst({
        cacheName: "runbalance-static",
        plugins: [new ExpirationPlugin({ maxEntries: 500 })],
      }),
    },
    {
      matcher: ({ request, url, sameOrigin }) =>
        sameOrigin && request.mode === "navigate" && url.pathname.startsWith("/o/"),
      handler: organisationPage,
    },
    {
      matcher: ({ request, sameOrigin }) => sameOrigin && request.mode === "navigate",
      handler: networkOnly,
    },
  ],
  fallbacks: {
    entries: [{ url: OFFLINE_URL, matcher: ({ request }) => request.mode === "navigate" }],
  },
});

/**
 * The pages an athlete needs offline, fetched once while online (the app asks, after a page has
 * loaded): the log form, This week, the plan ahead and History, into the user's own cache.
 */
async function warm(urls: string[]): Promise<void> {
  const userId = await offlineUser();
  if (!userId) return;
  const cache = await caches.open(pagesCacheName(userId));
  for (const url of urls) {
    if (!url.startsWith("/o/")) continue;
    const response = await fetch(url, { credentials: "same-origin" }).catch(() => null);
    // Checked again: a sign-out may have happened while this was loading.
    if (response && response.status === 200 && !response.redirected && (await offlineUser()) === userId)
      await cache.put(url, response);
  }
}

self.addEventListener("message", (event) => {
  const data = (event as MessageEvent<{ type?: string; urls?: unknown }>).data;
  if (data?.type === "warm" && Array.isArray(data.urls)) {
    (event as unknown as { waitUntil(p: Promise<unknown>): void }).waitUntil(
      warm(data.urls.filter((u): u is string => typeof u === "string")),
    );
  }
});

serwist.addEventListeners();
