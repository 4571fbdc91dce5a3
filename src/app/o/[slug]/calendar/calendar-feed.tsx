"use client";

import { useState } from "react";
import { Button } from "~/components/button";
import { errorMessage } from "~/lib/trpc-error";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";

/** The plan in the phone's calendar, through a private URL the athlete can replace or revoke. */
export function CalendarFeed({ orgSlug, active }: { orgSlug: string; active: boolean }) {
  const [url, setUrl] = useState<string | null>(null);
  const [isActive, setActive] = useState(active);
  const [error, setError] = useState<string | null>(null);
  const server = useServerCall();
  const failed = (e: unknown) => setError(errorMessage(e));
  const create = () =>
    server
      .call((trpc) => trpc.calendarFeeds.create.mutate({ orgSlug }))
      .then(({ path }) => {
        setUrl(`${window.location.origin}${path}`);
        setActive(true);
        setError(null);
      }, failed);
  const revoke = () =>
    server
      .call((trpc) => trpc.calendarFeeds.revoke.mutate({ orgSlug }))
      .then(() => {
        setUrl(null);
        setActive(false);
        setError(null);
      }, failed);
  return (
    <section
      aria-labelledby="calendar-heading"
      className="max-w-xl space-y-4"
      onFocus={preloadTrpc}
      onPointerDown={preloadTrpc}
    >
      <h1 id="calendar-heading" className="text-2xl font-semibold tracking-tight">
        Your plan in your calendar
      </h1>
      <p className="text-sm text-slate-700">
        Subscribe to a private link in your phone&apos;s calendar app and your published sessions appear there. Anyone
        with the link can see your plan, so keep it to yourself; you can replace or revoke it at any time.
      </p>
      {url && (
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <label htmlFor="feed-url" className="block text-sm font-medium">
            Your calendar link (shown once: copy it now)
          </label>
          <input
            id="feed-url"
            readOnly
            value={url}
            className="mt-1 block min-h-11 w-full rounded-md border border-slate-300 px-3 text-sm"
            onFocus={(e) => e.target.select()}
          />
          <a href={url.replace(/^https?:/, "webcal:")} className="mt-2 inline-block text-sm text-blue-700 underline">
            Open in my calendar app
          </a>
        </div>
      )}
      <p className="text-sm" role="status">
        {isActive ? "A calendar link is active." : "No calendar link yet."}
      </p>
      {error && (
        <p className="text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        <Button onClick={() => void create()} disabled={server.pending}>
          {isActive ? "Replace the link" : "Create my calendar link"}
        </Button>
        {isActive && (
          <Button variant="secondary" onClick={() => void revoke()} disabled={server.pending}>
            Revoke the link
          </Button>
        )}
      </div>
    </section>
  );
}
