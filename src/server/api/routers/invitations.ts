import "server-only";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { can, type Role } from "~/domain/authz/policy";
import { hashPassword } from "~/server/auth/password";
import { passwordWeakness } from "~/server/auth/password-policy";
import { countRecentActions, recordAudit } from "~/server/data/audit";
import {
  createInvitation,
  createInvitedAccount,
  enterInvitation,
  findOpenInvitation,
  listOpenInvitations,
  markAccepted,
  newInvitationToken,
  organisationName,
  previewInvitation,
  renewInvitation,
  revokeInvitation,
  revokeOpenInvitationsFor,
} from "~/server/data/invitations";
import { addMember, assignCoach, findAthleteByUser, findMember, isMember } from "~/server/data/organisations";
import type { Tx } from "~/server/db/connection";
import { withSession } from "~/server/db/tenant";
import { appUrl } from "~/server/env";
import { ensure, refuseField, ServiceError } from "~/server/errors";
import { sendMail } from "~/server/mail/send-mail";
import { createRouter, orgInput, orgProcedureFor, publicProcedure } from "../trpc";
import { browserTimeZoneSchema, emailSchema, idSchema, nameSchema, newPasswordSchema, roleSchema } from "../schemas";
import { setTimeZone } from "~/server/data/users";
import { now as clockNow } from "~/lib/clock";
import { notifyInvitationAccepted } from "~/server/services/notification-events";

const tokenSchema = z
  .string()
  .trim()
  .min(20)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, "Not a valid invitation link");

const ROLE_WORDS: Record<Role, string> = { owner: "an owner", coach: "a coach", athlete: "an athlete" };

async function mailInvitation(
  tx: Tx,
  input: {
    orgId: string;
    orgName: string;
    inviterName: string;
    email: string;
    role: Role;
    token: string;
    expiresAt: Date;
  },
) {
  const link = `${appUrl()}/invite/${input.token}`;
  await sendMail(tx, input.orgId, {
    to: input.email,
    subject: `${input.inviterName} invited you to ${input.orgName} on Runbalance`,
    text: [
      `${input.inviterName} invited you to join ${input.orgName} on Runbalance as ${ROLE_WORDS[input.role]}.`,
      "",
      `Accept the invitation: ${link}`,
      "",
      `The link works once and expires on ${input.expiresAt.toUTCString()}.`,
      "If you did not expect this, you can ignore this email.",
    ].join("\n"),
  });
}

type InvitationState = "open" | "expired" | "revoked" | "accepted";

function stateOf(
  invitation: { expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null },
  now: Date,
): InvitationState {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  return invitation.expiresAt <= now ? "expired" : "open";
}

/**
 * Invitation mail, sent or resent, is limited per inviter and per organisation (ADR 010): enough for
 * a club's season start, too few to mail-bomb an address or to probe many addresses.
 */
const INVITATION_LIMITS = [
  { within: "1 hour", max: 30, perInviter: true },
  { within: "24 hours", max: 200, perInviter: false },
] as const;

async function ensureInvitationBudget(tx: Tx, orgId: string, userId: string) {
  for (const limit of INVITATION_LIMITS) {
    const sent = await countRecentActions(tx, {
      orgId,
      actions: ["invitation.created", "invitation.resent"],
      within: limit.within,
      ...(limit.perInviter ? { actorUserId: userId } : {}),
    });
    if (sent >= limit.max) {
      throw new ServiceError(
        "TOO_MANY_REQUESTS",
        `${limit.perInviter ? "You have" : "Your organisation has"} sent ${limit.max} invitations in the last ${limit.within}. Try again later.`,
      );
    }
  }
}

const UNUSABLE: Record<Exclude<InvitationState, "open">, string> = {
  expired: "This invitation has expired. Ask for a new one.",
  revoked: "This invitation was withdrawn. Ask for a new one if you still need it.",
  accepted: "This invitation has already been used. Sign in instead.",
};

/** Invitations are for those who may invite someone (owners; coaches, athletes only): each is checked by role. */
const invitingProcedure = orgProcedureFor({ type: "invitation.create", role: "athlete" });

