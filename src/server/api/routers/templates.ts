import "server-only";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  isoDateSchema,
  MAX_SESSIONS_PER_WEEK,
  readTemplateSessions,
  storedTemplateSessions,
  templateNameSchema,
  templateSessionSchema,
} from "~/domain/training/plan-inputs";
import { deleteTemplate, findTemplate, insertTemplate, listTemplates } from "~/server/data/templates";
import { applyTemplate } from "~/server/services/apply-template";
import { coachedAthletes } from "../access";
import { coachingProcedure, createRouter, orgInput } from "../trpc";
import { idSchema } from "../schemas";
import { now } from "~/lib/clock";

export const MAX_ATHLETES_PER_APPLY = 100;
export const MAX_WEEKS_PER_APPLY = 8;

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "No such template." });

export const templatesRouter = createRouter({
  /** The organisation's weekly templates (coaches and owners). */
  list: coachingProcedure.query(async ({ ctx }) => {
    const rows = await listTemplates(ctx.tx, ctx.org.id);
    return rows.map((t) => ({
      id: t.id,
      name: t.name,
      createdByName: t.createdByName,
      createdAt: t.createdAt,
      sessions: readTemplateSessions(t.sessions),
    }));
  }),

  /** Saves a week's structure under a name, unique in the organisation. */
  create: coachingProcedure
    .input(
      orgInput({
        name: templateNameSchema,
        sessions: z.array(templateSessionSchema).min(1, "Add at least one session first").max(MAX_SESSIONS_PER_WEEK),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const row = await insertTemplate(ctx.tx, ctx.org.id, {
        name: input.name,
        sessions: storedTemplateSessions(input.sessions),
        createdBy: ctx.user.id,
      });
      if (!row)
        throw new TRPCError({
          code: "CONFLICT",
          message: `There is already a template called “${input.name}”. Pick another name.`,
        });
      return { id: row.id, name: row.name };
    }),

  delete: coachingProcedure.input(orgInput({ templateId: idSchema })).mutation(async ({ ctx, input }) => {
    if (!(await deleteTemplate(ctx.tx, ctx.org.id, input.templateId))) throw notFound();
    return { ok: true };
  }),

  /**
   * Applies a template to athletes the caller coaches, for `weekCount` consecutive weeks from the week
   * containing `from`: draft weeks are created or replaced; published weeks are kept unless
   * `overwritePublished`. Returns the rules engine's flags for every resulting week.
   */
  assign: coachingProcedure
    .input(
      orgInput({
        templateId: idSchema,
        athleteIds: z.array(idSchema).min(1, "Choose at least one athlete").max(MAX_ATHLETES_PER_APPLY),
        from: isoDateSchema,
        weekCount: z.number().int().min(1).max(MAX_WEEKS_PER_APPLY),
        scale: z.boolean(),
        overwritePublished: z.boolean(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const template = await findTemplate(ctx.tx, ctx.org.id, input.templateId);
      if (!template) throw notFound();
      const sessions = readTemplateSessions(template.sessions);
      if (sessions.length === 0)
        throw new TRPCError({ code: "BAD_REQUEST", message: "This template has no sessions to apply." });
      const refs = await coachedAthletes(ctx, input.athleteIds);
      return applyTemplate(
        ctx.tx,
        ctx.org,
        sessions,
        { ...input, athleteIds: refs.map((r) => r.athleteId) },
        { now: now(), userId: ctx.user.id },
      );
    }),
});
