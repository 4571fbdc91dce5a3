/**
 * The training-settings form's fields, their labels and the settings shown as form text: what the
 * form needs to render, without the validation (settings-form.ts, zod) that it loads to submit.
 */
import type { TrainingSettings } from "~/domain/rules";

export const SETTINGS_FIELDS = [
  "basis",
  "aerobicMin",
  "aerobicMax",
  "recoveryMin",
  "recoveryMax",
  "qualityMax",
  "recoveryEffortMax",
  "aerobicEffortMax",
  "recoveryMaxMin",
  "aerobicMinMin",
  "durationTolerance",
  "minRunsForMix",
  "monotonyMax",
  "loadSpikeRatio",
  "nearEdge",
] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];
/** Form values as typed; "" means "use the default". */
export type SettingsFormValues = Record<SettingsField, string>;

export const FIELD_LABELS: Readonly<Record<SettingsField, string>> = {
  basis: "Mix measured by",
  aerobicMin: "Aerobic share, at least (%)",
  aerobicMax: "Aerobic share, at most (%)",
  recoveryMin: "Recovery share, at least (%)",
  recoveryMax: "Recovery share, at most (%)",
  qualityMax: "Quality share, at most (%)",
  recoveryEffortMax: "Recovery effort: RPE 1 up to",
  aerobicEffortMax: "Aerobic effort: up to RPE",
  recoveryMaxMin: "Recovery runs: target minutes at most",
  aerobicMinMin: "Aerobic runs: target minutes at least",
  durationTolerance: "Duration tolerance (%)",
  minRunsForMix: "Runs needed to judge the mix",
  monotonyMax: "Monotony above which to flag",
  loadSpikeRatio: "Load ratio from which to flag",
  nearEdge: "Near-edge margin (percentage points)",
};

const pct = (fraction: number) => String(Math.round(fraction * 1000) / 10);

/** The settings' values as form text, e.g. as placeholders showing the defaults. */
export function formValuesOf(s: TrainingSettings): SettingsFormValues {
  return {
    basis: s.basis,
    aerobicMin: pct(s.bands.aerobic[0]),
    aerobicMax: pct(s.bands.aerobic[1]),
    recoveryMin: pct(s.bands.recovery[0]),
    recoveryMax: pct(s.bands.recovery[1]),
    qualityMax: pct(s.bands.qualityMax),
    recoveryEffortMax: String(s.effortBands.recovery[1]),
    aerobicEffortMax: String(s.effortBands.aerobic[1]),
    recoveryMaxMin: String(s.recoveryMaxMin),
    aerobicMinMin: String(s.aerobicMinMin),
    durationTolerance: pct(s.durationTolerance),
    minRunsForMix: String(s.minRunsForMix),
    monotonyMax: String(s.monotonyMax),
    loadSpikeRatio: String(s.loadSpikeRatio),
    nearEdge: pct(s.nearEdge),
  };
}
