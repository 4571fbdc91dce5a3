/**
 * Structured sessions made personal: a named pace (E, M, T, I, R) becomes this athlete's own pace
 * range from the VDOT of their recent race (the engine's `trainingPaces`), or, for an athlete
 * without a race, the pace's RPE range — never a made-up pace. Also the session's planned duration
 * and distance, computed from its steps. Pure; safe in the browser.
 */
import { trainingPaces, vdotFromRace, type TrainingPaces } from "~/domain/rules";
import { MAX_SESSION_METRES, MAX_SESSION_MINUTES } from "./plan-limits";
import { clock, printDistance } from "./workout-text";
import type { StepAmount, StepIntent, StepTarget, TrainingPaceName, WorkoutStructure } from "./workout-structure";

/** A target as the athlete should run it. */
export type ResolvedTarget =
  | { readonly type: "open" }
  | {
      readonly type: "pace";
      readonly fastSPerKm: number;
      readonly slowSPerKm: number;
      /** The named pace it came from, when it came from one. */
      readonly pace: TrainingPaceName | null;
    }
  | { readonly type: "heartRate"; readonly minBpm: number; readonly maxBpm: number }
  | { readonly type: "rpe"; readonly min: number; readonly max: number; readonly pace: TrainingPaceName | null };

/**
 * How hard each named pace feels, for athletes without a race (Daniels' descriptions on the
 * 1–10 scale the app uses for RPE): easy is conversational, R is near all-out.
 */
export const NAMED_PACE_RPE: Record<TrainingPaceName, { min: number; max: number }> = {
  E: { min: 2, max: 4 },
  M: { min: 5, max: 6 },
  T: { min: 6, max: 7 },
  I: { min: 8, max: 9 },
  R: { min: 9, max: 10 },
};

/**
 * Daniels gives M, T, I and R as single paces; a ±1.5 % band around them (±3–4 s/km) gives the
 * athlete a range to hit, like the "3:10–3:15 per 800 m" coaches write. E is Daniels' own range.
 */
export const NAMED_PACE_BAND = 0.015;

/** The athlete's training paces from their recent race, or null without one (or with one too slow to use). */
export function athletePaces(race: { distanceM: number | null; timeS: number | null } | null): TrainingPaces | null {
  if (!race?.distanceM || !race.timeS) return null;
  const vdot = vdotFromRace(race.distanceM, race.timeS);
  return vdot > 0 ? trainingPaces(vdot) : null;
}

/** A named pace as whole seconds per km, fast end first. */
export function namedPaceRange(
  pace: TrainingPaceName,
  paces: TrainingPaces,
): { fastSPerKm: number; slowSPerKm: number } {
  if (pace === "E")
    return { fastSPerKm: Math.round(paces.easy.fromSPerKm), slowSPerKm: Math.round(paces.easy.toSPerKm) };
  const centre =
    pace === "M"
      ? paces.marathonSPerKm
      : pace === "T"
        ? paces.thresholdSPerKm
        : pace === "I"
          ? paces.intervalSPerKm
          : paces.repetitionSPer400m * 2.5;
  return {
    fastSPerKm: Math.round(centre * (1 - NAMED_PACE_BAND)),
    slowSPerKm: Math.round(centre * (1 + NAMED_PACE_BAND)),
  };
}

export function resolveTarget(target: StepTarget, paces: TrainingPaces | null): ResolvedTarget {
  switch (target.type) {
    case "open":
      return target;
    case "pace":
      return paces
        ? { type: "pace", ...namedPaceRange(target.pace, paces), pace: target.pace }
        : { type: "rpe", ...NAMED_PACE_RPE[target.pace], pace: target.pace };
    case "paceRange":
      return { type: "pace", fastSPerKm: target.fastSPerKm, slowSPerKm: target.slowSPerKm, pace: null };
    case "heartRate":
      return target;
    case "rpe":
      return { type: "rpe", min: target.min, max: target.max, pace: null };
  }
}

/**
 * The time one repeat of a distance step takes at a pace range: "3:10–3:15 per 800 m"
 * ("3:12 per 800 m" when both ends round alike). Null unless the step is a distance at a pace.
 */
export function splitText(amount: StepAmount, target: ResolvedTarget): string | null {
  if (amount.type !== "distance" || target.type !== "pace") return null;
  const fast = clock((target.fastSPerKm * amount.meters) / 1000);
  const slow = clock((target.slowSPerKm * amount.meters) / 1000);
  const distance = printDistance(amount.meters).replace(/(m|km)$/, " $1");
  return `${fast === slow ? fast : `${fast}–${slow}`} per ${distance}`;
}

