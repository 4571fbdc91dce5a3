/**
 * Training settings as a coach edits them: percentages and RPE boundaries in a form, an override
 * (only what differs from the layer below) in storage, and validation messages that name the field.
 * The same checks run in the browser before sending and on the server before storing.
 */
import type { InputError, TrainingSettings } from "~/domain/rules";
import { resolveSettings, strictSettingsOverrideSchema } from "~/domain/rules/parse";
import type { z } from "zod";
import {
  FIELD_LABELS,
  formValuesOf,
  SETTINGS_FIELDS,
  type SettingsField,
  type SettingsFormValues,
} from "./settings-fields";

export {
  FIELD_LABELS,
  formValuesOf,
  SETTINGS_FIELDS,
  type SettingsField,
  type SettingsFormValues,
} from "./settings-fields";

/**
 * What a coach may override here. The week start and pace unit are the athlete's own preferences
 * (users.week_start_day and their units), so they are not edited as training settings.
 */
export const editableOverrideSchema = strictSettingsOverrideSchema.omit({ weekStartDay: true, paceUnit: true });
export type EditableOverride = z.output<typeof editableOverrideSchema>;

const EMPTY_FORM = Object.fromEntries(SETTINGS_FIELDS.map((f) => [f, ""])) as SettingsFormValues;

/** A stored override as form text: only the fields it sets are filled (`base` completes half-set pairs). */
export function formValuesOfOverride(override: unknown, base: TrainingSettings): SettingsFormValues {
  const parsed = editableOverrideSchema.safeParse(override ?? {});
  if (!parsed.success) return { ...EMPTY_FORM };
  const { bands, effortBands, ...scalars } = parsed.data;
  const merged: TrainingSettings = {
    ...base,
    ...definedOnly(scalars),
    bands: { ...base.bands, ...definedOnly(bands ?? {}) },
    effortBands: { ...base.effortBands, ...definedOnly(effortBands ?? {}) },
  };
  const all = formValuesOf(merged);
  const isSet: Record<SettingsField, boolean> = {
    basis: scalars.basis !== undefined,
    aerobicMin: bands?.aerobic !== undefined,
    aerobicMax: bands?.aerobic !== undefined,
    recoveryMin: bands?.recovery !== undefined,
    recoveryMax: bands?.recovery !== undefined,
    qualityMax: bands?.qualityMax !== undefined,
    recoveryEffortMax: effortBands !== undefined,
    aerobicEffortMax: effortBands !== undefined,
    recoveryMaxMin: scalars.recoveryMaxMin !== undefined,
    aerobicMinMin: scalars.aerobicMinMin !== undefined,
    durationTolerance: scalars.durationTolerance !== undefined,
    minRunsForMix: scalars.minRunsForMix !== undefined,
    monotonyMax: scalars.monotonyMax !== undefined,
    loadSpikeRatio: scalars.loadSpikeRatio !== undefined,
    nearEdge: scalars.nearEdge !== undefined,
  };
  return Object.fromEntries(SETTINGS_FIELDS.map((f) => [f, isSet[f] ? all[f] : ""])) as SettingsFormValues;
}

export type FormResult =
  { ok: true; override: EditableOverride } | { ok: false; field: SettingsField; message: string };