export const invitationsRouter = createRouter({
  /** Open invitations (owners see all; coaches the athlete invitations they may manage). */
  list: invitingProcedure.query(async ({ ctx }) => {
    const open = await listOpenInvitations(ctx.tx, ctx.org.id);
    return open.filter((i) => can(ctx.actor, { type: "invitation.manage", role: i.role }));
  }),

  create: invitingProcedure
    .input(orgInput({ email: emailSchema, role: roleSchema }))
    .mutation(async ({ ctx, input }) => {
      ensure(
        can(ctx.actor, { type: "invitation.create", role: input.role }),
        "Only owners can invite coaches and owners.",
      );
      if (await isMember(ctx.tx, ctx.org.id, input.email)) {
        throw new TRPCError({ code: "CONFLICT", message: `${input.email} is already a member of ${ctx.org.name}.` });
      }
      await ensureInvitationBudget(ctx.tx, ctx.org.id, ctx.user.id);
      const now = clockNow();
      // Re-inviting replaces any earlier open link for the same address.
      await revokeOpenInvitationsFor(ctx.tx, ctx.org.id, input.email, now);
      const { token, tokenHash } = newInvitationToken();
      const invitation = await createInvitation(ctx.tx, {
        orgId: ctx.org.id,
        email: input.email,
        role: input.role,
        invitedBy: ctx.user.id,
        tokenHash,
        now,
      });
      await mailInvitation(ctx.tx, {
        orgId: ctx.org.id,
        orgName: ctx.org.name,
        inviterName: ctx.user.name,
        email: input.email,
        role: input.role,
        token,
        expiresAt: invitation.expiresAt,
      });
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: "invitation.created",
        subject: input.email,
        details: { role: input.role },
      });
      return { id: invitation.id, expiresAt: invitation.expiresAt };
    }),

  revoke: invitingProcedure.input(orgInput({ invitationId: idSchema })).mutation(async ({ ctx, input }) => {
    const invitation = await findOpenInvitation(ctx.tx, ctx.org.id, input.invitationId);
    if (!invitation) throw new TRPCError({ code: "NOT_FOUND", message: "No open invitation with this id." });
    ensure(can(ctx.actor, { type: "invitation.manage", role: invitation.role }));
    await revokeInvitation(ctx.tx, ctx.org.id, invitation.id, clockNow());
    await recordAudit(ctx.tx, {
      orgId: ctx.org.id,
      actorUserId: ctx.user.id,
      action: "invitation.revoked",
      subject: invitation.email,
    });
    return { ok: true };
  }),

  /** Sends a fresh link (the old one stops working) with a new expiry. */
  resend: invitingProcedure.input(orgInput({ invitationId: idSchema })).mutation(async ({ ctx, input }) => {
    const invitation = await findOpenInvitation(ctx.tx, ctx.org.id, input.invitationId);
    if (!invitation) throw new TRPCError({ code: "NOT_FOUND", message: "No open invitation with this id." });
    ensure(can(ctx.actor, { type: "invitation.manage", role: invitation.role }));
    await ensureInvitationBudget(ctx.tx, ctx.org.id, ctx.user.id);
    const now = clockNow();
    const { token, tokenHash } = newInvitationToken();
    await renewInvitation(ctx.tx, ctx.org.id, invitation.id, tokenHash, now);
    const expiresAt = new Date(now.getTime() + 7 * 86_400_000);
    await mailInvitation(ctx.tx, {
      orgId: ctx.org.id,
      orgName: ctx.org.name,
      inviterName: ctx.user.name,
      email: invitation.email,
      role: invitation.role,
      token,
      expiresAt,
    });
    await recordAudit(ctx.tx, {
      orgId: ctx.org.id,
      actorUserId: ctx.user.id,
      action: "invitation.resent",
      subject: invitation.email,
    });
    return { ok: true };
  }),

  /**
   * What an invitation link is for, shown before accepting. The token is the only credential. It does
   * not say whether the address has an account: the page offers both signing in and creating one, and
   * `accept` decides.
   */
  preview: publicProcedure.input(z.object({ token: tokenSchema }).strict()).query(async ({ ctx, input }) => {
    const invitation = await previewInvitation(ctx.db, input.token);
    if (!invitation) throw new TRPCError({ code: "NOT_FOUND", message: "This invitation link is not valid." });
    const state = stateOf(invitation, clockNow());
    return {
      organisationName: invitation.organisationName,
      email: invitation.email,
      role: invitation.role,
      state,
      problem: state === "open" ? null : UNUSABLE[state],
      signedInAs: ctx.user?.email ?? null,
    };
  }),

  /**
   * Accepts an invitation: links the signed-in account (whose email must match) or creates a new
   * account with the name and password given. Single use. An address that already has an account
   * must sign in first; saying so tells only the holder of the link, which was mailed to that address.
   */
  accept: publicProcedure
    .input(
      z
        .object({
          token: tokenSchema,
          name: nameSchema.optional(),
          password: newPasswordSchema.optional(),
          timeZone: browserTimeZoneSchema,
        })
        .strict(),
    )
    .mutation(async ({ ctx, input }) => {
      return withSession(ctx.db, ctx.user ? ctx.sessionSecret : null, async (tx) => {
        const invitation = await enterInvitation(tx, input.token);
        if (!invitation) throw new TRPCError({ code: "NOT_FOUND", message: "This invitation link is not valid." });
        const now = clockNow();
        const state = stateOf(invitation, now);
        if (state !== "open") throw new TRPCError({ code: "BAD_REQUEST", message: UNUSABLE[state] });

        let userId: string;
        let name: string;
        if (ctx.user) {
          if (ctx.user.email !== invitation.email) {
            throw new TRPCError({
              code: "FORBIDDEN",
              message: `This invitation is for ${invitation.email}. Sign out, then open the link again.`,
            });
          }
          ({ id: userId, name } = ctx.user);
        } else {
          if (!input.name || !input.password) {
            throw new TRPCError({
              code: "BAD_REQUEST",
              message: "Choose your name and a password to create your account.",
            });
          }
          const weakness = await passwordWeakness(input.password, [invitation.email, input.name]);
          if (weakness) refuseField("password", weakness);
          const created = await createInvitedAccount(tx, input.token, input.name, await hashPassword(input.password));
          if (!created) {
            throw new TRPCError({
              code: "UNAUTHORIZED",
              message: `Sign in as ${invitation.email} to accept this invitation.`,
            });
          }
          ({ userId, name } = { userId: created, name: input.name });
          // A new account starts in the zone of the browser that accepted (the context is its user now).
          if (input.timeZone) await setTimeZone(tx, userId, input.timeZone);
        }

        if (!(await isMember(tx, invitation.orgId, invitation.email))) {
          await addMember(tx, { orgId: invitation.orgId, userId, role: invitation.role, displayName: name });
          // An athlete invited by a coach starts with that coach.
          const [athlete] = invitation.role === "athlete" ? await findAthleteByUser(tx, invitation.orgId, userId) : [];
          const inviter = athlete ? await findMember(tx, invitation.orgId, invitation.invitedBy) : null;
          const coachesThem = Boolean(athlete && inviter && inviter.role !== "athlete");
          if (coachesThem) await assignCoach(tx, invitation.orgId, athlete!.id, inviter!.userId);
          // Whoever invited them hears they joined (if still a member).
          const joined = await organisationName(tx, invitation.orgId);
          await notifyInvitationAccepted(
            tx,
            { id: invitation.orgId, slug: joined!.slug },
            {
              inviterUserId: invitation.invitedBy,
              joined: { userId, name, role: invitation.role, athleteId: athlete?.id ?? null },
              coachesThem,
            },
          );
        }
        await markAccepted(tx, invitation.orgId, invitation.id, userId, now);
        await recordAudit(tx, {
          orgId: invitation.orgId,
          actorUserId: userId,
          action: "invitation.accepted",
          subject: invitation.email,
          details: { role: invitation.role },
        });
        const org = await organisationName(tx, invitation.orgId);
        return { orgSlug: org!.slug, email: invitation.email };
      });
    }),
});
