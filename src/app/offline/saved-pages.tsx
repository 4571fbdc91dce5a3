"use client";

import { useEffect, useState } from "react";
import { Button } from "~/components/button";
import { offlineUser, pagesCacheName } from "~/lib/offline-store";

const NAMES: Array<[RegExp, string]> = [
  [/^\/o\/[^/]+$/, "This week"],
  [/^\/o\/[^/]+\/log$/, "Log a run"],
  [/^\/o\/[^/]+\/plan$/, "Plan"],
  [/^\/o\/[^/]+\/history$/, "History"],
];

/** The pages saved on this device for the signed-in athlete, which open without a connection. */
export function SavedPages() {
  const [pages, setPages] = useState<Array<{ href: string; label: string }>>([]);
  useEffect(() => {
    let live = true;
    (async () => {
      const userId = await offlineUser();
      if (!userId || typeof caches === "undefined") return [];
      const requests = await (await caches.open(pagesCacheName(userId))).keys();
      return requests.flatMap((request) => {
        const path = new URL(request.url).pathname;
        const name = NAMES.find(([pattern]) => pattern.test(path));
        return name ? [{ href: path, label: name[1] }] : [];
      });
    })()
      .then((found) => live && setPages(found.sort((a, b) => a.href.localeCompare(b.href))))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return (
    <div className="mt-6 space-y-3 text-sm">
      {pages.length > 0 && (
        <nav aria-label="Saved on this device">
          <h2 className="font-medium text-slate-800">Saved on this device</h2>
          <ul className="mt-1">
            {pages.map((p) => (
              <li key={p.href}>
                {/* A full load, answered by the service worker from the saved copy. */}
                <a href={p.href} className="flex min-h-11 items-center text-blue-700 underline">
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <Button variant="secondary" onClick={() => window.location.reload()}>
        Try again
      </Button>
    </div>
  );
}
