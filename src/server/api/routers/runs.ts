import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { can } from "~/domain/authz/policy";
import { futureDateProblem, runFieldsSchema } from "~/domain/training/run-input";
import { zonedDate, zonedDateTimeToUtc } from "~/lib/zoned-time";
import {
  deleteRun,
  earlierAnswer,
  findPlannedSession,
  listRuns,
  readRunLogBasis,
  saveLoggedRun,
  updateRun,
  type RunFields,
} from "~/server/data/runs";
import type { Tx } from "~/server/db/connection";
import {
  feedbackAfterSaving,
  feedbackBeforeSaving,
  readerOf,
  runDto,
  type LoggedRun,
} from "~/server/services/run-feedback";
import { notificationBatch } from "~/server/services/notify";
import { refuseField } from "~/server/errors";
import { runLapCompliance } from "~/server/services/run-laps";
import { athleteAllowed, runFor } from "../access";
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
  const fields = runFieldsOf(timeZone, input, now);
  if (fields.plannedSessionId && !(await findPlannedSession(tx, orgId, athleteId, fields.plannedSessionId)))
    refusePlannedSession();
  return fields;
}

/** toRunFields without the planned session's check (the run log reads it with everything else). */
function runFieldsOf(timeZone: string, input: z.output<typeof runFieldsSchema>, now: Date): RunFields {
  const problem = futureDateProblem(input.date, zonedDate(now, timeZone));
  if (problem) refuseField("run.date", problem);
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

const refusePlannedSession = () =>
  refuseField("run.plannedSessionId", "That planned session is not in this athlete's plan.");

/** A used idempotency key: the same request's first answer, or a refusal for a different request. */
function answerOfEarlier(answer: ReturnType<typeof earlierAnswer>): LoggedRun {
  if (answer.status === "mismatch")
    throw new TRPCError({ code: "CONFLICT", message: "This submission key was already used for a different run." });
  return answer.response as LoggedRun;
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
    const athleteId = input.athleteId ?? ctx.actor.athleteId;
    if (!athleteId) throw new TRPCError({ code: "BAD_REQUEST", message: "Choose the athlete this run belongs to." });
    const scope = { orgId: ctx.org.id, userId: ctx.user.id, key: input.idempotencyKey };
    // Two statements after the organisation's entry (ADR 024): one reads all that the checks and the
    // feedback need, one writes the run, its answer and the coaches' warnings, or nothing.
    const basis = await readRunLogBasis(ctx.tx, {
      scope,
      athleteId,
      date: input.run.date,
      plannedSessionId: input.run.plannedSessionId,
    });
    const athlete = athleteAllowed(ctx.actor, basis.athlete, "write");
    const requestHash = createHash("sha256")
      .update(JSON.stringify([athlete.athleteId, input.run]))
      .digest("hex");
    if (basis.earlier) return answerOfEarlier(earlierAnswer(basis.earlier, requestHash));

    const now = clockNow();
    const fields = runFieldsOf(athlete.timeZone, input.run, now);
    if (!basis.plannedSessionFound) refusePlannedSession();
    const run = {
      id: randomUUID(),
      athleteId: athlete.athleteId,
      startedAt: fields.startedAt,
      localDate: fields.localDate,
      kind: fields.kind,
      durationS: fields.durationS,
      distanceM: fields.distanceM,
      rpe: fields.rpe,
      notes: fields.notes,
      private: fields.private,
      plannedSessionId: fields.plannedSessionId,
      source: "manual" as const,
    };
    const { feedback, warnings } = feedbackBeforeSaving(ctx.org, athlete, run, basis.week, {
      now,
      reader: readerOf(ctx, athlete),
      actorUserId: ctx.user.id,
    });
    const response: LoggedRun = { run: runDto(run), feedback };
    const outcome = await saveLoggedRun(ctx.tx, {
      scope,
      requestHash,
      response,
      run: { id: run.id, athleteId: athlete.athleteId, createdBy: ctx.user.id, fields },
      notifications: notificationBatch(warnings),
    });
    // A concurrent request with the same key claimed it first: answer as it did.
    if (!outcome.saved) return answerOfEarlier(earlierAnswer(outcome.earlier, requestHash));
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
