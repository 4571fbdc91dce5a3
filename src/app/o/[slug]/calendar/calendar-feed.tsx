"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "~/components/button";
import { useTRPC } from "~/trpc/react";

/** The plan in the phone's calendar, through a private URL the athlete can replace or revoke. */
export function CalendarFeed({ orgSlug, active }: { orgSlug: string; active: boolean }) {
  const trpc = useTRPC();
  const [url, setUrl] = useState<string | null>(null);
  const [isActive, setActive] = useState(active);
  const create = useMutation(
    trpc.training.createCalendarFeed.mutationOptions({
      onSuccess: ({ path }) => {
        setUrl(`${window.location.origin}${path}`);
        setActive(true);
      },
    }),
  );
  const revoke = useMutation(
    trpc.training.revokeCalendarFeed.mutationOptions({
      onSuccess: () => {
        setUrl(null);
        setActive(false);
      },
    }),
  );
  return (
    <section aria-labelledby="calendar-heading" className="max-w-xl space-y-4">
      <h1 id="calendar-heading" className="text-2xl font-semibold tracking-tight">
        Your plan in your calendar
      </h1>
      <p className="text-sm text-slate-700">
        Subscribe to a private link in your phone&apos;s calendar app and your published sessions appear there. Anyone with the link can
        see your plan, so keep it to yourself; you can replace or revoke it at any time.
      </p>
      {url && (
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <label htmlFor="feed-url" className="block text-sm font-medium">
            Your calendar link (shown once: copy it now)
          </label>
          <input id="feed-url" readOnly value={url} className="mt-1 block min-h-11 w-full rounded-md border border-slate-300 px-3 text-sm" onFocus={(e) => e.target.select()} />
          <a href={url.replace(/^https?:/, "webcal:")} className="mt-2 inline-block text-sm text-blue-700 underline">
            Open in my calendar app
          </a>
        </div>
      )}
      <p className="text-sm" role="status">
        {isActive ? "A calendar link is active." : "No calendar link yet."}
      </p>
      <div className="flex flex-wrap gap-3">
        <Button onClick={() => create.mutate({ orgSlug })} disabled={create.isPending}>
          {isActive ? "Replace the link" : "Create my calendar link"}
        </Button>
        {isActive && (
          <Button variant="secondary" onClick={() => revoke.mutate({ orgSlug })} disabled={revoke.isPending}>
            Revoke the link
          </Button>
        )}
      </div>
    </section>
  );
}
