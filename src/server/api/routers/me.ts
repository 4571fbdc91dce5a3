import "server-only";
import { createRouter, protectedProcedure } from "../trpc";

export const meRouter = createRouter({
  /** The signed-in user's profile and display preferences. */
  get: protectedProcedure.query(({ ctx }) => {
    const { id, email, name, units, timeZone, weekStartDay } = ctx.user;
    return { id, email, name, units, timeZone, weekStartDay };
  }),
});
