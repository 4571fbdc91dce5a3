import "server-only";
import { wellnessValuesSchema } from "~/domain/training/wellness-input";
import { saveCheckin, todaysCheckin } from "~/server/services/season-days";
import { athleteFor } from "../access";
import { athleteProcedure, createRouter, orgInput } from "../trpc";
import { now } from "~/lib/clock";

/** The athlete's daily check-in: only the athlete fills it in; coaches read it on the athlete page. */
export const wellnessRouter = createRouter({
  today: athleteProcedure.query(async ({ ctx }) => {
    const athlete = await athleteFor(ctx, ctx.athleteId, "write");
    return todaysCheckin(ctx.tx, ctx.org.id, athlete, { now: now() });
  }),

  save: athleteProcedure.input(orgInput(wellnessValuesSchema.shape)).mutation(async ({ ctx, input }) => {
    const athlete = await athleteFor(ctx, ctx.athleteId, "write");
    const { orgSlug: _, ...values } = input;
    return saveCheckin(ctx.tx, ctx.org.id, athlete, values, { now: now() });
  }),
});
