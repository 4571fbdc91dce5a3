/**
 * The spec's "Examples to test against" table, as data (tests must not read ../shared).
 * Each example is a CLI command, its JSON input, and the expectations its JSON output must meet.
 * Shared by the engine's tests and the CLI's tests; not part of the engine's public API. It
 * imports nothing beyond this folder: the test runner's `expect` is passed in.
 */

type Json = Record<string, unknown>;

interface FlagJson {
  code: string;
  severity: string;
  audience: string;
  measure?: string;
  runId?: string;
  plannedId?: string;
  values: Record<string, number>;
  message: string;
  coachMessage: string;
}

/** One assertion about an output: what is checked, its actual value, and how. */
export type Expectation =
  | { readonly what: string; readonly actual: unknown; readonly equals: unknown }
  | { readonly what: string; readonly actual: unknown; readonly closeTo: number; readonly digits: number }
  | { readonly what: string; readonly actual: unknown; readonly contains: unknown }
  | { readonly what: string; readonly actual: unknown; readonly matches: RegExp };

export interface SpecExample {
  readonly name: string;
  readonly command: "evaluate" | "paces";
  readonly input: Json;
  readonly expectations: (output: Json) => Expectation[];
}

/** The part of vitest's `expect` the examples need. */
interface ExpectLike {
  (
    actual: unknown,
    message?: string,
  ): {
    toEqual(expected: unknown): void;
    toBeCloseTo(expected: number, digits?: number): void;
    toContain(item: unknown): void;
    toMatch(pattern: RegExp): void;
  };
}

export function assertExpectations(expectations: readonly Expectation[], expect: ExpectLike): void {
  for (const expectation of expectations) {
    const assertion = expect(expectation.actual, expectation.what);
    if ("equals" in expectation) assertion.toEqual(expectation.equals);
    else if ("closeTo" in expectation) assertion.toBeCloseTo(expectation.closeTo, expectation.digits);
    else if ("matches" in expectation) assertion.toMatch(expectation.matches);
    else assertion.toContain(expectation.contains);
  }
}

/** 2026-11-23 is a Monday. */
export const WEEK_START = "2026-11-23";
const DATES = ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"];

/** A run on the week's nth day (0 = Monday). */
export function run(
  id: string,
  dayIndex: number,
  kind: string,
  durationMin: number,
  rpe: number,
  extra: Json = {},
): Json {
  return { id, date: DATES[dayIndex], kind, durationMin, rpe, ...extra };
}

export function flagsOf(output: Json): FlagJson[] {
  return output.flags as FlagJson[];
}

export function codesOf(output: Json, measure?: string): string[] {
  return flagsOf(output)
    .filter((flag) => measure === undefined || flag.measure === measure)
    .map((flag) => flag.code)
    .sort();
}

const MIX_CODES = new Set(["aerobic_low", "aerobic_high", "recovery_low", "recovery_high", "quality_high"]);

function mixCodes(output: Json): string[] {
  return codesOf(output).filter((code) => MIX_CODES.has(code));
}

function actual(output: Json): { proportions: Record<string, number> | null; load: Record<string, unknown> } {
  return output.actual as { proportions: Record<string, number> | null; load: Record<string, unknown> };
}

/** 21 days at 200 a day (RPE 5 × 40 min), then a week at 400 a day (RPE 5 × 80 min). */
function loadSpikeWeek(): Json {
  const history = Array.from({ length: 21 }, (_, i) => ({
    id: `h${i + 1}`,
    date: `2026-11-${String(2 + i).padStart(2, "0")}`,
    kind: "aerobic",
    durationMin: 40,
    rpe: 5,
  }));
  const runs = DATES.map((_, day) => run(`r${day + 1}`, day, "aerobic", 80, 5));
  return { weekStart: WEEK_START, runs, history, historyFrom: "2026-11-02" };
}

