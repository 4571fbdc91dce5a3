/**
 * A structured session as a watch follows it, for one athlete: each step's target resolved to what a
 * watch can measure (a pace range, a heart-rate range) or, when it cannot (an RPE range, a named pace
 * for an athlete without a race), an open step carrying the words instead. Feeds the FIT workout
 * export and the calendar feed's description. Pure: the resolver (the athlete's paces) is passed in.
 */
import type { TrainingPaces } from "~/domain/rules";
import { resolveTarget, splitText, type ResolvedTarget } from "./workout-paces";
import type { StepAmount, StepIntent, StepTarget, WorkoutStructure } from "./workout-structure";
import { clock } from "./workout-text";

/** What the watch is told to aim at. `words` is how a person reads the target ("3:10–3:15 per 800 m", "RPE 7–8"). */
export type WatchTarget =
  | { readonly type: "pace"; readonly fastSPerKm: number; readonly slowSPerKm: number; readonly words: string }
  | { readonly type: "heartRate"; readonly minBpm: number; readonly maxBpm: number; readonly words: string }
  | { readonly type: "open"; readonly words: string | null };

export interface WatchStep {
  readonly intent: StepIntent;
  readonly amount: StepAmount;
  readonly target: WatchTarget;
  /** Shown on the watch for the step: what it is, and its named pace if any ("Run · I pace"). */
  readonly name: string;
}

export interface WatchRepeat {
  readonly times: number;
  readonly steps: readonly WatchStep[];
}

export type WatchItem = WatchStep | WatchRepeat;

export interface WatchWorkout {
  readonly name: string;
  readonly items: readonly WatchItem[];
}

/** Resolves one step's target for this athlete (their paces, or the RPE words without a race). */
export type TargetResolver = (target: StepTarget, amount: StepAmount) => WatchTarget;

const INTENT_WORDS: Record<StepIntent, string> = {
  warmup: "Warm-up",
  work: "Run",
  recovery: "Recovery",
  cooldown: "Cool-down",
};

const PACE_WORDS = { E: "E pace", M: "M pace", T: "T pace", I: "I pace", R: "R pace" } as const;

export const isRepeat = (item: WatchItem): item is WatchRepeat => "times" in item;

function watchStep(
  step: { intent: StepIntent; amount: StepAmount; target: StepTarget },
  resolve: TargetResolver,
): WatchStep {
  const named = step.target.type === "pace" ? ` · ${PACE_WORDS[step.target.pace]}` : "";
  return {
    intent: step.intent,
    amount: step.amount,
    target: resolve(step.target, step.amount),
    name: `${INTENT_WORDS[step.intent]}${named}`,
  };
}

export function watchWorkout(name: string, structure: WorkoutStructure, resolve: TargetResolver): WatchWorkout {
  return {
    name,
    items: structure.items.map((item) =>
      item.kind === "repeat"
        ? { times: item.times, steps: item.steps.map((s) => watchStep(s, resolve)) }
        : watchStep(item, resolve),
    ),
  };
}

/** The steps in the order they are run, repeats expanded (6 × 2 steps: 12 steps). */
export function expandSteps(workout: WatchWorkout): WatchStep[] {
  return workout.items.flatMap((item) =>
    isRepeat(item) ? Array.from({ length: item.times }, () => item.steps).flat() : [item],
  );
}

/** "800 m", "2 km", "1.5 km", "10 min", "1:30 min": how the steps are written, metric like FIT. */
export function amountWords(amount: StepAmount): string {
  if (amount.type === "distance") {
    return amount.meters < 1000 || amount.meters % 100 !== 0
      ? `${Math.round(amount.meters)} m`
      : `${amount.meters / 1000} km`;
  }
  const minutes = Math.floor(amount.seconds / 60);
  const seconds = Math.round(amount.seconds % 60);
  if (minutes === 0) return `${seconds} s`;
  return seconds === 0 ? `${minutes} min` : `${minutes}:${String(seconds).padStart(2, "0")} min`;
}

function stepWords(step: WatchStep, inSentence = false): string {
  const intent = INTENT_WORDS[step.intent];
  const target = step.target.words ? ` at ${step.target.words}` : "";
  return `${inSentence ? intent.toLowerCase() : intent} ${amountWords(step.amount)}${target}`;
}

/**
 * The workout in words, one line per step or repeat, with this athlete's targets: what a calendar
 * event's description carries (a calendar app shows plain text).
 */
export function workoutLines(workout: WatchWorkout): string[] {
  return workout.items.map((item) =>
    isRepeat(item) ? `${item.times} × (${item.steps.map((s) => stepWords(s, true)).join(", then ")})` : stepWords(item),
  );
}

/** A resolved target as the watch follows it, with its words ("I pace: 3:10–3:15 per 800 m", "RPE 8–9"). */
export function watchTargetOf(target: ResolvedTarget, amount: StepAmount): WatchTarget {
  switch (target.type) {
    case "pace": {
      const range = splitText(amount, target) ?? `${clock(target.fastSPerKm)}–${clock(target.slowSPerKm)} /km`;
      return { ...target, words: target.pace ? `${PACE_WORDS[target.pace]}, ${range}` : range };
    }
    case "heartRate":
      return { ...target, words: `heart rate ${target.minBpm}–${target.maxBpm}` };
    case "rpe": {
      // A named pace for an athlete without a race: its effort, never a made-up pace.
      const effort = `RPE ${target.min}–${target.max}`;
      return { type: "open", words: target.pace ? `${PACE_WORDS[target.pace]} effort, ${effort}` : effort };
    }
    case "open":
      return { type: "open", words: null };
  }
}

/** The session as this athlete runs it: named paces from their race, or the pace's RPE without one. */
export function athleteWatchWorkout(
  name: string,
  structure: WorkoutStructure,
  paces: TrainingPaces | null,
): WatchWorkout {
  return watchWorkout(name, structure, (target, amount) => watchTargetOf(resolveTarget(target, paces), amount));
}
