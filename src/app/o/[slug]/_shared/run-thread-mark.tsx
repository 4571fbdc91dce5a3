"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { loadTrpc } from "~/trpc/on-demand";
import type { RouterOutputs } from "./types";

type Threads = RouterOutputs["comments"]["threads"];

/** One request for every run of a list (History draws one mark per run), kept for a few seconds. */
const FRESH_MS = 5_000;
let cached: { orgSlug: string; at: number; threads: Promise<Threads> } | undefined;

function ownThreads(orgSlug: string): Promise<Threads> {
  const at = performance.now();
  if (!cached || cached.orgSlug !== orgSlug || at - cached.at > FRESH_MS) {
    const threads = loadTrpc().then((trpc) => trpc.comments.threads.query({ orgSlug }));
    cached = { orgSlug, at, threads };
    threads.catch(() => (cached = undefined));
  }
  return cached.threads;
}

/** "2 comments · 1 new" beside one of the athlete's runs, linking to the run's conversation; nothing without one. */
export function RunThreadMark({ orgSlug, runId, day }: { orgSlug: string; runId: string; day: string }) {
  const [thread, setThread] = useState<{ count: number; unread: number } | null>(null);
  useEffect(() => {
    let live = true;
    ownThreads(orgSlug).then(
      (threads) => {
        const found = threads.find((t) => t.runId === runId);
        if (live && found) setThread({ count: found.comments.length, unread: found.unread });
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [orgSlug, runId]);
  if (!thread) return null;
  return (
    <Link href={`/o/${orgSlug}/runs/${runId}#thread-run-${runId}`} className="text-blue-700 underline">
      {thread.count} {thread.count === 1 ? "comment" : "comments"}
      {thread.unread > 0 ? ` · ${thread.unread} new` : ""}
      <span className="sr-only"> on the run of {day}</span>
    </Link>
  );
}
