import { describe, expect, it } from "vitest";
import { lapCompliance, type RunLap } from "./lap-compliance";
import { workoutLines, type WatchStep, type WatchWorkout } from "./workout-watch";

const step = (intent: WatchStep["intent"], meters: number, target: WatchStep["target"]): WatchStep => ({
  intent,
  amount: { type: "distance", meters },
  target,
  name: intent,
});

/** 2 km warm-up, 6 × (800 m at 3:58–4:04 /km, 400 m jog), 2 km cool-down: 15 steps. */
const I_PACE = { type: "pace", fastSPerKm: 237.5, slowSPerKm: 243.75, words: "3:10–3:15 per 800 m" } as const;
const open = { type: "open", words: "RPE 2–3" } as const;
const workout: WatchWorkout = {
  name: "6 × 800 m",
  items: [
    step("warmup", 2000, open),
    { times: 6, steps: [step("work", 800, I_PACE), step("recovery", 400, open)] },
    step("cooldown", 2000, open),
  ],
};

const lap = (distanceM: number, durationS: number): RunLap => ({ distanceM, durationS, avgHeartRate: null });
const reps = (count: number, seconds = 192): RunLap[] =>
  Array.from({ length: count }, () => [lap(800, seconds), lap(400, 150)]).flat();

describe("lap compliance", () => {
  it("a watch that ran the workout: 6 of 6 repeats at their pace", () => {
    const result = lapCompliance(workout, [lap(2000, 660), ...reps(6), lap(2000, 650)]);
    expect(result?.blocks).toHaveLength(1);
    expect(result?.blocks[0]).toMatchObject({ planned: 6, done: 6, avgSeconds: 192, verdict: "within" });
    expect(result?.blocks[0]?.avgSPerKm).toBeCloseTo(240, 5);
    expect(result?.extraLaps).toBe(0);
  });

  it("a missing lap press (warm-up and first rep in one lap) costs that rep only", () => {
    const laps = [lap(2800, 852), lap(400, 150), ...reps(5), lap(2000, 650)];
    expect(lapCompliance(workout, laps)?.blocks[0]).toMatchObject({ planned: 6, done: 5, verdict: "within" });
  });

  it("an extra lap (a stop at a crossing) is set aside, the repeats still line up", () => {
    const laps = [lap(2000, 660), lap(150, 60), ...reps(6), lap(2000, 650)];
    const result = lapCompliance(workout, laps);
    expect(result?.blocks[0]).toMatchObject({ done: 6 });
    expect(result?.extraLaps).toBe(1);
  });

  it("repeats run too fast are said to be faster", () => {
    const result = lapCompliance(workout, [lap(2000, 660), ...reps(6, 180), lap(2000, 650)]);
    expect(result?.blocks[0]).toMatchObject({ done: 6, verdict: "faster" });
  });

  it("only four repeats done: 4 of 6", () => {
    const result = lapCompliance(workout, [lap(2000, 660), ...reps(4), lap(2000, 650)]);
    expect(result?.blocks[0]).toMatchObject({ planned: 6, done: 4 });
  });

  it("one lap, or none, is nothing to compare: the run's duration says it", () => {
    expect(lapCompliance(workout, [lap(10000, 3000)])).toBeNull();
    expect(lapCompliance(workout, [])).toBeNull();
  });

  it("a time-based step matches laps by duration", () => {
    const tempo: WatchWorkout = {
      name: "3 × 10' T",
      items: [
        {
          times: 3,
          steps: [
            { intent: "work", amount: { type: "time", seconds: 600 }, target: I_PACE, name: "T" },
            { intent: "recovery", amount: { type: "time", seconds: 120 }, target: open, name: "jog" },
          ],
        },
      ],
    };
    const laps = [lap(2500, 600), lap(300, 120), lap(2500, 601), lap(300, 120), lap(2450, 598), lap(300, 120)];
    expect(lapCompliance(tempo, laps)?.blocks[0]).toMatchObject({ planned: 3, done: 3 });
  });
});

describe("the workout in words", () => {
  it("one line per step or repeat, with the athlete's targets", () => {
    expect(workoutLines(workout)).toEqual([
      "Warm-up 2 km at RPE 2–3",
      "6 × (run 800 m at 3:10–3:15 per 800 m, then recovery 400 m at RPE 2–3)",
      "Cool-down 2 km at RPE 2–3",
    ]);
  });
});
