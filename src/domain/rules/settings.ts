/**
 * Per-athlete training settings: their shape and the defaults from the spec. How a partial
 * override is validated and layered over them is settings-schema.ts (zod), kept apart so that code
 * which only evaluates (the browser's live preview) does not load the validation library.
 */
import type { Weekday } from "./dates";
import { DEFAULT_EFFORT_BANDS, type EffortBands } from "./kinds";

export const BASES = ["time", "distance", "sessions"] as const;
/** What a share of the weekly mix is measured on. */
export type Basis = (typeof BASES)[number];

export const PACE_UNITS = ["km", "mile"] as const;
export type PaceUnit = (typeof PACE_UNITS)[number];

/** An inclusive range of fractions, e.g. [0.6, 0.8]. */
export type FractionRange = readonly [number, number];

export interface MixBands {
  readonly aerobic: FractionRange;
  readonly recovery: FractionRange;
  /** Quality takes the rest of the week, up to this share. */
  readonly qualityMax: number;
}

export interface TrainingSettings {
  readonly basis: Basis;
  readonly bands: MixBands;
  readonly effortBands: EffortBands;
  /** A recovery run is too long above recoveryMaxMin × (1 + durationTolerance). */
  readonly recoveryMaxMin: number;
  /** An aerobic run is too short below aerobicMinMin × (1 − durationTolerance). */
  readonly aerobicMinMin: number;
  readonly durationTolerance: number;
  /** Fewer runs (or planned sessions) than this: the mix is insufficient_data. */
  readonly minRunsForMix: number;
  readonly monotonyMax: number;
  readonly loadSpikeRatio: number;
  /**
   * A mix flag whose share is at most this far (a fraction: 0.02 = 2 percentage points) past the
   * band edge it crossed is information, not a warning.
   */
  readonly nearEdge: number;
  /**
   * Not used by the evaluation (its input names the week's first day); kept here because it is
   * an athlete setting the app needs, with weekStartFor().
   */
  readonly weekStartDay: Weekday;
  /** How paces are shown; the engine itself always computes per km. */
  readonly paceUnit: PaceUnit;
}

export const DEFAULT_SETTINGS: TrainingSettings = {
  basis: "time",
  bands: { aerobic: [0.6, 0.8], recovery: [0.1, 0.2], qualityMax: 0.3 },
  effortBands: DEFAULT_EFFORT_BANDS,
  recoveryMaxMin: 30,
  aerobicMinMin: 30,
  durationTolerance: 0.2,
  minRunsForMix: 3,
  monotonyMax: 2.0,
  loadSpikeRatio: 1.5,
  nearEdge: 0.02,
  weekStartDay: "monday",
  paceUnit: "km",
};
