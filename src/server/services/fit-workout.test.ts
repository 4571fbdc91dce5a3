import { Decoder, Stream } from "@garmin/fitsdk";
import FitParser from "fit-file-parser";
import { describe, expect, test } from "vitest";
import { trainingPaces } from "~/domain/rules";
import type { StepAmount, StepTarget, WorkoutStructure } from "~/domain/training/workout-structure";
import { watchWorkout, type TargetResolver, type WatchStep, type WatchWorkout } from "~/domain/training/workout-watch";
import { encodeFitWorkout } from "./fit-workout";

/** 6 × 800 m at I pace with 400 m jog, framed by 2 km easy and a 10-minute cool-down by heart rate. */
const intervals: WorkoutStructure = {
  items: [
    { kind: "step", intent: "warmup", amount: { type: "distance", meters: 2000 }, target: { type: "pace", pace: "E" } },
    {
      kind: "repeat",
      times: 6,
      steps: [
        {
          kind: "step",
          intent: "work",
          amount: { type: "distance", meters: 800 },
          target: { type: "pace", pace: "I" },
        },
        {
          kind: "step",
          intent: "recovery",
          amount: { type: "distance", meters: 400 },
          target: { type: "rpe", min: 2, max: 3 },
        },
      ],
    },
    {
      kind: "step",
      intent: "cooldown",
      amount: { type: "time", seconds: 600 },
      target: { type: "heartRate", minBpm: 120, maxBpm: 140 },
    },
  ],
};

/**
 * A hand-built resolver standing in for the athlete's paces: named paces from a VDOT of 50 (I pace
 * as a ±3 s/km range), the rest as written.
 */
const paces = trainingPaces(50);
const NAMED: Record<string, [number, number]> = {
  E: [paces.easy.fromSPerKm, paces.easy.toSPerKm],
  I: [paces.intervalSPerKm - 3, paces.intervalSPerKm + 3],
};
const resolve: TargetResolver = (target: StepTarget, _amount: StepAmount) => {
  if (target.type === "pace") {
    const [fast, slow] = NAMED[target.pace]!;
    return { type: "pace", fastSPerKm: fast, slowSPerKm: slow, words: `${target.pace} pace` };
  }
  if (target.type === "heartRate") return { ...target, words: `HR ${target.minBpm}–${target.maxBpm}` };
  if (target.type === "rpe") return { type: "open", words: `RPE ${target.min}–${target.max}` };
  return { type: "open", words: null };
};

const workout = watchWorkout("Intervals 6 × 800 m", intervals, resolve);
const bytes = encodeFitWorkout(workout, new Date("2026-12-05T08:00:00Z"));

/** What the plan says each FIT step must be, in FIT's terms: a step or a repeat marker. */
type Expected =
  | {
      duration: ["time", number] | ["distance", number];
      target: ["speed", number, number] | ["heartRate", number, number] | ["open"];
      intensity: string;
    }
  | { repeatFrom: number; times: number };

function expected(w: WatchWorkout): Expected[] {
  const out: Expected[] = [];
  const step = (s: WatchStep): Expected => ({
    duration: s.amount.type === "time" ? ["time", s.amount.seconds] : ["distance", s.amount.meters],
    target:
      s.target.type === "pace"
        ? ["speed", +(1000 / s.target.slowSPerKm).toFixed(3), +(1000 / s.target.fastSPerKm).toFixed(3)]
        : s.target.type === "heartRate"
          ? ["heartRate", s.target.minBpm, s.target.maxBpm]
          : ["open"],
    intensity: { warmup: "warmup", work: "active", recovery: "recovery", cooldown: "cooldown" }[s.intent]!,
  });
  for (const item of w.items) {
    if ("times" in item) {
      const first = out.length;
      for (const s of item.steps) out.push(step(s));
      out.push({ repeatFrom: first, times: item.times });
    } else out.push(step(item));
  }
  return out;
}

