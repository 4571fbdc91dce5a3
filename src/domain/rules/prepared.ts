/** What an evaluation derives from the settings alone: thresholds and message fragments. */
import { messageTexts, type MessageTexts } from "./messages";
import type { TrainingSettings } from "./settings";

export interface Prepared {
  readonly settings: TrainingSettings;
  /** Highest easy RPE (3): above it a recovery run is too hard; at or below it other runs are too easy. */
  readonly easyMaxRpe: number;
  /** Lowest hard RPE (7): from it on an aerobic run has drifted into quality. */
  readonly hardMinRpe: number;
  /** 30 × (1 + 20 %) = 36: longer is too long; exactly 36 is fine. */
  readonly recoveryMaxMin: number;
  /** 30 × (1 − 20 %) = 24: shorter is too short; exactly 24 is fine. */
  readonly aerobicMinMin: number;
  readonly texts: MessageTexts;
}

/** Rounds away float noise such as 49.50000000000001 from settings arithmetic. */
function clean(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

export function prepare(settings: TrainingSettings): Prepared {
  const recoveryMaxMin = clean(settings.recoveryMaxMin * (1 + settings.durationTolerance));
  const aerobicMinMin = clean(settings.aerobicMinMin * (1 - settings.durationTolerance));
  return {
    settings,
    easyMaxRpe: settings.effortBands.recovery[1],
    hardMinRpe: settings.effortBands.quality[0],
    recoveryMaxMin,
    aerobicMinMin,
    texts: messageTexts(settings, recoveryMaxMin, aerobicMinMin),
  };
}

/** Settings objects are immutable, so what is prepared for one can be kept as long as it lives. */
const preparedBySettings = /*#__PURE__*/ new WeakMap<TrainingSettings, Prepared>();
let lastSettings: TrainingSettings | null = null;
let lastPrepared: Prepared | null = null;

/** prepare(), once per settings object; the common case (same object again) skips the lookup. */
export function prepareOnce(settings: TrainingSettings): Prepared {
  if (settings === lastSettings && lastPrepared !== null) return lastPrepared;
  let prepared = preparedBySettings.get(settings);
  if (prepared === undefined) {
    prepared = prepare(settings);
    preparedBySettings.set(settings, prepared);
  }
  lastSettings = settings;
  lastPrepared = prepared;
  return prepared;
}
