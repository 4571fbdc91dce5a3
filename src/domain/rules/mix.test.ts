import { describe, expect, it } from "vitest";
import { addMixFlags, mixFromTotals, plannedWeight, runWeight } from "./mix";
import { prepare } from "./prepared";
import { DEFAULT_SETTINGS } from "./settings";
import type { Flag, Measure, Proportions } from "./types";

const prepared = prepare(DEFAULT_SETTINGS);

function codes(proportions: Proportions, measure: Measure = "label"): string[] {
  const flags: Flag[] = [];
  addMixFlags(proportions, measure, prepared, flags);
  return flags.map((flag) => flag.code).sort();
}

/** Shares with the given aerobic and recovery parts; quality takes the rest. */
const mix = (aerobic: number, recovery: number): Proportions => ({
  aerobic,
  recovery,
  quality: 1 - aerobic - recovery,
});

const JUST = 0.001;

describe("mix bands (inclusive on unrounded fractions)", () => {
  it("aerobic 60–80 %: both sides of both edges", () => {
    expect(codes(mix(0.6, 0.15))).toEqual([]);
    expect(codes(mix(0.6 - JUST, 0.15))).toEqual(["aerobic_low"]);
    expect(codes(mix(0.8, 0.15))).toEqual([]);
    expect(codes(mix(0.8 + JUST, 0.15))).toEqual(["aerobic_high"]);
  });

  it("recovery 10–20 %: both sides of both edges", () => {
    expect(codes(mix(0.7, 0.1))).toEqual([]);
    expect(codes(mix(0.7, 0.1 - JUST))).toEqual(["recovery_low"]);
    expect(codes(mix(0.7, 0.2))).toEqual([]);
    expect(codes(mix(0.65, 0.2 + JUST))).toEqual(["recovery_high"]);
  });

  it("quality at most 30 %: both sides of the edge", () => {
    expect(codes(mix(0.6, 0.1))).toEqual([]);
    expect(codes({ aerobic: 0.6, recovery: 0.1 - JUST, quality: 0.3 + JUST })).toEqual([
      "quality_high",
      "recovery_low",
    ]);
  });

  it("10 / 80 / 10 computed from minutes raises nothing despite float noise", () => {
    const result = mixFromTotals([30, 240, 30], 5, 3);
    expect(result.proportions && codes(result.proportions)).toEqual([]);
    expect(codes({ recovery: 0.1 + 1e-12, aerobic: 0.8 + 1e-12, quality: 0.1 - 2e-12 })).toEqual([]);
  });

  it("each flag carries its measure, the triggering values and a message", () => {
    const flags: Flag[] = [];
    addMixFlags({ recovery: 0.1, aerobic: 0.45, quality: 0.45 }, "effort", prepared, flags);
    expect(flags.map(({ code, measure, severity, values }) => ({ code, measure, severity, values }))).toEqual([
      { code: "aerobic_low", measure: "effort", severity: "warning", values: { share: 0.45, min: 0.6, max: 0.8 } },
      { code: "quality_high", measure: "effort", severity: "warning", values: { share: 0.45, max: 0.3 } },
    ]);
    expect(flags[0]?.message).toBe(
      "By time, 45 % of your running was at aerobic effort (RPE 4–6); aim for 60–80 %. Keep aerobic runs steady: you can talk but not comfortably.",
    );
  });
});

describe("mixFromTotals", () => {
  it("is insufficient_data below the minimum count or with nothing to share", () => {
    expect(mixFromTotals([10, 20, 30], 2, 3)).toEqual({ status: "insufficient_data", proportions: null });
    expect(mixFromTotals([0, 0, 0], 5, 3)).toEqual({ status: "insufficient_data", proportions: null });
    expect(mixFromTotals([60, 280, 60], 3, 3)).toEqual({
      status: "ok",
      proportions: { recovery: 0.15, aerobic: 0.7, quality: 0.15 },
    });
  });
});

describe("weights", () => {
  const run = { id: "r", date: "2026-11-23", kind: "aerobic", durationMin: 50, rpe: 5 } as const;

  it("weighs runs by minutes, km (0 without a distance) or 1", () => {
    expect(runWeight(run, "time")).toBe(50);
    expect(runWeight(run, "distance")).toBe(0);
    expect(runWeight({ ...run, distanceKm: 9 }, "distance")).toBe(9);
    expect(runWeight(run, "sessions")).toBe(1);
  });

  it("estimates a planned session's missing duration or distance at 6:00 min/km", () => {
    const byDistance = { id: "p", date: "2026-11-23", kind: "aerobic", distanceKm: 10 } as const;
    const byTime = { id: "p", date: "2026-11-23", kind: "aerobic", durationMin: 45 } as const;
    expect(plannedWeight(byDistance, "time")).toBe(60);
    expect(plannedWeight(byTime, "time")).toBe(45);
    expect(plannedWeight(byTime, "distance")).toBe(7.5);
    expect(plannedWeight(byDistance, "distance")).toBe(10);
    expect(plannedWeight(byTime, "sessions")).toBe(1);
  });
});
