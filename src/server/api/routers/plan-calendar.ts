import "server-only";
import { z } from "zod";
import { isoDateSchema, MAX_SESSIONS_PER_WEEK } from "~/domain/training/plan-inputs";
import { now } from "~/lib/clock";
import {
  calendarWeeks,
  copySessions,
  MAX_CALENDAR_WEEKS,
  moveSession,
  removeSessions,
} from "~/server/services/calendar-edits";
import { athleteFor } from "../access";
import { coachingProcedure, createRouter, orgInput } from "../trpc";
import { idSchema } from "../schemas";

/** The versions of the weeks on the coach's screen, checked by every edit (optimistic locking). */
const seenSchema = z
  .array(
    z.strictObject({
      weekStart: isoDateSchema,
      version: z.number().int().min(1).max(2_000_000_000).nullable(),
    }),
  )
  .max(2 * MAX_CALENDAR_WEEKS + 2);

/** The coach's multi-week calendar of one athlete: read several weeks, move, copy, undo a copy. */
export const planCalendarRouter = createRouter({
  /** `count` weeks from the week containing `from`: sessions, runs and each week's live verdict. */
  weeks: coachingProcedure
    .input(
      orgInput({
        athleteId: idSchema,
        from: isoDateSchema.optional(),
        count: z.number().int().min(1).max(MAX_CALENDAR_WEEKS),
      }),
    )
    .query(async ({ ctx, input }) => {
      const athlete = await athleteFor(ctx, input.athleteId, "coach");
      return calendarWeeks(ctx.tx, ctx.org, athlete, { from: input.from, count: input.count, now: now() });
    }),

  /** Moves a session to another day (any week). CONFLICT if either week changed since the coach saw it. */
  move: coachingProcedure
    .input(orgInput({ athleteId: idSchema, sessionId: idSchema, toDate: isoDateSchema, seen: seenSchema }))
    .mutation(async ({ ctx, input }) => {
      const athlete = await athleteFor(ctx, input.athleteId, "coach");
      return moveSession(ctx.tx, ctx.org.id, athlete, input, { now: now(), userId: ctx.user.id });
    }),

  /** Copies a day, a week or a block of weeks so it starts on `targetFrom`. */
  copy: coachingProcedure
    .input(
      orgInput({
        athleteId: idSchema,
        sourceFrom: isoDateSchema,
        sourceTo: isoDateSchema,
        targetFrom: isoDateSchema,
        seen: seenSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const athlete = await athleteFor(ctx, input.athleteId, "coach");
      return copySessions(ctx.tx, ctx.org.id, athlete, input, { now: now(), userId: ctx.user.id });
    }),

  /** Removes sessions: how a copy is undone. */
  remove: coachingProcedure
    .input(
      orgInput({
        athleteId: idSchema,
        sessionIds: z
          .array(idSchema)
          .min(1)
          .max(MAX_SESSIONS_PER_WEEK * MAX_CALENDAR_WEEKS),
        seen: seenSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const athlete = await athleteFor(ctx, input.athleteId, "coach");
      return removeSessions(ctx.tx, ctx.org.id, athlete, input, { userId: ctx.user.id });
    }),
});
