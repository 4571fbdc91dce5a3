/**
 * How the workout text grammar writes times and distances, without zod, so modules the browser
 * loads with a page (the steps shown in the week builder and the plan) can use it.
 * Also the structure's bounds as plain checks for the text parser (workout-schema.ts states the
 * same bounds in zod for the server).
 */
import type { RepeatBlock, WorkoutStep, WorkoutStructure } from "./workout-structure";

/** Items at the top level (steps or repeat blocks). */
export const MAX_WORKOUT_ITEMS = 20;
/** Steps inside one repeat block. */
export const MAX_REPEAT_STEPS = 10;
/** Times a repeat block is done (40 × 200 m is a real session; 100 × is a typo). */
export const MAX_REPEAT_TIMES = 50;
/** Steps once repeats are unrolled: the FIT export writes at most this many. */
export const MAX_UNROLLED_STEPS = 200;
/** One step: at most 6 hours, at most 100 km. */
export const MAX_STEP_SECONDS = 6 * 3600;
export const MAX_STEP_METRES = 100_000;
/** Paces from 2:00 /km (faster than any human over a distance) to 20:00 /km (a walk). */
export const MIN_PACE_S_PER_KM = 120;
export const MAX_PACE_S_PER_KM = 1200;
export const MIN_HEART_RATE = 30;
export const MAX_HEART_RATE = 230;

/** Steps once repeats are unrolled. */
export function unrolledStepCount(structure: WorkoutStructure): number {
  return structure.items.reduce((n, item) => n + (item.kind === "repeat" ? item.times * item.steps.length : 1), 0);
}

const whole = (n: number, lo: number, hi: number) => Number.isInteger(n) && n >= lo && n <= hi;

/** What is wrong with a parsed step, or null. */
export function stepProblem(step: WorkoutStep): string | null {
  const { amount, target } = step;
  if (amount.type === "time" && !whole(amount.seconds, 1, MAX_STEP_SECONDS)) return "A step lasts 1 second to 6 hours";
  if (amount.type === "distance" && !whole(amount.meters, 1, MAX_STEP_METRES)) return "A step covers 1 m to 100 km";
  if (target.type === "paceRange") {
    if (target.fastSPerKm < MIN_PACE_S_PER_KM) return "Paces start at 2:00 /km";
    if (target.slowSPerKm > MAX_PACE_S_PER_KM) return "Paces end at 20:00 /km";
  }
  if (target.type === "heartRate") {
    if (target.minBpm < MIN_HEART_RATE) return `Heart rates start at ${MIN_HEART_RATE} bpm`;
    if (target.maxBpm > MAX_HEART_RATE) return `Heart rates end at ${MAX_HEART_RATE} bpm`;
  }
  if (target.type === "rpe" && !(whole(target.min, 1, 10) && whole(target.max, 1, 10))) return "RPE runs from 1 to 10";
  return null;
}

export function repeatProblem(block: RepeatBlock): string | null {
  if (!whole(block.times, 2, MAX_REPEAT_TIMES)) return `Repeat 2 to ${MAX_REPEAT_TIMES} times`;
  if (block.steps.length > MAX_REPEAT_STEPS) return `At most ${MAX_REPEAT_STEPS} steps in a repeat`;
  return null;
}

export function structureProblem(structure: WorkoutStructure): string | null {
  if (structure.items.length > MAX_WORKOUT_ITEMS) return `At most ${MAX_WORKOUT_ITEMS} parts in a session`;
  if (unrolledStepCount(structure) > MAX_UNROLLED_STEPS)
    return `At most ${MAX_UNROLLED_STEPS} steps once the repeats are counted`;
  return null;
}

/** m:ss (or h:mm:ss) — the text grammar's clock; the domain cannot use src/lib's formatters. */
export function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** 800m, 1.5km: kilometres when the distance is a whole number of hundreds of metres from 1 km. */
export function printDistance(meters: number): string {
  return meters >= 1000 && meters % 100 === 0 ? `${meters / 1000}km` : `${meters}m`;
}
