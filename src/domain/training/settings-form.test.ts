import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "~/domain/rules";
import {
  describeProblem,
  formValuesOf,
  formValuesOfOverride,
  overrideFromForm,
  settingsProblem,
  SETTINGS_FIELDS,
  type SettingsFormValues,
} from "./settings-form";

const blank = Object.fromEntries(SETTINGS_FIELDS.map((f) => [f, ""])) as SettingsFormValues;

describe("settings form", () => {
  it("stores only what the coach filled in, completing pairs from the layer below", () => {
    const result = overrideFromForm(
      { ...blank, aerobicMin: "65", recoveryEffortMax: "2", basis: "distance" },
      DEFAULT_SETTINGS,
    );
    expect(result).toEqual({
      ok: true,
      override: {
        basis: "distance",
        bands: { aerobic: [0.65, 0.8] },
        effortBands: { recovery: [1, 2], aerobic: [3, 6], quality: [7, 10] },
      },
    });
    expect(overrideFromForm(blank, DEFAULT_SETTINGS)).toEqual({ ok: true, override: {} });
  });

  it("names the field of a problem", () => {
    expect(overrideFromForm({ ...blank, aerobicMin: "85" }, DEFAULT_SETTINGS)).toEqual({
      ok: false,
      field: "aerobicMin",
      message: "Aerobic target band: the lower bound must not be above the upper bound",
    });
    expect(overrideFromForm({ ...blank, monotonyMax: "lots" }, DEFAULT_SETTINGS)).toMatchObject({
      ok: false,
      field: "monotonyMax",
    });
    expect(settingsProblem({}, { effortBands: { recovery: [1, 2] } })).toBe(
      "Aerobic effort band: effort bands must be contiguous and cover RPE 1–10: aerobic should start at 3",
    );
    expect(settingsProblem({}, { bands: { aerobic: [0.6, 0.7] } })).toBeNull();
    expect(describeProblem({ message: "x", path: [] })).toBe("x");
  });

  it("shows a stored override as form text, and the defaults as placeholders", () => {
    expect(formValuesOf(DEFAULT_SETTINGS)).toMatchObject({
      aerobicMin: "60",
      aerobicMax: "80",
      qualityMax: "30",
      recoveryEffortMax: "3",
      durationTolerance: "20",
    });
    expect(formValuesOfOverride({ bands: { recovery: [0.1, 0.25] }, monotonyMax: 2.5 }, DEFAULT_SETTINGS)).toEqual({
      ...blank,
      recoveryMin: "10",
      recoveryMax: "25",
      monotonyMax: "2.5",
    });
    expect(formValuesOfOverride("garbage", DEFAULT_SETTINGS)).toEqual(blank);
  });

  it("stores the near-edge margin as a fraction and shows it in percentage points", () => {
    expect(formValuesOf(DEFAULT_SETTINGS).nearEdge).toBe("2");
    expect(overrideFromForm({ ...blank, nearEdge: "1.5" }, DEFAULT_SETTINGS)).toEqual({
      ok: true,
      override: { nearEdge: 0.015 },
    });
    expect(formValuesOfOverride({ nearEdge: 0.03 }, DEFAULT_SETTINGS)).toEqual({ ...blank, nearEdge: "3" });
    expect(overrideFromForm({ ...blank, nearEdge: "150" }, DEFAULT_SETTINGS)).toMatchObject({
      ok: false,
      field: "nearEdge",
      message: expect.stringMatching(/^Near the edge: /),
    });
  });
});
