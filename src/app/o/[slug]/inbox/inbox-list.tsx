"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "~/components/button";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";
import { commentWhen } from "../_shared/thread-views";
import type { RouterOutputs } from "../_shared/types";

type Page = RouterOutputs["notifications"]["list"];
type Item = Page["items"][number];

/**
 * The inbox's items, newest first. Unread ones say so in words (and a dot and bold title besides);
 * following one marks it read, then goes to the thing. "Mark all as read", and older ones on demand.
 */
export function InboxList({
  orgSlug,
  timeZone,
  unread,
  first,
}: {
  orgSlug: string;
  timeZone: string;
  unread: number;
  first: Page;
}) {
  const router = useRouter();
  const { call, pending } = useServerCall();
  const [items, setItems] = useState<Item[]>(first.items);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const unreadShown = items.filter((n) => !n.readAt).length;
  const anyUnread = unread > 0 || unreadShown > 0;

  async function open(event: React.MouseEvent<HTMLAnchorElement>, item: Item) {
    // Let modified clicks (new tab) go their way; the item is marked when it is followed here.
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    if (!item.readAt)
      await call((trpc) => trpc.notifications.markRead.mutate({ orgSlug, id: item.id })).catch(() => {});
    router.push(item.link);
  }

  async function markAll() {
    setError("");
    try {
      const { marked } = await call((trpc) => trpc.notifications.markAllRead.mutate({ orgSlug }));
      const at = new Date(0).toISOString();
      setItems((list) => list.map((n) => (n.readAt ? n : { ...n, readAt: at })));
      setStatus(marked === 1 ? "1 notification marked as read." : `${marked} notifications marked as read.`);
      router.refresh();
    } catch {
      setError("Could not mark them as read. Check your connection and try again.");
    }
  }

  async function more() {
    if (!cursor) return;
    setError("");
    try {
      const next = await call((trpc) => trpc.notifications.list.query({ orgSlug, cursor }));
      setItems((list) => [...list, ...next.items]);
      setCursor(next.nextCursor);
    } catch {
      setError("Could not load older notifications. Try again.");
    }
  }

  return (
    <>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-700">
          {unread === 0
            ? "Nothing unread."
            : unread === 1
              ? "1 unread notification."
              : `${unread} unread notifications.`}
        </p>
        {anyUnread ? (
          <Button variant="secondary" onClick={markAll} onPointerEnter={preloadTrpc} disabled={pending}>
            Mark all as read
          </Button>
        ) : null}
      </div>
      <p role="status" className="mt-1 text-sm text-slate-700">
        {status}
      </p>
      {error ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-700">
          Your inbox is empty. Comments, published weeks and anything else that needs you will appear here.
        </p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white">
          {items.map((item) => {
            const isUnread = !item.readAt;
            return (
              <li key={item.id} className={isUnread ? "bg-blue-50" : undefined}>
                <Link
                  href={item.link}
                  onClick={(event) => void open(event, item)}
                  onPointerEnter={preloadTrpc}
                  className="flex min-h-14 gap-3 px-4 py-3 hover:bg-slate-100 focus-visible:bg-slate-100"
                >
                  <span
                    aria-hidden="true"
                    className={`mt-1.5 size-2.5 shrink-0 rounded-full ${isUnread ? "bg-blue-700" : "bg-transparent"}`}
                  />
                  <span className="min-w-0 flex-1">
                    <span
                      className={`block break-words ${isUnread ? "font-semibold text-slate-900" : "text-slate-800"}`}
                    >
                      {isUnread ? <span className="sr-only">Unread: </span> : null}
                      {item.title}
                    </span>
                    {item.body ? (
                      <span className="mt-0.5 block break-words text-sm text-slate-700">{item.body}</span>
                    ) : null}
                    <span className="mt-0.5 block text-xs text-slate-600">
                      <time dateTime={item.createdAt}>{commentWhen(item.createdAt, timeZone)}</time>
                      {isUnread ? " · New" : null}
                    </span>
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {cursor ? (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" onClick={more} onPointerEnter={preloadTrpc} disabled={pending}>
            Show older notifications
          </Button>
        </div>
      ) : null}
    </>
  );
}
