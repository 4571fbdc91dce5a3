import { describe, expect, it } from "vitest";
import { paceGuidance } from "~/domain/rules";
import { athletePaces, NAMED_PACE_RPE, plannedAmounts, resolveTarget, splitText, workoutTotals } from "./workout-paces";
import { parseWorkout } from "./workout-text";

const structureOf = (text: string) => {
  const result = parseWorkout(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.structure;
};
// A 20:00 5 km (VDOT ≈ 49.8) and a 25:00 5 km (VDOT ≈ 38.3).
const faster = athletePaces({ distanceM: 5000, timeS: 1200 })!;
const slower = athletePaces({ distanceM: 5000, timeS: 1500 })!;
const I800 = { type: "distance", meters: 800 } as const;

describe("resolveTarget", () => {
  it("turns a named pace into the athlete's own range around Daniels' pace", () => {
    const resolved = resolveTarget({ type: "pace", pace: "I" }, faster);
    expect(resolved).toMatchObject({ type: "pace", pace: "I" });
    if (resolved.type !== "pace") throw new Error();
    const interval = paceGuidance(5000, 1200).paces.intervalSPerKm;
    expect(resolved.fastSPerKm).toBeLessThan(interval);
    expect(resolved.slowSPerKm).toBeGreaterThan(interval);
    expect(resolved.slowSPerKm - resolved.fastSPerKm).toBeLessThanOrEqual(8);
  });

  it("E is Daniels' easy range", () => {
    expect(resolveTarget({ type: "pace", pace: "E" }, faster)).toEqual({
      type: "pace",
      pace: "E",
      fastSPerKm: Math.round(faster.easy.fromSPerKm),
      slowSPerKm: Math.round(faster.easy.toSPerKm),
    });
  });

  it("without a race, a named pace is its RPE range, never a pace", () => {
    for (const pace of ["E", "M", "T", "I", "R"] as const) {
      expect(resolveTarget({ type: "pace", pace }, null)).toEqual({ type: "rpe", pace, ...NAMED_PACE_RPE[pace] });
    }
  });

  it("keeps given paces, heart rates and RPEs as they are", () => {
    expect(resolveTarget({ type: "paceRange", fastSPerKm: 250, slowSPerKm: 260 }, null)).toEqual({
      type: "pace",
      fastSPerKm: 250,
      slowSPerKm: 260,
      pace: null,
    });
    expect(resolveTarget({ type: "heartRate", minBpm: 140, maxBpm: 150 }, faster)).toEqual({
      type: "heartRate",
      minBpm: 140,
      maxBpm: 150,
    });
  });

  it("orders the paces: R faster than I faster than T faster than M faster than E", () => {
    const fastEnd = (pace: "E" | "M" | "T" | "I" | "R") => {
      const r = resolveTarget({ type: "pace", pace }, faster);
      return r.type === "pace" ? r.fastSPerKm : NaN;
    };
    expect(fastEnd("R")).toBeLessThan(fastEnd("I"));
    expect(fastEnd("I")).toBeLessThan(fastEnd("T"));
    expect(fastEnd("T")).toBeLessThan(fastEnd("M"));
    expect(fastEnd("M")).toBeLessThan(fastEnd("E"));
  });
});

describe("splitText", () => {
  it("gives each athlete their own split for the same template step", () => {
    const one = splitText(I800, resolveTarget({ type: "pace", pace: "I" }, faster));
    const two = splitText(I800, resolveTarget({ type: "pace", pace: "I" }, slower));
    expect(one).toMatch(/^3:\d\d–3:\d\d per 800 m$/);
    expect(two).toMatch(/^\d:\d\d–\d:\d\d per 800 m$/);
    expect(one).not.toEqual(two);
  });
  it("writes one time when both ends agree, and kilometres as such", () => {
    expect(
      splitText({ type: "distance", meters: 1000 }, { type: "pace", fastSPerKm: 200, slowSPerKm: 200, pace: null }),
    ).toBe("3:20 per 1 km");
  });
  it("has nothing to say without a pace or for a timed step", () => {
    expect(splitText(I800, resolveTarget({ type: "pace", pace: "I" }, null))).toBeNull();
    expect(
      splitText({ type: "time", seconds: 60 }, { type: "pace", fastSPerKm: 200, slowSPerKm: 210, pace: null }),
    ).toBeNull();
  });
});

describe("workoutTotals", () => {
  it("adds timed steps exactly", () => {
    expect(workoutTotals(structureOf("10' E, 3 x 10' T / 2' jog, 10' E"), null)).toEqual({
      seconds: 56 * 60,
      meters: null,
      estimated: false,
    });
  });
  it("turns distance into time at the athlete's pace, and a faster athlete needs less time", () => {
    const structure = structureOf("2k warm-up, 6 x 800m @ I pace w/ 400m jog, 2k cool-down");
    const one = workoutTotals(structure, faster);
    const two = workoutTotals(structure, slower);
    expect(one.meters).toBe(11_200);
    expect(one.seconds).toBeLessThan(two.seconds);
    expect(one.seconds / 60).toBeGreaterThan(45);
    expect(one.seconds / 60).toBeLessThan(75);
  });
  it("estimates conservatively without paces, and says so", () => {
    const structure = structureOf("6 x 800m @ I pace w/ 400m jog");
    const estimate = workoutTotals(structure, null);
    expect(estimate.estimated).toBe(true);
    expect(estimate.seconds).toBeGreaterThan(workoutTotals(structure, faster).seconds);
  });
  it("a timed step at a pace gives distance too", () => {
    expect(workoutTotals(structureOf("10' @ 5:00/km"), null)).toEqual({ seconds: 600, meters: 2000, estimated: false });
  });
});

describe("plannedAmounts", () => {
  it("gives whole minutes and metres", () => {
    expect(plannedAmounts(structureOf("10' @ 5:00/km, 20s"), null)).toEqual({
      ok: true,
      durationMin: 10,
      distanceM: null,
    });
  });
  it("refuses what a session cannot hold", () => {
    expect(plannedAmounts(structureOf("5:00:00, 5:01:00"), null)).toEqual({
      ok: false,
      message: "The steps add up to more than 10 hours",
    });
  });
  it("an athlete whose race is too slow for the equations has no paces", () => {
    expect(athletePaces({ distanceM: 5000, timeS: 20 * 3600 })).toBeNull();
    expect(athletePaces({ distanceM: null, timeS: null })).toBeNull();
  });
});
