/**
 * A structured planned session: warm-up, work and recovery steps, repeats of a group of steps,
 * cool-down. The session's kind still decides its category in the mix; the steps give its planned
 * duration and distance. Stored as JSON on the planned session (and on template sessions), written
 * by the week builder's text entry, read by the FIT workout export, the calendar feed and the
 * comparison of an imported run's laps with the plan. Pure types: no I/O, safe in the browser.
 */

/** What a step is for; FIT's workout step intensities map one to one. */
export type StepIntent = "warmup" | "work" | "recovery" | "cooldown";

/** How long a step lasts: a time or a distance, never both. */
export type StepAmount =
  { readonly type: "time"; readonly seconds: number } | { readonly type: "distance"; readonly meters: number };

/** Daniels' training paces, resolved per athlete from their VDOT (`trainingPaces` in the engine). */
export type TrainingPaceName = "E" | "M" | "T" | "I" | "R";

/**
 * What a step aims at. A named pace is personal: it becomes each athlete's own pace range, or the
 * pace's RPE range for an athlete without a race (never a made-up pace).
 */
export type StepTarget =
  | { readonly type: "open" }
  | { readonly type: "pace"; readonly pace: TrainingPaceName }
  | { readonly type: "paceRange"; readonly fastSPerKm: number; readonly slowSPerKm: number }
  | { readonly type: "heartRate"; readonly minBpm: number; readonly maxBpm: number }
  | { readonly type: "rpe"; readonly min: number; readonly max: number };

export interface WorkoutStep {
  readonly kind: "step";
  readonly intent: StepIntent;
  readonly amount: StepAmount;
  readonly target: StepTarget;
}

/** A group of steps done `times` times (6 × 800 m with 400 m jog: two steps, six times). No nesting. */
export interface RepeatBlock {
  readonly kind: "repeat";
  readonly times: number;
  readonly steps: readonly WorkoutStep[];
}

export type WorkoutItem = WorkoutStep | RepeatBlock;

export interface WorkoutStructure {
  readonly items: readonly WorkoutItem[];
}
