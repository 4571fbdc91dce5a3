import { describe, expect, it } from "vitest";
import { evaluateWeek } from "./evaluate";
import type { SessionKind } from "./kinds";
import { resolveSettings, type SettingsOverride } from "./settings-schema";
import type { Flag } from "./types";

/** The flags of a week holding one run on Wednesday 2026-11-25. */
function flagsFor(kind: SessionKind, durationMin: number, rpe: number, override?: SettingsOverride): Flag[] {
  const settings = resolveSettings(undefined, override);
  if (!settings.ok) throw new Error(settings.error.message);
  return evaluateWeek({
    weekStart: "2026-11-23",
    settings: settings.value,
    runs: [{ id: "r1", date: "2026-11-25", kind, durationMin, rpe }],
  }).flags;
}

const codes = (flags: Flag[]) => flags.map((flag) => flag.code);

describe("recovery runs", () => {
  it("RPE 3 is fine, RPE 4 is too hard", () => {
    expect(codes(flagsFor("recovery", 25, 3))).toEqual([]);
    const [flag] = flagsFor("recovery", 25, 4);
    expect(flag).toMatchObject({
      code: "recovery_too_hard",
      severity: "warning",
      runId: "r1",
      values: { rpe: 4, max: 3 },
    });
    expect(flag?.message).toBe(
      "Your recovery run on Wednesday was RPE 4; keep recovery runs at 1–3, slow enough to chat the whole way.",
    );
  });

  it("36 min is not too long, 37 is (30 min + 20 %)", () => {
    expect(codes(flagsFor("recovery", 36, 2))).toEqual([]);
    expect(flagsFor("recovery", 37, 2)).toMatchObject([
      { code: "recovery_too_long", values: { durationMin: 37, max: 36 } },
    ]);
    expect(codes(flagsFor("recovery", 36.5, 2))).toEqual(["recovery_too_long"]);
  });

  it("follows recoveryMaxMin and durationTolerance", () => {
    expect(codes(flagsFor("recovery", 40, 2, { recoveryMaxMin: 40, durationTolerance: 0 }))).toEqual([]);
    expect(codes(flagsFor("recovery", 41, 2, { recoveryMaxMin: 40, durationTolerance: 0 }))).toEqual([
      "recovery_too_long",
    ]);
    expect(codes(flagsFor("recovery", 49.5, 2, { recoveryMaxMin: 45, durationTolerance: 0.1 }))).toEqual([]);
  });
});

describe("aerobic and long runs", () => {
  it("RPE 6 is fine, RPE 7 has drifted into quality", () => {
    expect(codes(flagsFor("aerobic", 50, 6))).toEqual([]);
    expect(flagsFor("aerobic", 50, 7)).toMatchObject([{ code: "aerobic_too_hard", values: { rpe: 7, max: 6 } }]);
    expect(codes(flagsFor("long", 100, 8))).toEqual(["aerobic_too_hard"]);
  });

  it("RPE 4 is fine, RPE 3 was a recovery run", () => {
    expect(codes(flagsFor("aerobic", 50, 4))).toEqual([]);
    expect(flagsFor("aerobic", 50, 3)).toMatchObject([{ code: "aerobic_too_easy", values: { rpe: 3, min: 4 } }]);
    expect(codes(flagsFor("long", 100, 2))).toEqual(["aerobic_too_easy"]);
  });

  it("24 min is not too short, 23 is (30 min − 20 %); the long run has no minimum", () => {
    expect(codes(flagsFor("aerobic", 24, 5))).toEqual([]);
    expect(flagsFor("aerobic", 23, 5)).toMatchObject([
      { code: "aerobic_too_short", values: { durationMin: 23, min: 24 } },
    ]);
    expect(codes(flagsFor("aerobic", 23.9, 5))).toEqual(["aerobic_too_short"]);
    expect(codes(flagsFor("long", 20, 5))).toEqual([]);
  });

  it("effort bands move the edges", () => {
    const bands: SettingsOverride = { effortBands: { recovery: [1, 2], aerobic: [3, 7], quality: [8, 10] } };
    expect(codes(flagsFor("aerobic", 50, 7, bands))).toEqual([]);
    expect(codes(flagsFor("aerobic", 50, 3, bands))).toEqual([]);
    expect(codes(flagsFor("recovery", 25, 3, bands))).toEqual(["recovery_too_hard"]);
  });
});

describe("quality sessions", () => {
  it("RPE 4 is fine, RPE 3 is too easy, for every quality kind", () => {
    for (const kind of ["tempo", "intervals", "hills", "race"] as const) {
      expect(codes(flagsFor(kind, 40, 4))).toEqual([]);
      expect(codes(flagsFor(kind, 40, 3))).toEqual(["quality_too_easy"]);
    }
  });
});
