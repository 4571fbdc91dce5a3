import "server-only";
import { can } from "~/domain/authz/policy";
import { listAudit } from "~/server/data/audit";
import { listMyOrganisations } from "~/server/data/organisations";
import { listOutbox } from "~/server/data/outbox";
import { mailIsDelivered } from "~/server/mail/send-mail";
import { ensure } from "~/server/errors";
import { createRouter, orgProcedure, orgProcedureFor, protectedProcedure } from "../trpc";

export const organisationsRouter = createRouter({
  /** The caller's organisations and role in each: the organisation switcher. */
  mine: protectedProcedure.query(({ ctx }) => listMyOrganisations(ctx.tx, ctx.user.id)),

  /** The organisation the caller is acting in, and what their role lets them do there. */
  current: orgProcedure.query(({ ctx }) => ({
    id: ctx.org.id,
    slug: ctx.org.slug,
    name: ctx.org.name,
    role: ctx.actor.role,
    athleteId: ctx.actor.athleteId,
    abilities: {
      manageMembers: can(ctx.actor, { type: "organisation.manageMembers" }),
      inviteAthletes: can(ctx.actor, { type: "invitation.create", role: "athlete" }),
      viewAudit: can(ctx.actor, { type: "organisation.viewAudit" }),
      viewOutbox: can(ctx.actor, { type: "organisation.viewOutbox" }) && !mailIsDelivered(),
    },
  })),

  /** Sensitive actions, newest first (owners only). */
  audit: orgProcedureFor({ type: "organisation.viewAudit" }).query(async ({ ctx }) => {
    return listAudit(ctx.tx, ctx.org.id);
  }),

  /** Mail that was kept instead of sent because no SMTP server is configured (owners only). */
  outbox: orgProcedureFor({ type: "organisation.viewOutbox" }).query(async ({ ctx }) => {
    ensure(!mailIsDelivered());
    return listOutbox(ctx.tx, ctx.org.id);
  }),
});
