"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

/** Longer than any page should take; past it the indicator gives up rather than spin forever. */
const GIVE_UP_MS = 15_000;

/**
 * Says "Loading…" the moment someone follows a link to another page, however slow the network, until
 * the new page is on screen. Pages here render on the server per request, so without it a click on a
 * slow connection seems to do nothing. (Not loading.tsx: a streamed fallback starts the response
 * with 200, so pages that answer 404 would stop saying so.)
 */
export function NavigationProgress() {
  const pathname = usePathname();
  const [pendingFrom, setPendingFrom] = useState<string | null>(null);
  // The new page is on screen once the address changes (state adjusted while rendering, as React advises).
  const [shownPathname, setShownPathname] = useState(pathname);
  if (shownPathname !== pathname) {
    setShownPathname(pathname);
    setPendingFrom(null);
  }

  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element | null)?.closest?.("a[href]");
      if (!(anchor instanceof HTMLAnchorElement) || anchor.target || anchor.hasAttribute("download")) return;
      const url = new URL(anchor.href, location.href);
      if (url.origin !== location.origin || url.pathname === location.pathname) return;
      // Files and route handlers (the CSV export, the calendar feed) are downloads, not pages.
      if (/\.\w+$/.test(url.pathname) || url.pathname.startsWith("/api/")) return;
      setPendingFrom(location.pathname);
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, []);

  useEffect(() => {
    if (pendingFrom === null) return;
    const timer = setTimeout(() => setPendingFrom(null), GIVE_UP_MS);
    return () => clearTimeout(timer);
  }, [pendingFrom]);

  useEffect(() => {
    // Back and forward: whatever was pending is no longer what the person asked for.
    const reset = () => setPendingFrom(null);
    window.addEventListener("popstate", reset);
    return () => window.removeEventListener("popstate", reset);
  }, []);

  if (pendingFrom === null) return null;
  return (
    <div
      role="progressbar"
      aria-label="Loading the page"
      className="pointer-events-none fixed inset-x-0 top-0 z-50 flex flex-col items-center"
    >
      <div className="h-1 w-full overflow-hidden bg-blue-100">
        <div className="h-full w-1/3 animate-[navigation-progress_1.2s_ease-in-out_infinite] bg-blue-700 motion-reduce:animate-none" />
      </div>
      <p className="mt-2 rounded-full bg-slate-900 px-3 py-1 text-xs font-medium text-white shadow">Loading…</p>
    </div>
  );
}
