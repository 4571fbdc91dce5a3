import "server-only";
import { and, desc, eq, gte, lte, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "~/server/db/connection";
import { athletes, commentReads, comments, memberships, runs, users } from "~/server/db/schema";
import { coachedBy } from "./athletes";

const commentColumns = {
  id: comments.id,
  athleteId: comments.athleteId,
  runId: comments.runId,
  weekStart: comments.weekStart,
  authorUserId: comments.authorUserId,
  body: comments.body,
  createdAt: comments.createdAt,
};

/** A comment's thread key in SQL, as `threadKey` in src/domain/training/threads.ts writes it. */
const threadOf = sql<string>`(case when ${comments.runId} is not null then 'run:' || ${comments.runId}::text else 'week:' || ${comments.weekStart}::text end)`;

/** The reader's mark on a comment's thread (row-level security shows each member only their own marks). */
const readMark = (readerUserId: string) =>
  and(
    eq(commentReads.orgId, comments.orgId),
    eq(commentReads.userId, readerUserId),
    eq(commentReads.athleteId, comments.athleteId),
    eq(commentReads.thread, threadOf),
  );

/** Written by someone else after the reader last opened the thread. */
const unreadBy = (readerUserId: string) =>
  sql<boolean>`(${comments.authorUserId} <> ${readerUserId} and (${commentReads.readUpTo} is null or ${comments.createdAt} > ${commentReads.readUpTo}))`;

export async function insertComment(
  tx: Tx,
  orgId: string,
  comment: { athleteId: string; runId: string | null; weekStart: string | null; authorUserId: string; body: string },
) {
  const [row] = await tx
    .insert(comments)
    .values({ orgId, ...comment })
    .returning(commentColumns);
  return row!;
}

/** Which of an athlete's comments: about one run, one week, or a week and the runs logged in it. */
export type CommentsAbout =
  | { runId?: undefined; weekStart?: undefined }
  | { runId: string; weekStart?: undefined }
  | { weekStart: string; runId?: undefined; withRunsUntil?: string };

/**
 * An athlete's comments, newest first, with their authors' names (null once the author has left the
 * organisation), for comments on a run the run's day and kind, and whether the reader has yet to
 * read them. Optionally only those about one run or one week (with `withRunsUntil`, also those about
 * the runs logged from `weekStart` to that day).
 */
export async function listComments(
  tx: Tx,
  orgId: string,
  athleteId: string,
  readerUserId: string,
  about: CommentsAbout = {},
  limit = 200,
) {
  let filter: SQL | undefined;
  if (about.runId) filter = eq(comments.runId, about.runId);
  else if (about.weekStart)
    filter =
      "withRunsUntil" in about && about.withRunsUntil
        ? or(
            eq(comments.weekStart, about.weekStart),
            and(gte(runs.localDate, about.weekStart), lte(runs.localDate, about.withRunsUntil)),
          )
        : eq(comments.weekStart, about.weekStart);
  return tx
    .select({
      ...commentColumns,
      authorName: users.name,
      runDate: runs.localDate,
      runKind: runs.kind,
      unread: unreadBy(readerUserId),
    })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorUserId))
    .leftJoin(runs, and(eq(runs.orgId, comments.orgId), eq(runs.id, comments.runId)))
    .leftJoin(commentReads, readMark(readerUserId))
    .where(and(eq(comments.orgId, orgId), eq(comments.athleteId, athleteId), filter))
    .orderBy(desc(comments.createdAt))
    .limit(limit);
}

/**
 * Unread comments for a reader, grouped by athlete and thread: for an athlete, those about
 * themself; for a coach, those about the athletes assigned to them; for an owner, those too and those
 * in any thread the owner has written in.
 */
