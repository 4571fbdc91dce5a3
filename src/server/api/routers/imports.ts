import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { SESSION_KINDS } from "~/domain/rules";
import { can, type Actor } from "~/domain/authz/policy";
import { zonedDate } from "~/lib/zoned-time";
import { deleteImport, findImport, linkImportToRun, listPendingImports } from "~/server/data/imports";
import { findAthleteRefs } from "~/server/data/organisations";
import { insertRun } from "~/server/data/runs";
import { athleteContexts } from "~/server/data/training";
import type { Tx } from "~/server/db/connection";
import { feedbackFor, runDto } from "~/server/services/run-feedback";
import { createRouter, orgInput, orgProcedure } from "../trpc";
import { idSchema } from "../schemas";
import { now } from "~/lib/clock";

/** An import the caller may act on: their own, or one of an athlete they coach. */
async function writableImport(tx: Tx, orgId: string, actor: Actor, importId: string) {
  const draft = await findImport(tx, orgId, importId);
  const [ref] = draft ? await findAthleteRefs(tx, orgId, [draft.athleteId]) : [];
  if (!draft || !ref || !can(actor, { type: "run.write", athlete: ref }))
    throw new TRPCError({ code: "NOT_FOUND", message: "No such imported run." });
  return draft;
}

export const importsRouter = createRouter({
  /** Runs read from files, waiting for the athlete to give their kind and RPE. */
  pending: orgProcedure.input(orgInput({ athleteId: idSchema.optional() })).query(async ({ ctx, input }) => {
    const id = input.athleteId ?? ctx.actor.athleteId;
    const [ref] = id ? await findAthleteRefs(ctx.tx, ctx.org.id, [id]) : [];
    if (!ref || !can(ctx.actor, { type: "run.write", athlete: ref }))
      throw new TRPCError({ code: "NOT_FOUND", message: "No such athlete." });
    const drafts = await listPendingImports(ctx.tx, ctx.org.id, ref.athleteId);
    return drafts.map((d) => ({ ...d, startedAt: d.startedAt.toISOString(), warnings: d.warnings as string[] }));
  }),

  /**
   * Turns an imported run into a run like a logged one (same rules, same feedback): the file gives
   * the time, duration and distance; the athlete gives the kind and how hard it felt.
   */
  confirm: orgProcedure
    .input(
      orgInput({
        importId: idSchema,
        kind: z.enum(SESSION_KINDS, { error: "Choose what kind of run it was" }),
        rpe: z
          .number({ error: "Rate the effort from 1 to 10" })
          .int()
          .min(1, "RPE goes from 1 to 10")
          .max(10, "RPE goes from 1 to 10"),
        notes: z.string().max(2000).default(""),
        private: z.boolean().default(false),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const draft = await writableImport(ctx.tx, ctx.org.id, ctx.actor, input.importId);
      if (draft.runId) throw new TRPCError({ code: "CONFLICT", message: "This run was already saved." });
      const [athlete] = await athleteContexts(ctx.tx, ctx.org.id, [draft.athleteId]);
      const run = await insertRun(
        ctx.tx,
        ctx.org.id,
        draft.athleteId,
        ctx.user.id,
        {
          startedAt: draft.startedAt,
          localDate: zonedDate(draft.startedAt, athlete!.timeZone),
          kind: input.kind,
          durationS: Math.max(1, draft.movingS),
          distanceM: draft.distanceM,
          rpe: input.rpe,
          notes: input.notes,
          private: input.private,
          plannedSessionId: null,
        },
        "import",
      );
      await linkImportToRun(ctx.tx, ctx.org.id, draft.id, run.id);
      return {
        run: runDto(run),
        feedback: await feedbackFor(ctx.tx, ctx.org, athlete!, run.id, run.localDate, now()),
      };
    }),

  discard: orgProcedure.input(orgInput({ importId: idSchema })).mutation(async ({ ctx, input }) => {
    const draft = await writableImport(ctx.tx, ctx.org.id, ctx.actor, input.importId);
    await deleteImport(ctx.tx, ctx.org.id, draft.id);
    return { ok: true };
  }),
});
