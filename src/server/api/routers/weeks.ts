import "server-only";
import { z } from "zod";
import { can } from "~/domain/authz/policy";
import { isoDateSchema, MAX_SESSIONS_PER_WEEK, weekSessionSchema } from "~/domain/training/plan-inputs";
import { saveWeekAndNotify, weekForEditing } from "~/server/services/week-plans";
import { athleteFor } from "../access";
import { createRouter, orgInput, orgProcedure } from "../trpc";
import { idSchema } from "../schemas";
import { now } from "~/lib/clock";

export const weeksRouter = createRouter({
  /**
   * The week containing `weekStart` (any day of it): for the athlete's coaches, everything the week
   * builder needs, drafts included; for the athlete themself, the week only once it is published.
   */
  get: orgProcedure.input(orgInput({ athleteId: idSchema, weekStart: isoDateSchema })).query(async ({ ctx, input }) => {
    const athlete = await athleteFor(ctx, input.athleteId, "view");
    const asCoach = can(ctx.actor, { type: "athlete.coach", athlete });
    return {
      ...(await weekForEditing(ctx.tx, ctx.org, athlete, input.weekStart, { now: now(), asCoach })),
      canEdit: asCoach,
    };
  }),

  /**
   * Saves the whole week (its sessions replace the stored ones) as a draft or published to the
   * athlete. `version` is the one the editor loaded (null for a week not saved yet): if someone saved
   * since, CONFLICT and nothing changes.
   */
  save: orgProcedure
    .input(
      orgInput({
        athleteId: idSchema,
        weekStart: isoDateSchema,
        version: z.number().int().min(1).max(2_000_000_000).nullable(),
        status: z.enum(["draft", "published"]),
        sessions: z
          .array(weekSessionSchema)
          .max(MAX_SESSIONS_PER_WEEK, `At most ${MAX_SESSIONS_PER_WEEK} sessions a week`),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const athlete = await athleteFor(ctx, input.athleteId, "coach");
      return saveWeekAndNotify(ctx.tx, ctx.org, athlete, input, { now: now(), user: ctx.user });
    }),
});
