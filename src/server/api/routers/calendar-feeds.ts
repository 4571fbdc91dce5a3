import "server-only";
import { activeFeed, createFeed, revokeFeeds } from "~/server/data/calendar-feeds";
import { athleteProcedure, createRouter } from "../trpc";

const calendarProcedure = athleteProcedure.meta({ refusal: "Only athletes have a training calendar." });

/** The athlete's private calendar feed of their published plan (served by /api/calendar/<token>). */
export const calendarFeedsRouter = createRouter({
  /** Whether the athlete has a calendar feed (the secret URL itself is only shown when created). */
  status: calendarProcedure.query(async ({ ctx }) => {
    return { active: Boolean(await activeFeed(ctx.tx, ctx.org.id, ctx.athleteId)) };
  }),

  /** Creates a new private feed URL, revoking any earlier one. */
  create: calendarProcedure.mutation(async ({ ctx }) => {
    await revokeFeeds(ctx.tx, ctx.org.id, ctx.athleteId);
    const token = await createFeed(ctx.tx, ctx.org.id, ctx.athleteId);
    return { path: `/api/calendar/${token}` };
  }),

  revoke: calendarProcedure.mutation(async ({ ctx }) => {
    await revokeFeeds(ctx.tx, ctx.org.id, ctx.athleteId);
    return { ok: true };
  }),
});