describe("a FIT workout file", () => {
  test("Garmin's decoder reads a valid workout file whose steps are the planned steps", () => {
    const decoder = new Decoder(Stream.fromByteArray(bytes));
    expect(decoder.isFIT()).toBe(true);
    expect(decoder.checkIntegrity()).toBe(true);
    const { messages, errors } = new Decoder(Stream.fromByteArray(bytes)).read();
    expect(errors).toEqual([]);
    expect(messages.fileIdMesgs?.[0]?.type).toBe("workout");
    expect(messages.workoutMesgs?.[0]).toMatchObject({
      wktName: "Intervals 6 × 800 m",
      sport: "running",
      numValidSteps: 5,
    });
    const decoded = (messages.workoutStepMesgs ?? []).map((m): Expected => {
      if (m.durationType === "repeatUntilStepsCmplt")
        return { repeatFrom: Number(m.durationStep), times: Number(m.repeatSteps) };
      return {
        duration:
          m.durationType === "time" ? ["time", Number(m.durationTime)] : ["distance", Number(m.durationDistance)],
        target:
          m.targetType === "speed"
            ? ["speed", Number(m.customTargetSpeedLow), Number(m.customTargetSpeedHigh)]
            : m.targetType === "heartRate"
              ? ["heartRate", Number(m.customTargetHeartRateLow) - 100, Number(m.customTargetHeartRateHigh) - 100]
              : ["open"],
        intensity: String(m.intensity),
      };
    });
    expect(decoded).toEqual(expected(workout));
    expect(messages.workoutStepMesgs?.map((m) => m.messageIndex)).toEqual([0, 1, 2, 3, 4]);
    expect(messages.workoutStepMesgs?.[2]?.notes).toBe("RPE 2–3");
    expect(messages.workoutStepMesgs?.[1]?.wktStepName).toBe("Run · I pace");
  });

  test("fit-file-parser, an independent decoder, reads the same steps from the raw values", async () => {
    const parser = new FitParser({ force: false, mode: "list" });
    const parsed = (await parser.parseAsync(Buffer.from(bytes))) as unknown as {
      messages: { workout_step: Array<Record<string, unknown>>; workout: Array<Record<string, unknown>> };
    };
    expect(parsed.messages.workout[0]).toMatchObject({ wkt_name: "Intervals 6 × 800 m", sport: "running" });
    // Its own reading of FIT's units, not the SDK's: ms, cm, mm/s and bpm + 100.
    const decoded = parsed.messages.workout_step.map((m): Expected => {
      if (m.duration_type === "repeat_until_steps_cmplt")
        return { repeatFrom: Number(m.duration_value), times: Number(m.target_value) };
      const value = Number(m.duration_value);
      const low = Number(m.custom_target_value_low);
      const high = Number(m.custom_target_value_high);
      return {
        duration: m.duration_type === "time" ? ["time", value / 1000] : ["distance", value / 100],
        target:
          m.target_type === "speed"
            ? ["speed", low / 1000, high / 1000]
            : m.target_type === "heart_rate"
              ? ["heartRate", low - 100, high - 100]
              : ["open"],
        intensity: m.intensity === "active" ? "active" : String(m.intensity),
      };
    });
    expect(decoded).toEqual(expected(workout));
  });

  test("the speed targets are the athlete's paces: I pace of a VDOT 50 runner, within a second per km", () => {
    const { messages } = new Decoder(Stream.fromByteArray(bytes)).read();
    const work = messages.workoutStepMesgs?.[1];
    const slowSPerKm = 1000 / Number(work?.customTargetSpeedLow);
    const fastSPerKm = 1000 / Number(work?.customTargetSpeedHigh);
    expect(Math.abs(slowSPerKm - (paces.intervalSPerKm + 3))).toBeLessThan(1);
    expect(Math.abs(fastSPerKm - (paces.intervalSPerKm - 3))).toBeLessThan(1);
    const warmup = messages.workoutStepMesgs?.[0];
    expect(Math.abs(1000 / Number(warmup?.customTargetSpeedLow) - paces.easy.toSPerKm)).toBeLessThan(1);
  });

  test("long names are cut to what a watch shows", () => {
    const long = encodeFitWorkout({ ...workout, name: "A".repeat(80) }, new Date("2026-12-05T08:00:00Z"));
    const { messages } = new Decoder(Stream.fromByteArray(long)).read();
    expect(String(messages.workoutMesgs?.[0]?.wktName).length).toBeLessThanOrEqual(40);
  });
});
