import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { workoutStructureSchema } from "./workout-schema";
import type { StepAmount, StepTarget, WorkoutStep, WorkoutStructure } from "./workout-structure";
import { parseWorkout, printWorkout } from "./workout-text";

const parsed = (text: string) => {
  const result = parseWorkout(text);
  if (!result.ok) throw new Error(`${text}: ${JSON.stringify(result.errors)}`);
  return result.structure;
};
const step = (
  intent: WorkoutStep["intent"],
  amount: StepAmount,
  target: StepTarget = { type: "open" },
): WorkoutStep => ({
  kind: "step",
  intent,
  amount,
  target,
});
const m = (meters: number): StepAmount => ({ type: "distance", meters });
const s = (seconds: number): StepAmount => ({ type: "time", seconds });

describe("parseWorkout: the issue's examples", () => {
  it("reads 2k warm-up, 6 x 800m @ I pace w/ 400m jog, 2k cool-down", () => {
    expect(parsed("2k warm-up, 6 x 800m @ I pace w/ 400m jog, 2k cool-down")).toEqual({
      items: [
        step("warmup", m(2000)),
        {
          kind: "repeat",
          times: 6,
          steps: [step("work", m(800), { type: "pace", pace: "I" }), step("recovery", m(400))],
        },
        step("cooldown", m(2000)),
      ],
    });
  });

  it("reads 10' E, 3 x 10' T / 2' jog, 10' E", () => {
    expect(parsed("10' E, 3 x 10' T / 2' jog, 10' E")).toEqual({
      items: [
        step("work", s(600), { type: "pace", pace: "E" }),
        {
          kind: "repeat",
          times: 3,
          steps: [step("work", s(600), { type: "pace", pace: "T" }), step("recovery", s(120))],
        },
        step("work", s(600), { type: "pace", pace: "E" }),
      ],
    });
  });
});

describe("parseWorkout: units and targets", () => {
  it.each([
    ["1.5km", m(1500)],
    ["2 km", m(2000)],
    ["1 mi", m(1609)],
    ["2 miles", m(3219)],
    ["800 m", m(800)],
    ["10'", s(600)],
    ["10 min", s(600)],
    ["1:30", s(90)],
    ["1:05:00", s(3900)],
    ["90s", s(90)],
    ["2'30\"", s(150)],
    ["1h", s(3600)],
  ])("%s", (text, amount) => {
    expect(parsed(text).items[0]).toEqual(step("work", amount));
  });

  it.each([
    ["5k @ 4:10-4:20/km", { type: "paceRange", fastSPerKm: 250, slowSPerKm: 260 }],
    ["5k @ 4:20–4:10/km", { type: "paceRange", fastSPerKm: 250, slowSPerKm: 260 }],
    ["5k @ 4:10/km", { type: "paceRange", fastSPerKm: 250, slowSPerKm: 250 }],
    ["5k @ 8:00/mi", { type: "paceRange", fastSPerKm: 298, slowSPerKm: 298 }],
    ["20' @ HR 140-150", { type: "heartRate", minBpm: 140, maxBpm: 150 }],
    ["20' @ HR 150 to 140 bpm", { type: "heartRate", minBpm: 140, maxBpm: 150 }],
    ["20' @ RPE 7-8", { type: "rpe", min: 7, max: 8 }],
    ["20' @ RPE 7", { type: "rpe", min: 7, max: 7 }],
    ["20' @ m pace", { type: "pace", pace: "M" }],
    ["20' R", { type: "pace", pace: "R" }],
  ] as const)("%s", (text, target) => {
    expect(parsed(text).items[0]).toMatchObject({ target });
  });

  it("reads bracketed repeats with commas and × signs", () => {
    expect(parsed("3 × (1k @ T, 1' jog, 200m @ R, 200m rest)").items[0]).toMatchObject({
      kind: "repeat",
      times: 3,
      steps: [{ intent: "work" }, { intent: "recovery" }, { intent: "recovery" }, { intent: "recovery" }],
    });
    expect(parsed("4x400m @ R + 400m jog").items[0]).toMatchObject({ kind: "repeat", times: 4 });
  });
});

