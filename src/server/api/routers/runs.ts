import "server-only";
import { createHash } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { can } from "~/domain/authz/policy";
import { futureDateProblem, runFieldsSchema } from "~/domain/training/run-input";
import { zonedDate, zonedDateTimeToUtc } from "~/lib/zoned-time";
import {
  claimIdempotencyKey,
  deleteRun,
  findPlannedSession,
  insertRun,
  listRuns,
  storeIdempotentResponse,
  updateRun,
  type RunFields,
} from "~/server/data/runs";
import type { Tx } from "~/server/db/connection";
import { feedbackAfterSaving, readerOf, runDto, type LoggedRun } from "~/server/services/run-feedback";
import { refuseField } from "~/server/errors";
import { runLapCompliance } from "~/server/services/run-laps";
import { athleteFor, runFor } from "../access";
import { athleteProcedure, createRouter, orgInput, orgProcedure } from "../trpc";
import { idSchema } from "../schemas";
import { now as clockNow } from "~/lib/clock";

/** Checks what the schema cannot: the date against the athlete's today, the planned session's owner. */
async function toRunFields(
  tx: Tx,
  orgId: string,
  athleteId: string,
  timeZone: string,
  input: z.output<typeof runFieldsSchema>,
  now: Date,
): Promise<RunFields> {
  const problem = futureDateProblem(input.date, zonedDate(now, timeZone));
  if (problem) refuseField("run.date", problem);
  if (input.plannedSessionId && !(await findPlannedSession(tx, orgId, athleteId, input.plannedSessionId))) {
    refuseField("run.plannedSessionId", "That planned session is not in this athlete's plan.");
  }
  return {
    startedAt: zonedDateTimeToUtc(input.date, input.time, timeZone),
    localDate: input.date,
    kind: input.kind,
    durationS: input.durationS,
    distanceM: input.distanceM,
    rpe: input.rpe,
    notes: input.notes,
    private: input.private,
    plannedSessionId: input.plannedSessionId,
  };
}

const logInput = orgInput({
  idempotencyKey: z.string().uuid("Missing idempotency key"),
  athleteId: idSchema.optional(),
  run: runFieldsSchema,
});

export const runsRouter = createRouter({
  /**
   * Logs a run. The client sends an idempotency key: a double tap, a retry or a flaky network
   * resending the same request creates one run and gets the same answer.
   */
  log: orgProcedure.input(logInput).mutation(async ({ ctx, input }) => {
    // Whose run: the caller's own profile, or an athlete they coach.
    if (!input.athleteId && !ctx.actor.athleteId)
      throw new TRPCError({ code: "BAD_REQUEST", message: "Choose the athlete this run belongs to." });
    const athlete = await athleteFor(ctx, input.athleteId, "write");
    const scope = { orgId: ctx.org.id, userId: ctx.user.id, key: input.idempotencyKey };
    const requestHash = createHash("sha256")
      .update(JSON.stringify([athlete.athleteId, input.run]))
      .digest("hex");
    const claim = await claimIdempotencyKey(ctx.tx, scope, requestHash);
    if (claim.status === "mismatch")
      throw new TRPCError({ code: "CONFLICT", message: "This submission key was already used for a different run." });
    if (claim.status === "replay") return claim.response as LoggedRun;

    const now = clockNow();
    const fields = await toRunFields(ctx.tx, ctx.org.id, athlete.athleteId, athlete.timeZone, input.run, now);
    const run = await insertRun(ctx.tx, ctx.org.id, athlete.athleteId, ctx.user.id, fields);
    const response = {
      run: runDto(run),
      feedback: await feedbackAfterSaving(ctx.tx, ctx.org, athlete, run, {
        now,
        reader: readerOf(ctx, athlete),
        actorUserId: ctx.user.id,
      }),
    };
    await storeIdempotentResponse(ctx.tx, scope, response);
    return response;
  }),

  /** One run, for its athlete and their coaches (teammates only when it is not private). */
  get: orgProcedure.input(orgInput({ runId: idSchema })).query(async ({ ctx, input }) => {
    const { run, athlete } = await runFor(ctx, input.runId, "view");
    return {
      ...run,
      canEdit: can(ctx.actor, { type: "run.write", athlete }),
      athleteName: athlete.displayName,
      /** The laps against the structured session the run fulfils, if both exist. */
      lapCompliance: await runLapCompliance(ctx.tx, ctx.org.id, run, athlete),
    };
  }),

  update: orgProcedure.input(orgInput({ runId: idSchema, run: runFieldsSchema })).mutation(async ({ ctx, input }) => {
    const { run: existing, athlete } = await runFor(ctx, input.runId, "write");
    const now = clockNow();
    const run = await updateRun(
      ctx.tx,
      ctx.org.id,
      input.runId,
      await toRunFields(ctx.tx, ctx.org.id, existing.athleteId, athlete.timeZone, input.run, now),
    );
    return {
      run: runDto(run!),
      feedback: await feedbackAfterSaving(ctx.tx, ctx.org, athlete, run!, {
        now,
        reader: readerOf(ctx, athlete),
        actorUserId: ctx.user.id,
      }),
    };
  }),

  delete: orgProcedure.input(orgInput({ runId: idSchema })).mutation(async ({ ctx, input }) => {
    await runFor(ctx, input.runId, "write");
    await deleteRun(ctx.tx, ctx.org.id, input.runId);
    return { ok: true };
  }),

  /** Every run of the caller's, for the CSV export (my data is mine). */
  allMine: athleteProcedure
    .meta({ refusal: "Only athletes have runs to export.", reads: "replica" })
    .query(async ({ ctx }) => {
      return listRuns(ctx.tx, ctx.org.id, ctx.athleteId);
    }),
});
