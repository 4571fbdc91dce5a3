/**
 * The weekly mix: the share of recovery, aerobic and quality running, and its flags.
 * Totals are kept as three numbers indexed by category slot, so the hot loop allocates nothing.
 */
import { kindIndex, type EffortBands, type SessionKind } from "./kinds";
import { mixMessage, type MixCode, type MixSentence } from "./messages";
import type { Prepared } from "./prepared";
import type { Basis } from "./settings";
import type { Flag, Measure, MixStatus, PlannedSession, Proportions, RunInput } from "./types";

export const RECOVERY = 0;
export const AEROBIC = 1;
export const QUALITY = 2;
export type CategorySlot = typeof RECOVERY | typeof AEROBIC | typeof QUALITY;

/** Band comparisons are inclusive on unrounded fractions; this absorbs float noise (0.1 + 0.8 + 0.1). */
export const EPSILON = 1e-9;

/** Category slot by kindIndex (SESSION_KINDS order); kinds.ts's categoryOf is the readable twin. */
const SLOT_BY_KIND_INDEX: readonly CategorySlot[] = [RECOVERY, AEROBIC, AEROBIC, QUALITY, QUALITY, QUALITY, QUALITY];

export function kindSlot(kind: SessionKind): CategorySlot {
  return SLOT_BY_KIND_INDEX[kindIndex(kind)] as CategorySlot;
}

export function effortSlot(rpe: number, bands: EffortBands): CategorySlot {
  if (rpe <= bands.recovery[1]) return RECOVERY;
  if (rpe <= bands.aerobic[1]) return AEROBIC;
  return QUALITY;
}

/** How much a run weighs in the mix. A run without distance counts 0 on the distance basis. */
export function runWeight(run: RunInput, basis: Basis): number {
  if (basis === "time") return run.durationMin;
  if (basis === "distance") return run.distanceKm ?? 0;
  return 1;
}

/**
 * A planned session needs only one of duration and distance. When the basis needs the other,
 * it is estimated at 6:00 min/km, a typical easy pace: close enough to judge a week's balance.
 */
export const PLAN_ESTIMATE_MIN_PER_KM = 6;

export function plannedWeight(session: PlannedSession, basis: Basis): number {
  if (basis === "time") return session.durationMin ?? (session.distanceKm ?? 0) * PLAN_ESTIMATE_MIN_PER_KM;
  if (basis === "distance") return session.distanceKm ?? (session.durationMin ?? 0) / PLAN_ESTIMATE_MIN_PER_KM;
  return 1;
}

export interface MixResult {
  readonly status: MixStatus;
  readonly proportions: Proportions | null;
}

const INSUFFICIENT: MixResult = { status: "insufficient_data", proportions: null };

/** Shares from category totals; too few items or nothing to share out is insufficient_data. */
export function mixFromTotals(totals: ArrayLike<number>, itemCount: number, minItems: number): MixResult {
  const recovery = totals[RECOVERY] as number;
  const aerobic = totals[AEROBIC] as number;
  const quality = totals[QUALITY] as number;
  const total = recovery + aerobic + quality;
  if (itemCount < minItems || !(total > 0)) return INSUFFICIENT;
  return {
    status: "ok",
    proportions: { recovery: recovery / total, aerobic: aerobic / total, quality: quality / total },
  };
}

/**
 * A share outside its band: information while it is within `nearEdge` of the edge it crossed
 * (inclusive: exactly 2 points out is still information), a warning further out.
 */
function bandFlag(
  code: MixCode,
  share: number,
  edge: number,
  min: number | null,
  max: number,
  measure: Measure,
  sentence: MixSentence,
  nearEdge: number,
): Flag {
  const values: Record<string, number> = min === null ? { share, max } : { share, min, max };
  const voices = mixMessage(sentence, share);
  return {
    code,
    severity: Math.abs(share - edge) <= nearEdge + EPSILON ? "info" : "warning",
    audience: measure === "plan" ? "coach" : "both",
    measure,
    values,
    message: voices.message,
    coachMessage: voices.coachMessage,
  };
}

/** Flags for shares outside their bands; a share on a band edge raises nothing. */
export function addMixFlags(proportions: Proportions, measure: Measure, prepared: Prepared, flags: Flag[]): void {
  const { bands, nearEdge } = prepared.settings;
  const { aerobic, recovery, qualityMax } = bands;
  const say = prepared.texts.mix[measure];
  const a = proportions.aerobic;
  const r = proportions.recovery;
  const q = proportions.quality;
  if (a < aerobic[0] - EPSILON)
    flags.push(bandFlag("aerobic_low", a, aerobic[0], aerobic[0], aerobic[1], measure, say.aerobic_low, nearEdge));
  else if (a > aerobic[1] + EPSILON)
    flags.push(bandFlag("aerobic_high", a, aerobic[1], aerobic[0], aerobic[1], measure, say.aerobic_high, nearEdge));
  if (r < recovery[0] - EPSILON)
    flags.push(bandFlag("recovery_low", r, recovery[0], recovery[0], recovery[1], measure, say.recovery_low, nearEdge));
  else if (r > recovery[1] + EPSILON)
    flags.push(
      bandFlag("recovery_high", r, recovery[1], recovery[0], recovery[1], measure, say.recovery_high, nearEdge),
    );
  if (q > qualityMax + EPSILON)
    flags.push(bandFlag("quality_high", q, qualityMax, null, qualityMax, measure, say.quality_high, nearEdge));
}
