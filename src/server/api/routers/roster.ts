import { z } from "zod";
import { athleteOverview, OVERVIEW_WEEKS } from "~/server/services/athlete-overview";
import { rosterFor } from "~/server/services/roster";
import { athleteFor } from "../access";
import { coachingProcedure, createRouter, orgInput, orgProcedure } from "../trpc";
import { idSchema } from "../schemas";
import { now } from "~/lib/clock";

export const rosterRouter = createRouter({
  /** The coach's athletes at a glance (owners: everyone), most in need of attention first. */
  list: coachingProcedure.query(({ ctx }) => {
    return rosterFor(ctx.tx, ctx.org, ctx.actor, now());
  }),

  /** One coached athlete's recent and upcoming weeks, charts' data and training settings. */
  athlete: orgProcedure
    .input(
      orgInput({
        athleteId: idSchema,
        weeks: z.number().int().min(OVERVIEW_WEEKS.min).max(OVERVIEW_WEEKS.max).default(OVERVIEW_WEEKS.default),
      }),
    )
    .query(async ({ ctx, input }) => {
      const athlete = await athleteFor(ctx, input.athleteId, "coach");
      return athleteOverview(ctx.tx, ctx.org, athlete, { now: now(), weekCount: input.weeks });
    }),
});