export async function unreadThreads(
  tx: Tx,
  orgId: string,
  reader: { userId: string; role: "owner" | "coach" | "athlete"; athleteId: string | null },
  limit = 50,
) {
  let scope: SQL | undefined;
  if (reader.role === "athlete") {
    if (!reader.athleteId) return [];
    scope = eq(comments.athleteId, reader.athleteId);
  } else {
    const assigned = sql`${comments.athleteId} in (${coachedBy(tx, orgId, reader.userId)})`;
    scope =
      reader.role === "owner"
        ? or(
            assigned,
            sql`exists (select 1 from ${comments} mine where mine.org_id = ${comments.orgId} and mine.athlete_id = ${comments.athleteId}
              and mine.author_user_id = ${reader.userId}
              and (case when mine.run_id is not null then 'run:' || mine.run_id::text else 'week:' || mine.week_start::text end) = ${threadOf})`,
          )
        : assigned;
  }
  return tx
    .select({
      athleteId: comments.athleteId,
      athleteName: athletes.displayName,
      thread: threadOf,
      runDate: runs.localDate,
      runKind: runs.kind,
      count: sql<number>`count(*)::int`,
      lastAt: sql<string>`max(${comments.createdAt})`,
    })
    .from(comments)
    .innerJoin(athletes, and(eq(athletes.orgId, comments.orgId), eq(athletes.id, comments.athleteId)))
    .leftJoin(runs, and(eq(runs.orgId, comments.orgId), eq(runs.id, comments.runId)))
    .leftJoin(commentReads, readMark(reader.userId))
    .where(and(eq(comments.orgId, orgId), scope, unreadBy(reader.userId)))
    .groupBy(comments.athleteId, athletes.displayName, threadOf, runs.localDate, runs.kind)
    .orderBy(desc(sql`max(${comments.createdAt})`))
    .limit(limit);
}

/**
 * Marks a thread read for `userId` up to one of its comments (the newest the reader was shown, so
 * a reply that arrived meanwhile stays unread). A mark never moves back. False when `upTo` is not a
 * comment of that thread.
 */
export async function markThreadRead(
  tx: Tx,
  orgId: string,
  mark: { userId: string; athleteId: string; thread: string; upTo: string },
) {
  // In SQL from end to end: the comment's timestamp has microseconds a JavaScript Date would drop.
  const marked = await tx.execute(sql`
    insert into ${commentReads} (org_id, user_id, athlete_id, thread, read_up_to)
    select ${comments.orgId}, ${mark.userId}, ${comments.athleteId}, ${threadOf}, ${comments.createdAt}
    from ${comments}
    where ${comments.orgId} = ${orgId} and ${comments.id} = ${mark.upTo}
      and ${comments.athleteId} = ${mark.athleteId} and ${threadOf} = ${mark.thread}
    on conflict (org_id, user_id, athlete_id, thread)
      do update set read_up_to = greatest(${commentReads.readUpTo}, excluded.read_up_to)
    returning 1`);
  return marked.length > 0;
}

/** Whose run this is, or null: comments may only name a run of the athlete they are about. */
export async function findRunAthlete(tx: Tx, orgId: string, runId: string) {
  const [row] = await tx
    .select({ athleteId: runs.athleteId, localDate: runs.localDate, kind: runs.kind })
    .from(runs)
    .where(and(eq(runs.orgId, orgId), eq(runs.id, runId)));
  return row ?? null;
}

/**
 * Who else has written in a thread before `exceptCommentId`, with their role in the organisation
 * today (null once they have left): whether a new comment is a reply, and which owners take part.
 */
export async function earlierThreadAuthors(
  tx: Tx,
  orgId: string,
  thread: { athleteId: string; runId: string | null; weekStart: string | null; exceptCommentId: string },
) {
  return tx
    .selectDistinct({ userId: comments.authorUserId, role: memberships.role })
    .from(comments)
    .leftJoin(memberships, and(eq(memberships.orgId, comments.orgId), eq(memberships.userId, comments.authorUserId)))
    .where(
      and(
        eq(comments.orgId, orgId),
        eq(comments.athleteId, thread.athleteId),
        thread.runId ? eq(comments.runId, thread.runId) : eq(comments.weekStart, thread.weekStart!),
        sql`${comments.id} <> ${thread.exceptCommentId}`,
      ),
    );
}
