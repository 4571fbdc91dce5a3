import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { paceGuidance, paceSecondsPerKm, raceTimeSeconds, secondsPerMile, trainingPaces, vdotFromRace } from "./paces";
import { parsePacesInput } from "./schemas";

describe("VDOT (Daniels & Gilbert)", () => {
  it("5 km in 20:00 gives VDOT ≈ 49.8", () => {
    expect(vdotFromRace(5000, 1200)).toBeCloseTo(49.81, 2);
  });

  it("predicts equivalent races close to Daniels' tables (VDOT 50: 10 km 41:21, marathon 3:10:49)", () => {
    expect(raceTimeSeconds(50, 10000)).toBeGreaterThan(2481 - 10);
    expect(raceTimeSeconds(50, 10000)).toBeLessThan(2481 + 10);
    expect(raceTimeSeconds(50, 42195)).toBeGreaterThan(11449 - 60);
    expect(raceTimeSeconds(50, 42195)).toBeLessThan(11449 + 60);
  });

  it("solving for time inverts the VDOT of any race", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1500, max: 42195, noNaN: true }),
        fc.double({ min: 2.5, max: 7, noNaN: true }),
        (distanceM, minPerKm) => {
          const timeS = (distanceM / 1000) * minPerKm * 60;
          const vdot = vdotFromRace(distanceM, timeS);
          expect(raceTimeSeconds(vdot, distanceM)).toBeCloseTo(timeS, 3);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("training paces", () => {
  it("for VDOT 50 match Daniels' threshold 4:15/km and interval 3:55/km", () => {
    const paces = trainingPaces(50);
    expect(paces.thresholdSPerKm).toBeGreaterThan(253);
    expect(paces.thresholdSPerKm).toBeLessThan(257);
    expect(paces.intervalSPerKm).toBeGreaterThan(233);
    expect(paces.intervalSPerKm).toBeLessThan(237);
    expect(paces.marathonSPerKm).toBeCloseTo(raceTimeSeconds(50, 42195) / 42.195, 9);
  });

  it("are ordered: repetition < interval < threshold < marathon < easy range", () => {
    const { vdot, paces, predictions } = paceGuidance(5000, 1200);
    expect(vdot).toBeCloseTo(49.8, 1);
    expect(paces.repetitionSPer400m * 2.5).toBeLessThan(paces.intervalSPerKm);
    expect(paces.intervalSPerKm).toBeLessThan(paces.thresholdSPerKm);
    expect(paces.thresholdSPerKm).toBeLessThan(paces.marathonSPerKm);
    expect(paces.marathonSPerKm).toBeLessThan(paces.easy.fromSPerKm);
    expect(paces.easy.fromSPerKm).toBeLessThan(paces.easy.toSPerKm);
    expect(Object.keys(predictions).sort()).toEqual(["10000", "21097.5", "42195", "5000"]);
    expect(predictions["5000"]).toBeCloseTo(1200, 6);
    expect(predictions["10000"]).toBeLessThan(predictions["21097.5"] as number);
  });
});

describe("pace helpers", () => {
  it("gives seconds per km of a run, or null without a distance", () => {
    expect(paceSecondsPerKm(50, 10)).toBe(300);
    expect(paceSecondsPerKm(50, undefined)).toBeNull();
    expect(paceSecondsPerKm(50, 0)).toBeNull();
    expect(secondsPerMile(300)).toBeCloseTo(482.8, 1);
  });
});

describe("parsePacesInput", () => {
  it.each([
    [{ distanceM: -5000, timeS: 1200 }, ["distanceM"]],
    [{ distanceM: 5000 }, ["timeS"]],
    [{ distanceM: "5000", timeS: 1200 }, ["distanceM"]],
    [{ distanceM: 5000, timeS: 0 }, ["timeS"]],
    [{ distanceM: 100, timeS: 999_999 }, ["timeS"]],
    [[], []],
  ])("rejects %j at %j", (input, path) => {
    const parsed = parsePacesInput(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.path).toEqual(path);
  });

  it("ignores unknown fields", () => {
    expect(parsePacesInput({ distanceM: 5000, timeS: 1200, name: "parkrun" })).toEqual({
      ok: true,
      value: { distanceM: 5000, timeS: 1200 },
    });
  });
});
