"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useSyncExternalStore } from "react";
import { claimOfflineData, onQueueChange, pagesCacheName } from "~/lib/offline-store";
import { zonedParts } from "~/lib/zoned-time";
import { sendQueuedRuns } from "./offline-sync";

function subscribeOnline(listener: () => void) {
  window.addEventListener("online", listener);
  window.addEventListener("offline", listener);
  return () => {
    window.removeEventListener("online", listener);
    window.removeEventListener("offline", listener);
  };
}

/** Whether the browser says it is online (the server renders as online). */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
}

/**
 * The offline side of the signed-in area (ADR 018), once per organisation frame: registers the
 * service worker, marks this browser's offline data as this user's (another user's goes), saves the
 * athlete's main pages for reading offline, and sends queued runs when the app opens, when the
 * connection returns and when a run is queued, then shows the server's fresh data.
 */
export function OfflineAgent({ userId, orgSlug, athlete }: { userId: string; orgSlug: string; athlete: boolean }) {
  const router = useRouter();
  const online = useOnline();
  const [status, setStatus] = useState("");
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let live = true;
    claimOfflineData(userId)
      .then(async () => {
        if (!live) return;
        setReady(true);
        // The worker exists after a production build (scripts/build-service-worker.ts); elsewhere this 404s.
        if (!("serviceWorker" in navigator)) return;
        await navigator.serviceWorker.register("/sw.js", { scope: "/" });
        if (!athlete) return;
        // The pages an athlete needs offline, saved once (later visits refresh them as they are read).
        const base = `/o/${orgSlug}`;
        const cache = await caches.open(pagesCacheName(userId));
        const missing: string[] = [];
        for (const url of [base, `${base}/log`, `${base}/plan`, `${base}/history`])
          if (!(await cache.match(url))) missing.push(url);
        const worker = (await navigator.serviceWorker.ready).active;
        if (missing.length && live) worker?.postMessage({ type: "warm", urls: missing });
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [userId, orgSlug, athlete]);

  useEffect(() => {
    if (!ready || !online || !athlete) return;
    let running = false;
    let again = false;
    const sync = () => {
      if (running) return void (again = true);
      running = true;
      sendQueuedRuns(userId)
        .then(({ sent, refused }) => {
          if (sent || refused) router.refresh();
          const parts = [
            sent ? `${sent === 1 ? "Your saved run was" : `Your ${sent} saved runs were`} sent.` : "",
            refused ? `${refused === 1 ? "One run was" : `${refused} runs were`} not accepted: see why below.` : "",
          ];
          if (sent || refused) setStatus(parts.filter(Boolean).join(" "));
        })
        .catch(() => {})
        .finally(() => {
          running = false;
          if (again) {
            again = false;
            sync();
          }
        });
    };
    sync();
    const stop = onQueueChange(sync);
    // A connection that is there but failing (a weak signal) is retried now and then.
    const retry = window.setInterval(sync, 30_000);
    return () => {
      stop();
      window.clearInterval(retry);
    };
  }, [ready, online, athlete, userId, router]);

  return (
    <p role="status" className={status ? "mx-auto max-w-6xl px-4 pt-3 text-sm text-green-800" : "sr-only"}>
      {status}
    </p>
  );
}

/**
 * On every page of the signed-in area: while offline, says the page is the copy saved at its fetch
 * time ("Saved at 07:42", in the user's zone). A copy served by the service worker hydrates with the
 * props it was rendered with, so `renderedAt` is when it was fetched.
 */
export function OfflineNotice({ renderedAt, timeZone }: { renderedAt: string; timeZone: string }) {
  const online = useOnline();
  if (online) return null;
  const { time } = zonedParts(new Date(renderedAt), timeZone);
  return (
    <p role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950">
      You are offline. Saved at {time}: this is the page as it was then.
    </p>
  );
}