export const SPEC_EXAMPLES: readonly SpecExample[] = [
  {
    name: "runs by time 60 min recovery, 280 aerobic, 60 quality: 0.15 / 0.70 / 0.15, no mix flag",
    command: "evaluate",
    input: {
      weekStart: WEEK_START,
      runs: [
        run("r1", 0, "recovery", 30, 2),
        run("r2", 1, "aerobic", 90, 5),
        run("r3", 2, "tempo", 60, 7),
        run("r4", 3, "aerobic", 90, 5),
        run("r5", 4, "recovery", 30, 2),
        run("r6", 6, "long", 100, 5),
      ],
    },
    expectations: (output) => {
      const proportions = actual(output).proportions as Record<string, number>;
      return [
        { what: "recovery share", actual: proportions.recovery, closeTo: 0.15, digits: 12 },
        { what: "aerobic share", actual: proportions.aerobic, closeTo: 0.7, digits: 12 },
        { what: "quality share", actual: proportions.quality, closeTo: 0.15, digits: 12 },
        { what: "mix flags", actual: mixCodes(output), equals: [] },
      ];
    },
  },
  {
    name: "10 % / 80 % / 10 % exactly: no mix flag (edges inclusive)",
    command: "evaluate",
    input: {
      weekStart: WEEK_START,
      runs: [
        run("r1", 0, "recovery", 30, 2),
        run("r2", 1, "aerobic", 80, 5),
        run("r3", 2, "tempo", 30, 8),
        run("r4", 3, "aerobic", 80, 5),
        run("r5", 5, "long", 80, 5),
      ],
    },
    expectations: (output) => [
      {
        what: "proportions",
        actual: actual(output).proportions,
        equals: { recovery: 0.1, aerobic: 0.8, quality: 0.1 },
      },
      { what: "mix flags", actual: mixCodes(output), equals: [] },
    ],
  },
  {
    name: "recovery 40, aerobic 180, quality 180 (minutes): aerobic_low, quality_high",
    command: "evaluate",
    input: {
      weekStart: WEEK_START,
      runs: [
        run("r1", 0, "recovery", 20, 2),
        run("r2", 1, "tempo", 60, 7),
        run("r3", 2, "aerobic", 60, 5),
        run("r4", 3, "intervals", 60, 8),
        run("r5", 4, "aerobic", 60, 5),
        run("r6", 5, "hills", 60, 8),
        run("r7", 6, "recovery", 20, 2),
        run("r8", 6, "aerobic", 60, 5),
      ],
    },
    expectations: (output) => [
      { what: "label mix flags", actual: codesOf(output, "label"), equals: ["aerobic_low", "quality_high"] },
      {
        what: "aerobic_low values",
        actual: flagsOf(output).find((flag) => flag.code === "aerobic_low" && flag.measure === "label")?.values,
        equals: { share: 0.45, min: 0.6, max: 0.8 },
      },
    ],
  },
  {
    name: "a recovery run of 25 min at RPE 5: recovery_too_hard; session load 125",
    command: "evaluate",
    input: { weekStart: WEEK_START, runs: [run("r1", 1, "recovery", 25, 5)] },
    expectations: (output) => {
      const flag = flagsOf(output)[0];
      const load = actual(output).load;
      return [
        { what: "flags", actual: codesOf(output), equals: ["recovery_too_hard"] },
        {
          what: "flag about the run",
          actual: [flag?.severity, flag?.runId, flag?.values],
          equals: ["warning", "r1", { rpe: 5, max: 3 }],
        },
        { what: "message", actual: flag?.message, contains: "Tuesday" },
        { what: "audience", actual: flag?.audience, equals: "both" },
        {
          what: "coachMessage",
          actual: flag?.coachMessage,
          matches: /^Recovery run on Tuesday at RPE 5 \(target 1–3\)/,
        },
        { what: "load", actual: [load.weekly, load.daily], equals: [125, [0, 125, 0, 0, 0, 0, 0]] },
      ];
    },
  },
  {
    name: "a recovery run of 34 min at RPE 2: no flag",
    command: "evaluate",
    input: { weekStart: WEEK_START, runs: [run("r1", 1, "recovery", 34, 2)] },
    expectations: (output) => [{ what: "flags", actual: codesOf(output), equals: [] }],
  },
  {
    name: "an aerobic run of 50 min at RPE 8: aerobic_too_hard",
    command: "evaluate",
    input: { weekStart: WEEK_START, runs: [run("r1", 2, "aerobic", 50, 8)] },
    expectations: (output) => [
      { what: "flags", actual: codesOf(output), equals: ["aerobic_too_hard"] },
      { what: "values", actual: flagsOf(output)[0]?.values, equals: { rpe: 8, max: 6 } },
    ],
  },
  {
    name: "daily loads 400, 420, 380, 410, 400, 390, 0: monotony ≈ 2.44 (population SD), monotony_high",
    command: "evaluate",
    input: {
      weekStart: WEEK_START,
      runs: [
        run("r1", 0, "aerobic", 80, 5),
        run("r2", 1, "aerobic", 70, 6),
        run("r3", 2, "aerobic", 95, 4),
        run("r4", 3, "aerobic", 82, 5),
        run("r5", 4, "aerobic", 80, 5),
        run("r6", 5, "aerobic", 65, 6),
      ],
    },
    expectations: (output) => {
      const load = actual(output).load;
      return [
        { what: "daily loads", actual: load.daily, equals: [400, 420, 380, 410, 400, 390, 0] },
        { what: "monotony", actual: load.monotony, closeTo: 2.44, digits: 2 },
        { what: "strain", actual: load.strain, closeTo: 2400 * (load.monotony as number), digits: 9 },
        { what: "flags", actual: codesOf(output), contains: "monotony_high" },
        {
          what: "monotony in the message, two decimals",
          actual: flagsOf(output).find((flag) => flag.code === "monotony_high")?.message,
          contains: "monotony 2.44, above 2.00",
        },
      ];
    },
  },
  {
    name: "21 days at 200 a day, then a week at 400 a day: load ratio 2.0, load_spike",
    command: "evaluate",
    input: loadSpikeWeek(),
    expectations: (output) => {
      const spike = flagsOf(output).find((flag) => flag.code === "load_spike");
      return [
        { what: "load ratio", actual: actual(output).load.ratio, closeTo: 2, digits: 12 },
        { what: "load_spike values", actual: spike?.values, equals: { ratio: 2, threshold: 1.5 } },
        { what: "load_spike message", actual: spike?.message, contains: "100 % above your recent average" },
        { what: "ratio in the message, two decimals", actual: spike?.message, contains: "2.00" },
      ];
    },
  },
  {
    name: "planned 60 min, ran 45: 75 %, yellow",
    command: "evaluate",
    input: {
      weekStart: WEEK_START,
      asOf: "2026-11-26",
      plan: [{ id: "p1", date: DATES[1], kind: "aerobic", durationMin: 60 }],
      runs: [run("r1", 1, "aerobic", 45, 5, { plannedId: "p1" })],
    },
    expectations: (output) => [
      {
        what: "compliance",
        actual: output.compliance,
        equals: [{ plannedId: "p1", runId: "r1", percent: 75, color: "yellow" }],
      },
    ],
  },
  {
    name: "a 45-min recovery run planned: recovery_too_long on the plan, for the coach only",
    command: "evaluate",
    input: {
      weekStart: WEEK_START,
      asOf: WEEK_START,
      plan: [{ id: "p1", date: DATES[1], kind: "recovery", durationMin: 45 }],
      runs: [],
    },
    expectations: (output) => {
      const flag = flagsOf(output).find((f) => f.code === "recovery_too_long");
      return [
        { what: "flags", actual: codesOf(output), equals: ["recovery_too_long"] },
        {
          what: "the plan's flag",
          actual: [flag?.measure, flag?.plannedId, flag?.audience, flag?.severity, flag?.values],
          equals: ["plan", "p1", "coach", "warning", { durationMin: 45, max: 36 }],
        },
        { what: "coachMessage", actual: flag?.coachMessage, matches: /^Recovery run planned for Tuesday is 45 min/ },
      ];
    },
  },
  {
    name: "9.9 % recovery against a 10 % floor: recovery_low is info",
    command: "evaluate",
    input: {
      weekStart: WEEK_START,
      runs: [run("r1", 0, "recovery", 9.9, 2), run("r2", 2, "aerobic", 70.1, 5), run("r3", 4, "tempo", 20, 7)],
    },
    expectations: (output) => [
      {
        what: "mix flags by label",
        actual: flagsOf(output)
          .filter((flag) => flag.measure === "label")
          .map((flag) => [flag.code, flag.severity, flag.audience]),
        equals: [["recovery_low", "info", "both"]],
      },
    ],
  },
  {
    name: "7.9 % recovery against a 10 % floor: recovery_low is a warning",
    command: "evaluate",
    input: {
      weekStart: WEEK_START,
      runs: [run("r1", 0, "recovery", 7.9, 2), run("r2", 2, "aerobic", 72.1, 5), run("r3", 4, "tempo", 20, 7)],
    },
    expectations: (output) => [
      {
        what: "mix flags by label",
        actual: flagsOf(output)
          .filter((flag) => flag.measure === "label")
          .map((flag) => [flag.code, flag.severity]),
        equals: [["recovery_low", "warning"]],
      },
    ],
  },
  {
    name: "a planned session on an excused day without a run: excused, not missed",
    command: "evaluate",
    input: {
      weekStart: WEEK_START,
      asOf: "2026-11-30",
      plan: [
        { id: "p1", date: DATES[1], kind: "tempo", durationMin: 50 },
        { id: "p2", date: DATES[3], kind: "aerobic", durationMin: 60 },
      ],
      runs: [run("r1", 3, "aerobic", 60, 5)],
      excused: [{ date: DATES[1], reason: "ill" }],
    },
    expectations: (output) => [
      {
        what: "compliance",
        actual: output.compliance,
        equals: [
          { plannedId: "p1", runId: null, percent: null, color: "excused" },
          { plannedId: "p2", runId: "r1", percent: 100, color: "green" },
        ],
      },
      { what: "flags", actual: codesOf(output), equals: [] },
    ],
  },
  {
    name: "5 km in 20:00: VDOT ≈ 49.8",
    command: "paces",
    input: { distanceM: 5000, timeS: 1200 },
    expectations: (output) => [
      { what: "VDOT", actual: output.vdot, closeTo: 49.8, digits: 1 },
      {
        what: "5000 m prediction",
        actual: (output.predictions as Record<string, number>)["5000"],
        closeTo: 1200,
        digits: 6,
      },
    ],
  },
];
