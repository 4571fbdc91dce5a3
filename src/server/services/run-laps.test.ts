import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lapCompliance } from "~/domain/training/lap-compliance";
import type { WatchStep, WatchWorkout } from "~/domain/training/workout-watch";
import { parseActivityFile, type ParseSuccess } from "~/server/activity-import";
import { activityFileId, at, encodeTestFit, type TestMesg } from "~/server/activity-import/encode-test-fit";

const NOW = new Date("2025-01-01T00:00:00Z");
const START = "2024-06-01T07:00:00Z";

function parsed(fileName: string, bytes: Uint8Array): ParseSuccess {
  const result = parseActivityFile({ fileName, bytes }, { now: NOW });
  if (!result.ok) throw new Error(result.error);
  return result;
}

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../activity-import/fixtures/${name}`, import.meta.url)));

const paceStep = (intent: WatchStep["intent"], meters: number, fast: number, slow: number): WatchStep => ({
  intent,
  amount: { type: "distance", meters },
  target: { type: "pace", fastSPerKm: fast, slowSPerKm: slow, words: "" },
  name: intent,
});
const jog = (meters: number): WatchStep => ({
  intent: "recovery",
  amount: { type: "distance", meters },
  target: { type: "open", words: null },
  name: "jog",
});

describe("an imported file's laps against the plan", () => {
  it("the TCX fixture's two laps: 1 km and 1.1 km, both at 5:00 /km", () => {
    const [run] = parsed("run-with-hr.tcx", fixture("run-with-hr.tcx")).activities;
    const workout: WatchWorkout = {
      name: "2 steps",
      items: [paceStep("work", 1000, 290, 310), paceStep("work", 1100, 290, 310)],
    };
    const result = lapCompliance(workout, run!.laps);
    expect(result?.blocks.map((b) => [b.done, b.planned, Math.round(b.avgSPerKm ?? 0), b.verdict])).toEqual([
      [1, 1, 300, "within"],
      [1, 1, 300, "within"],
    ]);
  });

  it("a FIT file of a watch that ran 2 km, 6 × (800 m, 400 m), 2 km: 6 of 6 at 3:12", () => {
    const laps: TestMesg[] = [];
    let t = 0;
    const lap = (seconds: number, distance: number) => {
      laps.push([
        "LAP",
        {
          timestamp: at(START, t + seconds),
          startTime: at(START, t),
          totalElapsedTime: seconds,
          totalTimerTime: seconds,
          totalDistance: distance,
          sport: "running",
        },
      ]);
      t += seconds;
    };
    lap(660, 2000);
    for (let i = 0; i < 6; i++) {
      lap(192, 800);
      lap(150, 400);
    }
    lap(650, 2000);
    const bytes = encodeTestFit([
      activityFileId(START),
      ...laps,
      [
        "SESSION",
        {
          timestamp: at(START, t),
          startTime: at(START),
          totalElapsedTime: t,
          totalTimerTime: t,
          totalDistance: 11200,
          sport: "running",
        },
      ],
    ]);
    const [run] = parsed("workout.fit", bytes).activities;
    expect(run!.laps).toHaveLength(14);
    const workout: WatchWorkout = {
      name: "6 × 800 m",
      items: [jog(2000), { times: 6, steps: [paceStep("work", 800, 237, 244), jog(400)] }, jog(2000)],
    };
    expect(lapCompliance(workout, run!.laps)?.blocks).toEqual([
      expect.objectContaining({ planned: 6, done: 6, avgSeconds: 192, verdict: "within" }),
    ]);
  });
});
