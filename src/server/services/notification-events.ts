import "server-only";
import type { AthleteContext } from "~/server/data/athletes";
import { earlierThreadAuthors } from "~/server/data/comments";
import type { NewNotification } from "~/server/data/notifications";
import type { Tx } from "~/server/db/connection";
import { commentText, type CommentAbout, type Reader } from "./notification-texts";
import { notify } from "./notify";

/**
 * Who hears of what (issue 17): each function is called in the transaction of the change, decides
 * the recipients and has their texts written for them, then records through `notify`. Nobody is
 * told of their own action.
 */

export interface OrgRef {
  id: string;
  slug: string;
}

/** The athlete and, for each coach, a coach's text; minus the actor. One event per recipient. */
function forReaders(
  recipients: ReadonlyArray<{ userId: string; reader: Reader }>,
  actorUserId: string | null,
  event: (reader: Reader) => Omit<NewNotification, "recipientUserId">,
): NewNotification[] {
  const seen = new Set<string>(actorUserId ? [actorUserId] : []);
  const events: NewNotification[] = [];
  for (const { userId, reader } of recipients) {
    if (seen.has(userId)) continue;
    seen.add(userId);
    events.push({ recipientUserId: userId, ...event(reader) });
  }
  return events;
}

/** The athlete themself, then every coach assigned to them. */
function athleteAndCoaches(athlete: Pick<AthleteContext, "userId" | "coachUserIds">) {
  return [
    { userId: athlete.userId, reader: "athlete" as const },
    ...athlete.coachUserIds.map((userId) => ({ userId, reader: "coach" as const })),
  ];
}

/**
 * A new comment or reply on an athlete's run or week: to the athlete, every coach assigned to them,
 * and owners who have written in that thread (an owner is not told of every conversation in the
 * club, only of those they joined, as their unread badge counts them).
 */
export async function notifyComment(
  tx: Tx,
  org: OrgRef,
  input: {
    athlete: Pick<AthleteContext, "athleteId" | "userId" | "displayName" | "coachUserIds">;
    author: { userId: string; name: string };
    comment: { id: string; body: string };
    about: CommentAbout;
  },
): Promise<void> {
  const { athlete, author, about } = input;
  const earlier = await earlierThreadAuthors(tx, org.id, {
    athleteId: athlete.athleteId,
    runId: about.runId ?? null,
    weekStart: about.weekStart ?? null,
    exceptCommentId: input.comment.id,
  });
  const owners = earlier.filter((a) => a.role === "owner").map((a) => ({ userId: a.userId, reader: "coach" as const }));
  const authorIsAthlete = author.userId === athlete.userId;
  const events = forReaders([...athleteAndCoaches(athlete), ...owners], author.userId, (reader) => ({
    kind: "comment",
    athleteId: athlete.athleteId,
    actorUserId: author.userId,
    ...commentText({
      reader,
      orgSlug: org.slug,
      athleteId: athlete.athleteId,
      athleteName: athlete.displayName,
      authorName: authorIsAthlete ? athlete.displayName : author.name,
      authorIsAthlete,
      reply: earlier.length > 0,
      about,
      comment: input.comment.body,
    }),
  }));
  await notify(tx, org.id, events);
}
