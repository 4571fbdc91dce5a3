import { can } from "~/domain/authz/policy";
import { listAthletes } from "~/server/data/athletes";
import { createRouter, orgProcedure } from "../trpc";

export const athletesRouter = createRouter({
  /** The athletes the caller may see: all for owners, their own for coaches, themselves for athletes. */
  list: orgProcedure.query(({ ctx }) => {
    if (can(ctx.actor, { type: "organisation.viewAllAthletes" })) return listAthletes(ctx.tx, ctx.org.id);
    if (ctx.actor.role === "coach") return listAthletes(ctx.tx, ctx.org.id, { coachUserId: ctx.user.id });
    return ctx.actor.athleteId ? listAthletes(ctx.tx, ctx.org.id, { athleteId: ctx.actor.athleteId }) : [];
  }),
});
