/**
 * Pace guidance from a recent race, with Daniels & Gilbert's equations (Oxygen Power, 1979):
 *   oxygen cost of running at v m/min:   VO2 = −4.60 + 0.182258 v + 0.000104 v²
 *   fraction of VO2max held for t min:   %max = 0.8 + 0.1894393 e^(−0.012778 t) + 0.2989558 e^(−0.1932605 t)
 *   VDOT = VO2 / %max.
 * Training paces are the speeds whose oxygen cost is a share of VDOT (Daniels' Running Formula):
 * easy 59–74 %, threshold 88 %, interval 97.5 %, repetition 105 %; marathon pace is the
 * predicted marathon's pace. All outputs are seconds.
 */

export function oxygenCost(metersPerMin: number): number {
  return -4.6 + 0.182258 * metersPerMin + 0.000104 * metersPerMin * metersPerMin;
}

export function fractionOfVo2Max(minutes: number): number {
  return 0.8 + 0.1894393 * Math.exp(-0.012778 * minutes) + 0.2989558 * Math.exp(-0.1932605 * minutes);
}

/** VDOT of a race; ≤ 0 when the race is too slow for the equations to mean anything. */
export function vdotFromRace(distanceM: number, timeS: number): number {
  const minutes = timeS / 60;
  return oxygenCost(distanceM / minutes) / fractionOfVo2Max(minutes);
}

/** The speed (m/min) whose oxygen cost is `vo2`: the positive root of the cost quadratic. */
export function velocityForVo2(vo2: number): number {
  const a = 0.000104;
  const b = 0.182258;
  const c = -4.6 - vo2;
  return (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
}

/**
 * Predicted time (s) for `distanceM` at a given VDOT: solves VO2(d/t) = VDOT × %max(t) by
 * bisection. The root lies where the cost is between 0.8 and 1.3 × VDOT, because %max(t) stays
 * within (0.8, 1.29); those two speeds bracket it.
 */
export function raceTimeSeconds(vdot: number, distanceM: number): number {
  let fast = distanceM / velocityForVo2(1.3 * vdot);
  let slow = distanceM / velocityForVo2(0.8 * vdot);
  for (let i = 0; i < 200 && slow - fast > 1e-12 * slow; i++) {
    const mid = (fast + slow) / 2;
    const surplus = oxygenCost(distanceM / mid) - vdot * fractionOfVo2Max(mid);
    if (surplus > 0) fast = mid;
    else slow = mid;
  }
  return ((fast + slow) / 2) * 60;
}

function secondsPerKmAt(vdotShare: number, vdot: number): number {
  return 60_000 / velocityForVo2(vdotShare * vdot);
}

export const PREDICTION_DISTANCES_M = [5000, 10000, 21097.5, 42195] as const;

export interface TrainingPaces {
  /** From the fast end to the slow end; recovery runs belong slower than `toSPerKm`. */
  readonly easy: { readonly fromSPerKm: number; readonly toSPerKm: number };
  readonly marathonSPerKm: number;
  readonly thresholdSPerKm: number;
  readonly intervalSPerKm: number;
  readonly repetitionSPer400m: number;
}

export interface PaceGuidance {
  readonly vdot: number;
  readonly paces: TrainingPaces;
  /** Equivalent race times in seconds, keyed by distance in metres ("5000", …, "42195"). */
  readonly predictions: Record<string, number>;
}

export function trainingPaces(vdot: number): TrainingPaces {
  return {
    easy: { fromSPerKm: secondsPerKmAt(0.74, vdot), toSPerKm: secondsPerKmAt(0.59, vdot) },
    marathonSPerKm: raceTimeSeconds(vdot, 42195) / 42.195,
    thresholdSPerKm: secondsPerKmAt(0.88, vdot),
    intervalSPerKm: secondsPerKmAt(0.975, vdot),
    repetitionSPer400m: secondsPerKmAt(1.05, vdot) * 0.4,
  };
}

/** VDOT, training paces and equivalent race times from one race. Expects a VDOT > 0 race. */
export function paceGuidance(distanceM: number, timeS: number): PaceGuidance {
  const vdot = vdotFromRace(distanceM, timeS);
  const predictions: Record<string, number> = {};
  for (const distance of PREDICTION_DISTANCES_M) predictions[String(distance)] = raceTimeSeconds(vdot, distance);
  return { vdot, paces: trainingPaces(vdot), predictions };
}

/** Seconds per km of a run, or null without a distance. */
export function paceSecondsPerKm(durationMin: number, distanceKm: number | undefined): number | null {
  if (distanceKm === undefined || !(distanceKm > 0)) return null;
  return (durationMin * 60) / distanceKm;
}

export const METERS_PER_MILE = 1609.344;

/** Converts a per-km pace to per mile, for athletes who use miles. */
export function secondsPerMile(secondsPerKm: number): number {
  return (secondsPerKm * METERS_PER_MILE) / 1000;
}