/**
 * Conservative paces (s/km) for estimating a distance step's time when the athlete's paces are
 * unknown, by the RPE the step aims at: slow ends of what a recreational runner does, so a
 * session's planned duration is rather too long than too short (the mix rules count minutes).
 */
const ESTIMATE_S_PER_KM_BY_RPE = [480, 480, 450, 420, 390, 360, 345, 330, 315, 300] as const;

/** The RPE a step without its own effort is assumed to be run at: easy, except unnamed work. */
const RPE_BY_INTENT: Record<StepIntent, number> = { warmup: 3, work: 5, recovery: 2, cooldown: 3 };

/** The pace (s/km) a distance step's time is computed at; `estimated` when it is not the athlete's own. */
function paceForTime(
  intent: StepIntent,
  target: ResolvedTarget,
  paces: TrainingPaces | null,
): { sPerKm: number; estimated: boolean } {
  if (target.type === "pace") return { sPerKm: (target.fastSPerKm + target.slowSPerKm) / 2, estimated: false };
  // An RPE: the slow end of the range (its min) is the conservative one.
  const rpe = target.type === "rpe" ? target.min : RPE_BY_INTENT[intent];
  if (paces && target.type !== "rpe" && intent !== "work") {
    // Warm-ups, jogs and cool-downs without a target are easy running, at the slow end of E.
    return { sPerKm: paces.easy.toSPerKm, estimated: true };
  }
  return { sPerKm: ESTIMATE_S_PER_KM_BY_RPE[Math.min(10, Math.max(1, rpe)) - 1]!, estimated: true };
}

export interface WorkoutTotals {
  readonly seconds: number;
  /** Null when a timed step has no pace to turn its time into distance. */
  readonly meters: number | null;
  /** True when some time was estimated from an effort rather than the athlete's pace. */
  readonly estimated: boolean;
}

/**
 * Planned duration and distance from the steps: a timed step gives its time (and its distance at
 * a pace target); a distance step gives its distance and its time at the athlete's pace (the
 * middle of the range), or at a conservative estimate from its effort (documented above).
 */
export function workoutTotals(structure: WorkoutStructure, paces: TrainingPaces | null): WorkoutTotals {
  let seconds = 0;
  let meters: number | null = 0;
  let estimated = false;
  for (const item of structure.items) {
    const times = item.kind === "repeat" ? item.times : 1;
    for (const step of item.kind === "repeat" ? item.steps : [item]) {
      const target = resolveTarget(step.target, paces);
      if (step.amount.type === "distance") {
        const pace = paceForTime(step.intent, target, paces);
        estimated ||= pace.estimated;
        seconds += times * ((pace.sPerKm * step.amount.meters) / 1000);
        if (meters !== null) meters += times * step.amount.meters;
      } else {
        seconds += times * step.amount.seconds;
        if (target.type === "pace" && meters !== null) {
          meters += (times * step.amount.seconds * 1000) / ((target.fastSPerKm + target.slowSPerKm) / 2);
        } else meters = null;
      }
    }
  }
  return { seconds, meters: meters === null ? null : Math.round(meters), estimated };
}

/**
 * The planned_sessions columns a structure gives: whole minutes (at least 1) and metres, or an
 * error message when the steps add up to more than a session may hold.
 */
export function plannedAmounts(
  structure: WorkoutStructure,
  paces: TrainingPaces | null,
): { ok: true; durationMin: number; distanceM: number | null } | { ok: false; message: string } {
  const totals = workoutTotals(structure, paces);
  const durationMin = Math.max(1, Math.round(totals.seconds / 60));
  if (durationMin > MAX_SESSION_MINUTES) {
    return { ok: false, message: `The steps add up to more than ${MAX_SESSION_MINUTES / 60} hours` };
  }
  if (totals.meters !== null && totals.meters > MAX_SESSION_METRES) {
    return { ok: false, message: `The steps add up to more than ${MAX_SESSION_METRES / 1000} km` };
  }
  return { ok: true, durationMin, distanceM: totals.meters === null || totals.meters < 1 ? null : totals.meters };
}

/**
 * A session with its duration and distance taken from its steps (unchanged without steps), or the
 * reason its steps cannot be planned. The server applies this on every save, so the columns the
 * rules engine reads always agree with the steps, whatever the browser sent.
 */
export function withPlannedAmounts<
  T extends { durationMin: number | null; distanceM: number | null; structure?: WorkoutStructure | null },
>(session: T, paces: TrainingPaces | null): { ok: true; session: T } | { ok: false; message: string } {
  if (!session.structure) return { ok: true, session };
  const amounts = plannedAmounts(session.structure, paces);
  if (!amounts.ok) return amounts;
  return { ok: true, session: { ...session, durationMin: amounts.durationMin, distanceM: amounts.distanceM } };
}
