import "server-only";
import { z } from "zod";
import { EXCUSED_DAY_REASONS, EXCUSED_NOTE_MAX } from "~/domain/training/excused-days";
import { isoDateSchema } from "~/domain/training/plan-inputs";
import { markExcusedDay, unmarkExcusedDay } from "~/server/services/season-days";
import { athleteFor } from "../access";
import { createRouter, orgInput, orgProcedure } from "../trpc";
import { idSchema } from "../schemas";
import { now } from "~/lib/clock";

/** Days an athlete could not train: marked by the athlete (their own) or their coaches. */
export const excusedDaysRouter = createRouter({
  mark: orgProcedure
    .input(
      orgInput({
        athleteId: idSchema.optional(),
        date: isoDateSchema,
        reason: z.enum(EXCUSED_DAY_REASONS, { error: `Choose one of ${EXCUSED_DAY_REASONS.join(", ")}` }),
        note: z.string().trim().max(EXCUSED_NOTE_MAX, `Keep the note under ${EXCUSED_NOTE_MAX} characters`).default(""),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const athlete = await athleteFor(ctx, input.athleteId, "write");
      const { date, reason, note } = input;
      return markExcusedDay(ctx.tx, ctx.org.id, athlete, { date, reason, note }, { now: now(), userId: ctx.user.id });
    }),

  unmark: orgProcedure
    .input(orgInput({ athleteId: idSchema.optional(), date: isoDateSchema }))
    .mutation(async ({ ctx, input }) => {
      const athlete = await athleteFor(ctx, input.athleteId, "write");
      return unmarkExcusedDay(ctx.tx, ctx.org.id, athlete, input.date);
    }),
});
