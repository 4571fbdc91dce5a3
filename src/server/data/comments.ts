import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Tx } from "~/server/db/connection";
import { comments, runs, users } from "~/server/db/schema";

const commentColumns = {
  id: comments.id,
  athleteId: comments.athleteId,
  runId: comments.runId,
  weekStart: comments.weekStart,
  authorUserId: comments.authorUserId,
  body: comments.body,
  createdAt: comments.createdAt,
};

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

/**
 * An athlete's comments, newest first, with their authors' names (null once the author has left the
 * organisation) and, for comments on a run, the run's day and kind. Optionally only those about one
 * run or one week.
 */
export async function listComments(
  tx: Tx,
  orgId: string,
  athleteId: string,
  about: { runId?: string; weekStart?: string } = {},
  limit = 200,
) {
  return tx
    .select({ ...commentColumns, authorName: users.name, runDate: runs.localDate, runKind: runs.kind })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorUserId))
    .leftJoin(runs, and(eq(runs.orgId, comments.orgId), eq(runs.id, comments.runId)))
    .where(
      and(
        eq(comments.orgId, orgId),
        eq(comments.athleteId, athleteId),
        about.runId ? eq(comments.runId, about.runId) : undefined,
        about.weekStart ? eq(comments.weekStart, about.weekStart) : undefined,
      ),
    )
    .orderBy(desc(comments.createdAt))
    .limit(limit);
}

/** Whose run this is, or null: comments may only name a run of the athlete they are about. */
export async function findRunAthlete(tx: Tx, orgId: string, runId: string) {
  const [row] = await tx
    .select({ athleteId: runs.athleteId, localDate: runs.localDate })
    .from(runs)
    .where(and(eq(runs.orgId, orgId), eq(runs.id, runId)));
  return row ?? null;
}
