/**
 * Conversations between an athlete and their coaches: every comment belongs to one thread, about one
 * of the athlete's runs or one of their weeks. Pure: the data layer stores the key, the pages group.
 */

export type ThreadAbout = { runId: string } | { weekStart: string };

/** The thread a comment belongs to, as stored in read marks: `run:<id>` or `week:<YYYY-MM-DD>`. */
export function threadKey(about: { runId?: string | null; weekStart?: string | null }): string {
  if (about.runId) return `run:${about.runId}`;
  if (about.weekStart) return `week:${about.weekStart}`;
  throw new Error("A comment is about a run or a week");
}

/** What a thread key is about, or null for anything else. */
export function parseThreadKey(key: string): ThreadAbout | null {
  const match = /^(run|week):(.+)$/.exec(key);
  if (!match) return null;
  return match[1] === "run" ? { runId: match[2]! } : { weekStart: match[2]! };
}

export interface ThreadComment {
  id: string;
  athleteId: string;
  runId: string | null;
  weekStart: string | null;
  authorUserId: string;
  authorName: string | null;
  body: string;
  createdAt: Date | string;
  runDate: string | null;
  runKind: string | null;
  unread: boolean;
}

export interface Thread<C extends ThreadComment = ThreadComment> {
  key: string;
  athleteId: string;
  runId: string | null;
  weekStart: string | null;
  runDate: string | null;
  runKind: string | null;
  /** Oldest first, as a conversation reads. */
  comments: C[];
  unread: number;
  lastAt: string;
}

const instant = (at: Date | string) => new Date(at).toISOString();

/**
 * Comments (in any order) as threads: each thread's comments oldest first, and the threads with
 * something unread first, then the most recently active.
 */
export function groupThreads<C extends ThreadComment>(comments: readonly C[]): Thread<C>[] {
  const threads = new Map<string, Thread<C>>();
  for (const comment of comments) {
    const key = `${comment.athleteId}|${threadKey(comment)}`;
    let thread = threads.get(key);
    if (!thread) {
      thread = {
        key: threadKey(comment),
        athleteId: comment.athleteId,
        runId: comment.runId,
        weekStart: comment.runId ? null : comment.weekStart,
        runDate: comment.runDate,
        runKind: comment.runKind,
        comments: [],
        unread: 0,
        lastAt: instant(comment.createdAt),
      };
      threads.set(key, thread);
    }
    thread.comments.push(comment);
    if (comment.unread) thread.unread += 1;
    if (instant(comment.createdAt) > thread.lastAt) thread.lastAt = instant(comment.createdAt);
  }
  const result = [...threads.values()];
  for (const thread of result)
    thread.comments.sort(
      (a, b) => instant(a.createdAt).localeCompare(instant(b.createdAt)) || a.id.localeCompare(b.id),
    );
  return result.sort((a, b) => Number(b.unread > 0) - Number(a.unread > 0) || b.lastAt.localeCompare(a.lastAt));
}
