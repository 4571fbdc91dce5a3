/**
 * The bounds of a structured session (workout-structure.ts) as a zod schema: what the week save,
 * template save and text entry accept. Bounds are generous for real training and small enough that
 * no structure can make the FIT export, the week builder or the engine do silly amounts of work.
 */
import { z } from "zod";
import type { WorkoutStructure } from "./workout-structure";
import {
  MAX_HEART_RATE,
  MAX_PACE_S_PER_KM,
  MAX_REPEAT_STEPS,
  MAX_REPEAT_TIMES,
  MAX_STEP_METRES,
  MAX_STEP_SECONDS,
  MAX_UNROLLED_STEPS,
  MAX_WORKOUT_ITEMS,
  MIN_HEART_RATE,
  MIN_PACE_S_PER_KM,
  unrolledStepCount,
} from "./workout-format";

const int = (label: string) => z.number().int(`${label} must be a whole number`);

const amountSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("time"),
    seconds: int("Seconds")
      .min(1, "A step lasts at least 1 second")
      .max(MAX_STEP_SECONDS, "A step lasts at most 6 hours"),
  }),
  z.strictObject({
    type: z.literal("distance"),
    meters: int("Metres").min(1, "A step covers at least 1 m").max(MAX_STEP_METRES, "A step covers at most 100 km"),
  }),
]);

const targetSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("open") }),
  z.strictObject({ type: z.literal("pace"), pace: z.enum(["E", "M", "T", "I", "R"]) }),
  z
    .strictObject({
      type: z.literal("paceRange"),
      fastSPerKm: int("A pace").min(MIN_PACE_S_PER_KM, "Paces start at 2:00 /km").max(MAX_PACE_S_PER_KM),
      slowSPerKm: int("A pace").min(MIN_PACE_S_PER_KM).max(MAX_PACE_S_PER_KM, "Paces end at 20:00 /km"),
    })
    .refine((t) => t.fastSPerKm <= t.slowSPerKm, "Write the faster pace first"),
  z
    .strictObject({
      type: z.literal("heartRate"),
      minBpm: int("Heart rate").min(MIN_HEART_RATE, `Heart rates start at ${MIN_HEART_RATE} bpm`).max(MAX_HEART_RATE),
      maxBpm: int("Heart rate").min(MIN_HEART_RATE).max(MAX_HEART_RATE, `Heart rates end at ${MAX_HEART_RATE} bpm`),
    })
    .refine((t) => t.minBpm <= t.maxBpm, "Write the lower heart rate first"),
  z
    .strictObject({
      type: z.literal("rpe"),
      min: int("RPE").min(1, "RPE runs from 1 to 10").max(10, "RPE runs from 1 to 10"),
      max: int("RPE").min(1, "RPE runs from 1 to 10").max(10, "RPE runs from 1 to 10"),
    })
    .refine((t) => t.min <= t.max, "Write the lower RPE first"),
]);

export const workoutStepSchema = z.strictObject({
  kind: z.literal("step"),
  intent: z.enum(["warmup", "work", "recovery", "cooldown"]),
  amount: amountSchema,
  target: targetSchema,
});

export const repeatBlockSchema = z.strictObject({
  kind: z.literal("repeat"),
  times: int("Repeats")
    .min(2, "Repeat at least twice")
    .max(MAX_REPEAT_TIMES, `Repeat at most ${MAX_REPEAT_TIMES} times`),
  steps: z
    .array(workoutStepSchema)
    .min(1, "A repeat needs a step")
    .max(MAX_REPEAT_STEPS, `At most ${MAX_REPEAT_STEPS} steps in a repeat`),
});

/** Typed as the domain's (readonly) shape, so parsed structures flow into it unchanged. */
export const workoutStructureSchema: z.ZodType<WorkoutStructure> = z
  .strictObject({
    items: z
      .array(z.discriminatedUnion("kind", [workoutStepSchema, repeatBlockSchema]))
      .min(1, "A structured session needs at least one step")
      .max(MAX_WORKOUT_ITEMS, `At most ${MAX_WORKOUT_ITEMS} parts in a session`),
  })
  .refine(
    (s) => unrolledStepCount(s) <= MAX_UNROLLED_STEPS,
    `At most ${MAX_UNROLLED_STEPS} steps once the repeats are counted`,
  );

/** A stored structure (jsonb), or null when missing or no longer valid (never throws). */
export function readWorkoutStructure(stored: unknown): WorkoutStructure | null {
  if (stored === null || stored === undefined) return null;
  const parsed = workoutStructureSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
