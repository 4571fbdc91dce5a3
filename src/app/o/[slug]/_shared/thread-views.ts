import type { SessionKind } from "~/domain/rules";
import { formatDay } from "~/lib/format";
import { zonedParts } from "~/lib/zoned-time";
import { kindTitle } from "./format";
import type { RouterOutputs } from "./types";

type Thread = RouterOutputs["comments"]["threads"][number];

/** Who reads: the athlete about themself ("your run"), or staff about a named athlete. */
export type ThreadReader = { kind: "athlete" } | { kind: "coach" };

/** One thread as a client component draws it: plain strings, already in the reader's words and zone. */
export interface ThreadView {
  /** The element id links aim at: `thread-run-<id>` or `thread-week-<date>`. */
  anchor: string;
  athleteId: string;
  about: { runId: string } | { weekStart: string };
  title: string;
  runId: string | null;
  unread: number;
  comments: Array<{ id: string; who: string; mine: boolean; when: string; at: string; body: string; unread: boolean }>;
}

export function threadAnchor(about: { runId?: string | null; weekStart?: string | null }): string {
  return about.runId ? `thread-run-${about.runId}` : `thread-week-${about.weekStart}`;
}

/** "Your recovery run of Tue 24 Nov", "Tempo run of Tue 24 Nov", "Your week of Mon 23 Nov". */
export function threadTitle(
  thread: { runId: string | null; runKind: string | null; runDate: string | null; weekStart: string | null },
  reader: ThreadReader,
): string {
  const own = reader.kind === "athlete";
  if (thread.runId) {
    const kind = thread.runKind ? kindTitle(thread.runKind as SessionKind) : "Run";
    const day = thread.runDate ? ` of ${formatDay(thread.runDate)}` : "";
    return own ? `Your ${kind.toLowerCase()}${day}` : `${kind}${day}`;
  }
  return `${own ? "Your week" : "Week"} of ${formatDay(thread.weekStart!)}`;
}

/** "Tue 24 Nov, 07:30" in the reader's time zone. */
export function commentWhen(at: Date | string, timeZone: string): string {
  const parts = zonedParts(new Date(at), timeZone);
  return `${formatDay(parts.date)}, ${parts.time}`;
}

export function threadViews(
  threads: readonly Thread[],
  context: { viewerId: string; timeZone: string; reader: ThreadReader },
): ThreadView[] {
  return threads.map((thread) => ({
    anchor: threadAnchor(thread),
    athleteId: thread.athleteId,
    about: thread.runId ? { runId: thread.runId } : { weekStart: thread.weekStart! },
    title: threadTitle(thread, context.reader),
    runId: thread.runId,
    unread: thread.unread,
    comments: thread.comments.map((c) => ({
      id: c.id,
      who: c.authorUserId === context.viewerId ? "You" : (c.authorName ?? "A former member"),
      mine: c.authorUserId === context.viewerId,
      when: commentWhen(c.createdAt, context.timeZone),
      at: new Date(c.createdAt).toISOString(),
      body: c.body,
      unread: c.unread,
    })),
  }));
}
