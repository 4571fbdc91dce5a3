/**
 * What this browser keeps for the signed-in athlete while offline (ADR 018), shared by the pages and
 * the service worker: whose data it is (`meta`), the runs logged without a connection (`queue`, each
 * with its idempotency key) and the per-user caches of pages. Everything is keyed by the user, and a
 * different user (or signing out) wipes the previous one's, so nobody reads another's runs or pages.
 * Browser-only: every function needs IndexedDB (and Cache Storage for the pages).
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { SessionKind } from "~/domain/rules";

/** A run logged offline, as the form validated it: sent with `runs.log` and its own key. */
export interface QueuedRun {
  /** The idempotency key: sending it twice creates one run. */
  key: string;
  userId: string;
  orgSlug: string;
  run: {
    date: string;
    time: string;
    kind: SessionKind;
    durationS: number;
    distanceM: number | null;
    rpe: number;
    notes: string;
    private: boolean;
    plannedSessionId: string | null;
  };
  /** Order of sending: when it was queued (ISO instant). */
  queuedAt: string;
  /** "waiting" until sent; "refused" when the server said no, with its reason, until fixed or discarded. */
  status: "waiting" | "refused";
  reason?: string;
}

interface OfflineDb extends DBSchema {
  meta: { key: string; value: string };
  queue: { key: string; value: QueuedRun };
}

const DB_NAME = "runbalance-offline";
/** Cache Storage name prefix for a user's pages (the service worker writes them, sign-out deletes them). */
export const PAGES_CACHE_PREFIX = "runbalance-pages-";
/** Tabs (and the service worker) hear of queue changes on this channel. */
export const OFFLINE_CHANNEL = "runbalance-offline";

export function pagesCacheName(userId: string): string {
  return `${PAGES_CACHE_PREFIX}${userId}`;
}

let opening: Promise<IDBPDatabase<OfflineDb>> | undefined;
function db(): Promise<IDBPDatabase<OfflineDb>> {
  opening ??= openDB<OfflineDb>(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore("meta");
      database.createObjectStore("queue", { keyPath: "key" });
    },
  });
  return opening;
}

/** Tells this tab and the others that the queue changed. */
function announce() {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(OFFLINE_CHANNEL);
  channel.postMessage("queue");
  channel.close();
  if (typeof window !== "undefined") window.dispatchEvent(new Event(OFFLINE_CHANNEL));
}

/** Calls `listener` whenever the queue changes, in this tab or another. Returns the unsubscribe. */
export function onQueueChange(listener: () => void): () => void {
  const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(OFFLINE_CHANNEL);
  channel?.addEventListener("message", listener);
  window.addEventListener(OFFLINE_CHANNEL, listener);
  return () => {
    channel?.close();
    window.removeEventListener(OFFLINE_CHANNEL, listener);
  };
}

/** The user whose data this browser holds offline, or null. */
export async function offlineUser(): Promise<string | null> {
  return (await (await db()).get("meta", "user")) ?? null;
}

/**
 * Records who is signed in. Another user's queue and pages go first: they signed out without this
 * browser hearing of it (an expired session, a sign-out elsewhere), and must not be shown.
 */
export async function claimOfflineData(userId: string): Promise<void> {
  const previous = await offlineUser();
  if (previous === userId) return;
  if (previous !== null) await clearOfflineData();
  await (await db()).put("meta", userId, "user");
}

/** Signing out: every user's queue and cached pages, and who was signed in. */
export async function clearOfflineData(): Promise<void> {
  const database = await db();
  const tx = database.transaction(["meta", "queue"], "readwrite");
  await Promise.all([tx.objectStore("meta").clear(), tx.objectStore("queue").clear(), tx.done]);
  if (typeof caches !== "undefined") {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(PAGES_CACHE_PREFIX)).map((n) => caches.delete(n)));
  }
  announce();
}

/** The user's queued runs in one organisation (all of them when `orgSlug` is omitted), oldest first. */
export async function queuedRuns(userId: string, orgSlug?: string): Promise<QueuedRun[]> {
  const all = await (await db()).getAll("queue");
  return all
    .filter((r) => r.userId === userId && (orgSlug === undefined || r.orgSlug === orgSlug))
    .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

export async function queuedRun(key: string): Promise<QueuedRun | undefined> {
  return (await db()).get("queue", key);
}

/** Queues a run (or updates a queued one: a refusal's reason). Refuses another user's run. */
export async function putQueuedRun(run: QueuedRun): Promise<void> {
  if ((await offlineUser()) !== run.userId) await claimOfflineData(run.userId);
  await (await db()).put("queue", run);
  announce();
}

export async function removeQueuedRun(key: string): Promise<void> {
  await (await db()).delete("queue", key);
  announce();
}
