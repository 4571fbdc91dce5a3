import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "./settings";
import { resolveSettings, settingsOverrideSchema, strictSettingsOverrideSchema } from "./settings-schema";

describe("resolveSettings", () => {
  it("gives the spec's defaults", () => {
    const resolved = resolveSettings();
    expect(resolved).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    expect(DEFAULT_SETTINGS).toMatchObject({
      basis: "time",
      bands: { aerobic: [0.6, 0.8], recovery: [0.1, 0.2], qualityMax: 0.3 },
      effortBands: { recovery: [1, 3], aerobic: [4, 6], quality: [7, 10] },
      recoveryMaxMin: 30,
      aerobicMinMin: 30,
      durationTolerance: 0.2,
      minRunsForMix: 3,
      monotonyMax: 2,
      loadSpikeRatio: 1.5,
    });
  });

  it("layers defaults < organisation default < athlete override, band by band", () => {
    const resolved = resolveSettings(
      { basis: "distance", bands: { aerobic: [0.5, 0.8] }, monotonyMax: 2.5 },
      { bands: { recovery: [0.05, 0.25] }, monotonyMax: undefined, minRunsForMix: 4 },
    );
    expect(resolved.ok && resolved.value).toMatchObject({
      basis: "distance",
      bands: { aerobic: [0.5, 0.8], recovery: [0.05, 0.25], qualityMax: 0.3 },
      monotonyMax: 2.5,
      minRunsForMix: 4,
    });
  });

  it("accepts contiguous effort bands covering 1–10", () => {
    const resolved = resolveSettings(undefined, { effortBands: { recovery: [1, 2], aerobic: [3, 6] } });
    expect(resolved.ok && resolved.value.effortBands).toEqual({ recovery: [1, 2], aerobic: [3, 6], quality: [7, 10] });
  });

  it.each([
    [{ bands: { aerobic: [0.8, 0.6] } }, ["bands", "aerobic"]],
    [{ bands: { recovery: [0.1, 1.2] } }, ["bands", "recovery", 1]],
    [{ bands: { qualityMax: -0.1 } }, ["bands", "qualityMax"]],
    [{ effortBands: { aerobic: [4, 7] } }, ["effortBands", "quality"]],
    [{ effortBands: { recovery: [2, 3] } }, ["effortBands", "recovery"]],
    [{ effortBands: { recovery: [1, 2.5] } }, ["effortBands", "recovery", 1]],
    [{ effortBands: { quality: [7, 9] } }, ["effortBands", "quality"]],
    [{ minRunsForMix: 0 }, ["minRunsForMix"]],
    [{ minRunsForMix: 2.5 }, ["minRunsForMix"]],
    [{ basis: "pace" }, ["basis"]],
    [{ durationTolerance: 1.5 }, ["durationTolerance"]],
    [{ loadSpikeRatio: 0 }, ["loadSpikeRatio"]],
  ])("rejects %j at %j", (override, path) => {
    const resolved = resolveSettings(undefined, override);
    expect(resolved.ok).toBe(false);
    if (!resolved.ok) {
      expect(resolved.error.path).toEqual(path);
      expect(resolved.error.message.length).toBeGreaterThan(0);
    }
  });
});

describe("override schemas", () => {
  it("strips unknown keys by default and rejects them when strict", () => {
    expect(settingsOverrideSchema.parse({ basis: "time", colour: "red", bands: { extra: 1 } })).toEqual({
      basis: "time",
      bands: {},
    });
    expect(strictSettingsOverrideSchema.safeParse({ basis: "time", colour: "red" }).success).toBe(false);
    expect(strictSettingsOverrideSchema.safeParse({ bands: { extra: 1 } }).success).toBe(false);
    expect(
      strictSettingsOverrideSchema.safeParse({
        bands: { aerobic: [0.5, 0.7] },
        weekStartDay: "sunday",
        paceUnit: "mile",
      }).success,
    ).toBe(true);
  });
});
