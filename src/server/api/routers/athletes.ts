import "server-only";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { paceGuidance } from "~/domain/rules";
import { can } from "~/domain/authz/policy";
import { listAthletes, setRecentRace } from "~/server/data/athletes";
import { athleteOverview, OVERVIEW_WEEKS } from "~/server/services/athlete-overview";
import { athleteFor } from "../access";
import { athleteProcedure, createRouter, orgInput, orgProcedure } from "../trpc";
import { idSchema } from "../schemas";
import { now } from "~/lib/clock";

export const athletesRouter = createRouter({
  /** The athletes the caller may see: all for owners, their own for coaches, themselves for athletes. */
  list: orgProcedure.query(({ ctx }) => {
    if (can(ctx.actor, { type: "organisation.viewAllAthletes" })) return listAthletes(ctx.tx, ctx.org.id);
    if (ctx.actor.role === "coach") return listAthletes(ctx.tx, ctx.org.id, { coachUserId: ctx.user.id });
    return ctx.actor.athleteId ? listAthletes(ctx.tx, ctx.org.id, { athleteId: ctx.actor.athleteId }) : [];
  }),

  /** One coached athlete's recent and upcoming weeks, charts' data and training settings. */
  overview: orgProcedure
    .meta({ reads: "replica" })
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

  /** A recent race for pace guidance (VDOT); null clears it. */
  setRace: athleteProcedure
    .meta({ refusal: "Only athletes record their races here." })
    .input(
      orgInput({
        race: z
          .object({
            distanceM: z
              .number()
              .int()
              .min(800, "Use a race of at least 800 m")
              .max(100_000, "Use a race of at most 100 km"),
            timeS: z
              .number()
              .int()
              .min(90, "That time is too fast to be real")
              .max(24 * 3600, "Use a race under 24 hours"),
          })
          .strict()
          .nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (input.race && input.race.distanceM / input.race.timeS > 10.5) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: "That is faster than the world record: check the distance and time.",
        });
      }
      await setRecentRace(ctx.tx, ctx.org.id, ctx.athleteId, input.race);
      return input.race ? paceGuidance(input.race.distanceM, input.race.timeS) : null;
    }),
});
