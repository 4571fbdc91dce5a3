import "server-only";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { SESSION_KINDS } from "~/domain/rules";
import { zonedDate } from "~/lib/zoned-time";
import { deleteImport, linkImportToRun } from "~/server/data/imports";
import { insertRun } from "~/server/data/runs";
import { pendingImports, plannedSessionFor } from "~/server/services/imports";
import { feedbackAfterSaving, readerOf, runDto } from "~/server/services/run-feedback";
import { athleteFor, importFor } from "../access";
import { createRouter, orgInput, orgProcedure } from "../trpc";
import { idSchema } from "../schemas";
import { now } from "~/lib/clock";

export const importsRouter = createRouter({
  /** Runs read from files, waiting for the athlete's RPE (and kind, preselected from that day's plan). */
  pending: orgProcedure.input(orgInput({ athleteId: idSchema.optional() })).query(async ({ ctx, input }) => {
    const athlete = await athleteFor(ctx, input.athleteId, "write");
    return pendingImports(ctx.tx, ctx.org.id, athlete);
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
      const { draft, athlete } = await importFor(ctx, input.importId);
      if (draft.runId) throw new TRPCError({ code: "CONFLICT", message: "This run was already saved." });
      const localDate = zonedDate(draft.startedAt, athlete.timeZone);
      const run = await insertRun(
        ctx.tx,
        ctx.org.id,
        draft.athleteId,
        ctx.user.id,
        {
          startedAt: draft.startedAt,
          localDate,
          kind: input.kind,
          durationS: Math.max(1, draft.movingS),
          distanceM: draft.distanceM,
          rpe: input.rpe,
          notes: input.notes,
          private: input.private,
          plannedSessionId: await plannedSessionFor(ctx.tx, ctx.org.id, draft.athleteId, localDate, input.kind),
        },
        "import",
        draft.laps,
      );
      await linkImportToRun(ctx.tx, ctx.org.id, draft.id, run.id);
      return {
        run: runDto(run),
        feedback: await feedbackAfterSaving(ctx.tx, ctx.org, athlete, run, {
          now: now(),
          reader: readerOf(ctx, athlete),
          actorUserId: ctx.user.id,
        }),
      };
    }),

  discard: orgProcedure.input(orgInput({ importId: idSchema })).mutation(async ({ ctx, input }) => {
    const { draft } = await importFor(ctx, input.importId);
    await deleteImport(ctx.tx, ctx.org.id, draft.id);
    return { ok: true };
  }),
});
