import "server-only";
import { rosterFor } from "~/server/services/roster";
import { coachingProcedure, createRouter } from "../trpc";
import { now } from "~/lib/clock";

export const rosterRouter = createRouter({
  /** The coach's athletes at a glance (owners: everyone), most in need of attention first. */
  list: coachingProcedure.meta({ reads: "replica" }).query(({ ctx }) => {
    return rosterFor(ctx.tx, ctx.org, ctx.actor, now(), ctx.writeCache);
  }),
});
