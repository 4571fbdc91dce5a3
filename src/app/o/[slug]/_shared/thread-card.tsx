"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useServerCall } from "~/trpc/on-demand";
import { CommentForm } from "./comment-form";
import type { ThreadView } from "./thread-views";

/**
 * One conversation about a run or a week, as a disclosure: opening it (or arriving at its anchor)
 * marks it read up to the newest comment shown, and the page is drawn again so the navigation's
 * unread count follows. `open` draws it open from the start (the run's own page), which counts as
 * opening it.
 */
export function ThreadCard({
  orgSlug,
  thread,
  open: openAtFirst = false,
  canReply,
  replyLabel = "Reply",
  sentText = "Reply sent.",
}: {
  orgSlug: string;
  thread: ThreadView;
  open?: boolean;
  canReply: boolean;
  replyLabel?: string;
  sentText?: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(openAtFirst);
  const marked = useRef<string | null>(null);
  const server = useServerCall();
  const newest = thread.comments.at(-1)?.id;

  const element = useRef<HTMLDetailsElement>(null);

  // Arriving at the thread's anchor (a link from the roster or History) opens it; onToggle follows.
  useEffect(() => {
    if (window.location.hash === `#${thread.anchor}` && element.current) element.current.open = true;
  }, [thread.anchor]);

  useEffect(() => {
    if (!open || thread.unread === 0 || !newest || marked.current === newest) return;
    marked.current = newest;
    server
      .call((trpc) =>
        trpc.comments.markRead.mutate({ orgSlug, athleteId: thread.athleteId, ...thread.about, upTo: newest }),
      )
      .then(
        () => router.refresh(),
        // Still unread: the next opening tries again.
        () => (marked.current = null),
      );
    // `server` changes identity on every render; the ref above keeps this to one call per comment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, newest, thread.unread, thread.athleteId, thread.about, orgSlug, router]);

  const count = thread.comments.length;
  return (
    <details
      ref={element}
      id={thread.anchor}
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      className="scroll-mt-4 rounded-md border border-slate-200 bg-white"
    >
      <summary className="flex min-h-11 cursor-pointer flex-wrap items-center gap-x-2 px-3 py-2 text-sm">
        <span className="font-medium text-slate-900">{thread.title}</span>
        <span className="text-slate-600">
          · {count} {count === 1 ? "comment" : "comments"}
        </span>
        {thread.unread > 0 && (
          <span className="rounded-full bg-rose-700 px-2 py-0.5 text-xs font-semibold text-white">
            {thread.unread} new
          </span>
        )}
      </summary>
      <div className="border-t border-slate-100 px-3 pb-3">
        <ol
          className="mt-2 space-y-2"
          aria-label={`Comments on ${thread.title.charAt(0).toLowerCase()}${thread.title.slice(1)}`}
        >
          {thread.comments.map((c) => (
            <li key={c.id} className={`rounded-md px-3 py-2 text-sm ${c.mine ? "bg-blue-50" : "bg-slate-50"}`}>
              <p className="text-xs text-slate-700">
                <span className="font-semibold">{c.who}</span> · <time dateTime={c.at}>{c.when}</time>
                {c.unread && <span className="ml-1 font-semibold text-rose-800">· New</span>}
              </p>
              <p className="mt-1 whitespace-pre-line text-slate-900">{c.body}</p>
            </li>
          ))}
        </ol>
        {canReply && (
          <CommentForm
            orgSlug={orgSlug}
            athleteId={thread.athleteId}
            about={thread.about}
            label={replyLabel}
            submitLabel="Send reply"
            sentText={sentText}
          />
        )}
      </div>
    </details>
  );
}
