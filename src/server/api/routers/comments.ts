import "server-only";
import { TRPCError } from "@trpc/server";
import { isoDateSchema, plainText } from "~/domain/training/plan-inputs";
import { findRunAthlete, insertComment, listComments } from "~/server/data/comments";
import { athleteFor } from "../access";
import { createRouter, orgInput, orgProcedure } from "../trpc";
import { idSchema } from "../schemas";

export const MAX_COMMENT_LENGTH = 2000;

/** A comment is about one run or one week of the athlete. */
const about = {
  runId: idSchema.optional(),
  weekStart: isoDateSchema.optional(),
};

export const commentsRouter = createRouter({
  /** A coach's comment on one of their athlete's runs or weeks. */
  create: orgProcedure
    .input(
      orgInput({
        athleteId: idSchema,
        ...about,
        body: plainText(MAX_COMMENT_LENGTH).refine((body) => body.length > 0, "Write a comment first"),
      }).refine((input) => (input.runId === undefined) !== (input.weekStart === undefined), {
        message: "Comment on a run or on a week",
        path: ["runId"],
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const ref = await athleteFor(ctx, input.athleteId, "coach");
      if (input.runId) {
        const run = await findRunAthlete(ctx.tx, ctx.org.id, input.runId);
        if (run?.athleteId !== ref.athleteId) throw new TRPCError({ code: "NOT_FOUND", message: "No such run." });
      }
      return insertComment(ctx.tx, ctx.org.id, {
        athleteId: ref.athleteId,
        runId: input.runId ?? null,
        weekStart: input.weekStart ?? null,
        authorUserId: ctx.user.id,
        body: input.body,
      });
    }),

  /** Comments about an athlete, newest first: for the athlete themself and their coaches. */
  listForAthlete: orgProcedure.input(orgInput({ athleteId: idSchema, ...about })).query(async ({ ctx, input }) => {
    const ref = await athleteFor(ctx, input.athleteId, "view");
    return listComments(ctx.tx, ctx.org.id, ref.athleteId, { runId: input.runId, weekStart: input.weekStart });
  }),
});
