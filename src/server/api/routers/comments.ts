import "server-only";
import { TRPCError } from "@trpc/server";
import { isoDateSchema, plainText } from "~/domain/training/plan-inputs";
import { groupThreads, threadKey } from "~/domain/training/threads";
import { findRunAthlete, insertComment, listComments, markThreadRead, unreadThreads } from "~/server/data/comments";
import { notifyComment } from "~/server/services/notification-events";
import { athleteFor } from "../access";
import { createRouter, orgInput, orgProcedure } from "../trpc";
import { idSchema } from "../schemas";

export const MAX_COMMENT_LENGTH = 2000;

/** A comment is about one run or one week of the athlete. */
const about = {
  runId: idSchema.optional(),
  weekStart: isoDateSchema.optional(),
};

const oneThread = <T extends { runId?: string; weekStart?: string }>(input: T) =>
  (input.runId === undefined) !== (input.weekStart === undefined);
const oneThreadMessage = { message: "Comment on a run or on a week", path: ["runId"] };

export const commentsRouter = createRouter({
  /**
   * A new comment on one of an athlete's runs or weeks, or a reply in that thread: by the athlete
   * themself or their coaches.
   */
  create: orgProcedure
    .input(
      orgInput({
        athleteId: idSchema,
        ...about,
        body: plainText(MAX_COMMENT_LENGTH).refine((body) => body.length > 0, "Write a comment first"),
      }).refine(oneThread, oneThreadMessage),
    )
    .mutation(async ({ ctx, input }) => {
      const ref = await athleteFor(ctx, input.athleteId, "write");
      const run = input.runId ? await findRunAthlete(ctx.tx, ctx.org.id, input.runId) : null;
      if (input.runId && run?.athleteId !== ref.athleteId)
        throw new TRPCError({ code: "NOT_FOUND", message: "No such run." });
      // No read mark moves: one's own comments are never unread, and a reply from someone else
      // that the author has not opened stays unread for them.
      const comment = await insertComment(ctx.tx, ctx.org.id, {
        athleteId: ref.athleteId,
        runId: input.runId ?? null,
        weekStart: input.weekStart ?? null,
        authorUserId: ctx.user.id,
        body: input.body,
      });
      // In the comment's transaction: a comment that fails to save notifies nobody.
      await notifyComment(ctx.tx, ctx.org, {
        athlete: ref,
        author: { userId: ctx.user.id, name: ctx.user.name },
        comment,
        about:
          input.runId && run
            ? { runId: input.runId, runKind: run.kind, runDate: run.localDate }
            : { weekStart: input.weekStart! },
      });
      return comment;
    }),

  /** Comments about an athlete, newest first: for the athlete themself and their coaches. */
  listForAthlete: orgProcedure.input(orgInput({ athleteId: idSchema, ...about })).query(async ({ ctx, input }) => {
    const ref = await athleteFor(ctx, input.athleteId, "view");
    return listComments(
      ctx.tx,
      ctx.org.id,
      ref.athleteId,
      ctx.user.id,
      input.runId ? { runId: input.runId } : input.weekStart ? { weekStart: input.weekStart } : {},
    );
  }),

  /**
   * An athlete's conversations (the caller's own without `athleteId`), unread first: all of them,
   * one run's, one week's, or with `weekEnd` a week's and those on the runs logged in it.
   */
  threads: orgProcedure
    .input(
      orgInput({ athleteId: idSchema.optional(), ...about, weekEnd: isoDateSchema.optional() }).refine(
        (input) => !(input.runId && input.weekStart) && (input.weekEnd === undefined || input.weekStart !== undefined),
        { message: "Ask for a run's thread or a week's", path: ["weekEnd"] },
      ),
    )
    .query(async ({ ctx, input }) => {
      const ref = await athleteFor(ctx, input.athleteId, "view");
      const comments = await listComments(
        ctx.tx,
        ctx.org.id,
        ref.athleteId,
        ctx.user.id,
        input.runId
          ? { runId: input.runId }
          : input.weekStart
            ? { weekStart: input.weekStart, withRunsUntil: input.weekEnd }
            : {},
      );
      return groupThreads(comments);
    }),

  /** Opening a thread marks it read up to the newest comment the reader was shown. */
  markRead: orgProcedure
    .input(orgInput({ athleteId: idSchema, ...about, upTo: idSchema }).refine(oneThread, oneThreadMessage))
    .mutation(async ({ ctx, input }) => {
      const ref = await athleteFor(ctx, input.athleteId, "view");
      const marked = await markThreadRead(ctx.tx, ctx.org.id, {
        userId: ctx.user.id,
        athleteId: ref.athleteId,
        thread: threadKey(input),
        upTo: input.upTo,
      });
      if (!marked) throw new TRPCError({ code: "NOT_FOUND", message: "No such comment in this thread." });
      return { marked };
    }),

  /** What the caller has yet to read, by thread (newest first), and in all: the navigation's badge. */
  unread: orgProcedure.query(async ({ ctx }) => {
    const threads = await unreadThreads(ctx.tx, ctx.org.id, ctx.actor);
    return {
      total: threads.reduce((sum, t) => sum + t.count, 0),
      threads: threads.map((t) => ({ ...t, lastAt: new Date(t.lastAt).toISOString() })),
    };
  }),
});