describe("parseWorkout: errors point at the part not understood", () => {
  const errorsOf = (text: string) => {
    const result = parseWorkout(text);
    expect(result.ok).toBe(false);
    return result.ok ? [] : result.errors.map((e) => ({ ...e, text: text.slice(e.from, e.to) }));
  };

  it("a number without a unit", () => {
    expect(errorsOf("2k warm-up, 10 E")).toEqual([expect.objectContaining({ text: "10", from: 12 })]);
  });
  it("an unknown pace", () => {
    expect(errorsOf("6 x 800m @ Q")).toEqual([expect.objectContaining({ text: "Q" })]);
  });
  it("an unknown word", () => {
    expect(errorsOf("10' E, 20' fartlek")[0]).toMatchObject({ text: "fartlek" });
  });
  it("every part at fault, not only the first", () => {
    expect(errorsOf("10 E, 2k, 3 x 800m @ HR 300").map((e) => e.text)).toEqual(["10", "800m @ HR 300"]);
  });
  it("an empty part between commas", () => {
    expect(errorsOf("2k,, 1k")).toEqual([expect.objectContaining({ text: "," })]);
  });
  it("out of bounds", () => {
    expect(errorsOf("200 x 400m / 200m jog")[0]!.message).toMatch(/at most 50/i);
    expect(errorsOf("20' @ RPE 7-11")[0]!.message).toMatch(/RPE/);
    expect(errorsOf("20' @ 1:00/km")[0]!.message).toMatch(/2:00/);
  });
  it("empty text", () => {
    expect(errorsOf("   ")[0]!.message).toMatch(/Type the session/);
  });
});

const amountArb: fc.Arbitrary<StepAmount> = fc.oneof(
  fc.integer({ min: 1, max: 6 * 3600 }).map((seconds) => ({ type: "time" as const, seconds })),
  fc.integer({ min: 1, max: 100_000 }).map((meters) => ({ type: "distance" as const, meters })),
);
const ordered = (lo: number, hi: number) =>
  fc
    .tuple(fc.integer({ min: lo, max: hi }), fc.integer({ min: lo, max: hi }))
    .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
const targetArb: fc.Arbitrary<StepTarget> = fc.oneof(
  fc.constant({ type: "open" as const }),
  fc.constantFrom("E", "M", "T", "I", "R" as const).map((pace) => ({ type: "pace" as const, pace })),
  ordered(120, 1200).map(([fastSPerKm, slowSPerKm]) => ({ type: "paceRange" as const, fastSPerKm, slowSPerKm })),
  ordered(30, 230).map(([minBpm, maxBpm]) => ({ type: "heartRate" as const, minBpm, maxBpm })),
  ordered(1, 10).map(([min, max]) => ({ type: "rpe" as const, min, max })),
);
const stepArb: fc.Arbitrary<WorkoutStep> = fc.record({
  kind: fc.constant("step" as const),
  intent: fc.constantFrom("warmup", "work", "recovery", "cooldown" as const),
  amount: amountArb,
  target: targetArb,
});
const structureArb: fc.Arbitrary<WorkoutStructure> = fc.record({
  items: fc.array(
    fc.oneof(
      stepArb,
      fc.record({
        kind: fc.constant("repeat" as const),
        times: fc.integer({ min: 2, max: 6 }),
        steps: fc.array(stepArb, { minLength: 1, maxLength: 4 }),
      }),
    ),
    { minLength: 1, maxLength: 8 },
  ),
});

describe("properties", () => {
  it("print → parse gives back the same structure", () => {
    fc.assert(
      fc.property(structureArb, (structure) => {
        expect(workoutStructureSchema.safeParse(structure).success).toBe(true);
        const text = printWorkout(structure);
        const result = parseWorkout(text);
        expect(result).toEqual({ ok: true, structure });
      }),
      { numRuns: 500 },
    );
  });

  const junk = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc
      .array(
        fc.constantFrom(
          "2",
          "k",
          "x",
          " ",
          "@",
          "/",
          ",",
          "(",
          ")",
          "'",
          ":",
          "-",
          "E",
          "HR",
          "RPE",
          "10",
          "jog",
          "w/",
          "3:10",
          ".",
        ),
        { maxLength: 30 },
      )
      .map((p) => p.join("")),
  );
  it("never throws on junk, and errors lie within the text", () => {
    fc.assert(
      fc.property(junk, (text) => {
        const result = parseWorkout(text);
        if (result.ok) expect(workoutStructureSchema.safeParse(result.structure).success).toBe(true);
        else
          for (const error of result.errors) {
            expect(error.from).toBeGreaterThanOrEqual(0);
            expect(error.to).toBeGreaterThanOrEqual(error.from);
            expect(error.to).toBeLessThanOrEqual(Math.max(text.length, 0));
            expect(error.message.length).toBeGreaterThan(0);
          }
      }),
      { numRuns: 2000 },
    );
  });
});
