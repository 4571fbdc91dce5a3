import { can } from "~/domain/authz/policy";
import { listAthletes, recentRuns } from "~/server/data/athletes";
import { createRouter, ensure, orgProcedure } from "../trpc";

export const athletesRouter = createRouter({
  /** The athletes the caller may see: all for owners, their own for coaches, themselves for athletes. */
  list: orgProcedure.query(({ ctx }) => {
    if (can(ctx.actor, { type: "organisation.viewAllAthletes" })) return listAthletes(ctx.tx, ctx.org.id);
    if (ctx.actor.role === "coach") return listAthletes(ctx.tx, ctx.org.id, { coachUserId: ctx.user.id });
    return ctx.actor.athleteId ? listAthletes(ctx.tx, ctx.org.id, { athleteId: ctx.actor.athleteId }) : [];
  }),

  /** The signed-in athlete's own space: profile, coaches and recent runs (private ones included). */
  mine: orgProcedure.query(async ({ ctx }) => {
    ensure(ctx.actor.athleteId !== null, "Only athletes have a training space.");
    const [profile] = await listAthletes(ctx.tx, ctx.org.id, { athleteId: ctx.actor.athleteId });
    return { profile: profile ?? null, recentRuns: await recentRuns(ctx.tx, ctx.org.id, ctx.actor.athleteId) };
  }),
});
