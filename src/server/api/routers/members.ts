import "server-only";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { recordAudit } from "~/server/data/audit";
import {
  assignCoach,
  changeRole,
  countOwners,
  findMember,
  listMembers,
  removeMember,
  unassignCoach,
} from "~/server/data/organisations";
import type { Tx } from "~/server/db/connection";
import { athleteFor } from "../access";
import { createRouter, orgInput, orgProcedureFor } from "../trpc";
import { idSchema, roleSchema } from "../schemas";

async function requireMember(tx: Tx, orgId: string, userId: string) {
  const member = await findMember(tx, orgId, userId);
  if (!member) throw new TRPCError({ code: "NOT_FOUND", message: "No such member." });
  return member;
}

/** An organisation must always keep an owner: refuse to demote or remove the last one. */
async function ensureOwnerRemains(tx: Tx, orgId: string, member: { role: string }) {
  if (member.role === "owner" && (await countOwners(tx, orgId)) <= 1) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "An organisation needs at least one owner: make someone else owner first.",
    });
  }
}

/** Managing members: for those the policy lets (owners). */
const manageMembersProcedure = orgProcedureFor({ type: "organisation.manageMembers" });

export const membersRouter = createRouter({
  /** Everyone in the organisation with their role and coaches (owners only). */
  list: manageMembersProcedure.query(async ({ ctx }) => {
    return listMembers(ctx.tx, ctx.org.id);
  }),

  changeRole: manageMembersProcedure
    .input(orgInput({ userId: idSchema, role: roleSchema }))
    .mutation(async ({ ctx, input }) => {
      const member = await requireMember(ctx.tx, ctx.org.id, input.userId);
      if (member.role === input.role) return { ok: true };
      await ensureOwnerRemains(ctx.tx, ctx.org.id, member);
      await changeRole(ctx.tx, ctx.org.id, input.userId, input.role, member.name);
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: "member.role_changed",
        subject: member.name,
        details: { from: member.role, to: input.role },
      });
      return { ok: true };
    }),

  remove: manageMembersProcedure.input(orgInput({ userId: idSchema })).mutation(async ({ ctx, input }) => {
    const member = await requireMember(ctx.tx, ctx.org.id, input.userId);
    await ensureOwnerRemains(ctx.tx, ctx.org.id, member);
    await removeMember(ctx.tx, ctx.org.id, input.userId);
    await recordAudit(ctx.tx, {
      orgId: ctx.org.id,
      actorUserId: ctx.user.id,
      action: "member.removed",
      subject: member.name,
      details: { role: member.role },
    });
    return { ok: true };
  }),

  /** Makes a coach (or owner) one of an athlete's coaches, or stops it. */
  setCoach: manageMembersProcedure
    .input(orgInput({ athleteId: idSchema, coachUserId: idSchema, assigned: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const athlete = await athleteFor(ctx, input.athleteId, "view");
      const coach = await requireMember(ctx.tx, ctx.org.id, input.coachUserId);
      if (coach.role === "athlete")
        throw new TRPCError({ code: "BAD_REQUEST", message: `${coach.name} is not a coach.` });
      if (input.assigned) await assignCoach(ctx.tx, ctx.org.id, input.athleteId, input.coachUserId);
      else await unassignCoach(ctx.tx, ctx.org.id, input.athleteId, input.coachUserId);
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: input.assigned ? "coach.assigned" : "coach.unassigned",
        subject: athlete.displayName,
        details: { coach: coach.name },
      });
      return { ok: true };
    }),
});