function numberIn(values: SettingsFormValues, field: SettingsField): number | undefined | { error: string } {
  const text = values[field].trim().replace(",", ".");
  if (text === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : { error: `${FIELD_LABELS[field]}: enter a number` };
}

/**
 * The override a filled form stands for. A pair (a band's two ends, the two effort boundaries) is
 * stored whole: an end left blank takes the value of `base`, the settings below this layer.
 */
export function overrideFromForm(values: SettingsFormValues, base: TrainingSettings): FormResult {
  const nums: Partial<Record<SettingsField, number>> = {};
  for (const field of SETTINGS_FIELDS) {
    if (field === "basis") continue;
    const n = numberIn(values, field);
    if (typeof n === "object") return { ok: false, field, message: n.error };
    if (n !== undefined) nums[field] = n;
  }
  const fraction = (field: SettingsField, fallback: number) =>
    nums[field] === undefined ? fallback : (nums[field] as number) / 100;
  const pair = (lo: SettingsField, hi: SettingsField, range: readonly [number, number]) =>
    nums[lo] === undefined && nums[hi] === undefined
      ? undefined
      : ([fraction(lo, range[0]), fraction(hi, range[1])] as [number, number]);
  const bands = {
    aerobic: pair("aerobicMin", "aerobicMax", base.bands.aerobic),
    recovery: pair("recoveryMin", "recoveryMax", base.bands.recovery),
    qualityMax: nums.qualityMax === undefined ? undefined : nums.qualityMax / 100,
  };
  const effortSet = nums.recoveryEffortMax !== undefined || nums.aerobicEffortMax !== undefined;
  const r = nums.recoveryEffortMax ?? base.effortBands.recovery[1];
  const a = nums.aerobicEffortMax ?? base.effortBands.aerobic[1];
  const raw = definedOnly({
    basis: values.basis === "" ? undefined : values.basis,
    bands: Object.values(bands).some((v) => v !== undefined) ? definedOnly(bands) : undefined,
    effortBands: effortSet ? { recovery: [1, r], aerobic: [r + 1, a], quality: [a + 1, 10] } : undefined,
    recoveryMaxMin: nums.recoveryMaxMin,
    aerobicMinMin: nums.aerobicMinMin,
    durationTolerance: nums.durationTolerance === undefined ? undefined : nums.durationTolerance / 100,
    minRunsForMix: nums.minRunsForMix,
    monotonyMax: nums.monotonyMax,
    loadSpikeRatio: nums.loadSpikeRatio,
    nearEdge: nums.nearEdge === undefined ? undefined : nums.nearEdge / 100,
  });
  const parsed = editableOverrideSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      field: fieldOfPath(issue?.path ?? []),
      message: describeProblem({ message: issue?.message ?? "invalid", path: issue?.path ?? [] }),
    };
  }
  return { ok: true, override: parsed.data };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The form field a settings path is about, e.g. ["bands", "aerobic", 0] → aerobicMin. */
export function fieldOfPath(path: readonly PropertyKey[]): SettingsField {
  const [first, second, third] = path;
  if (first === "bands") {
    if (second === "qualityMax") return "qualityMax";
    const which = second === "recovery" ? "recovery" : "aerobic";
    return `${which}${third === 1 ? "Max" : "Min"}` as SettingsField;
  }
  if (first === "effortBands") return second === "recovery" ? "recoveryEffortMax" : "aerobicEffortMax";
  return (SETTINGS_FIELDS as readonly PropertyKey[]).includes(first ?? "") ? (first as SettingsField) : "basis";
}

const PATH_WORDS: Record<string, string> = {
  basis: "Mix measured by",
  "bands.aerobic": "Aerobic target band",
  "bands.recovery": "Recovery target band",
  "bands.qualityMax": "Quality share at most",
  "effortBands.recovery": "Recovery effort band",
  "effortBands.aerobic": "Aerobic effort band",
  "effortBands.quality": "Quality effort band",
  effortBands: "Effort bands",
  recoveryMaxMin: "Recovery runs: target minutes",
  aerobicMinMin: "Aerobic runs: target minutes",
  durationTolerance: "Duration tolerance",
  minRunsForMix: "Runs needed to judge the mix",
  monotonyMax: "Monotony threshold",
  loadSpikeRatio: "Load ratio threshold",
  nearEdge: "Near the edge",
};

/** "Aerobic target band: the lower bound must not be above the upper bound". */
export function describeProblem(error: InputError | { message: string; path: readonly PropertyKey[] }): string {
  const keys: string[] = [];
  for (const segment of error.path) if (typeof segment === "string") keys.push(segment);
  const label = PATH_WORDS[keys.slice(0, 2).join(".")] ?? PATH_WORDS[keys[0] ?? ""];
  return label ? `${label}: ${error.message}` : error.message;
}

/**
 * Checks an override on top of the layers below it (the organisation's defaults, then the athlete's
 * override, then a phase's: ADR 016): null when fine, else a message naming the setting.
 */
export function settingsProblem(orgDefaults: unknown, ...overrides: unknown[]): string | null {
  const resolved = resolveSettings(orgDefaults, ...overrides);
  return resolved.ok ? null : describeProblem(resolved.error);
}
