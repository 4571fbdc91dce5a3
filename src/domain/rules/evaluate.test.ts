import { describe, expect, it } from "vitest";
import { evaluateWeek } from "./evaluate";
import { paceGuidance } from "./paces";
import { parseEvaluateInput, parsePacesInput } from "./schemas";
import { SPEC_EXAMPLES, WEEK_START, assertExpectations, codesOf, flagsOf, run } from "./spec-examples.fixture";
import type { Proportions, WeekEvaluation, WeekInput } from "./types";

/** Parses like the CLI does, then evaluates; fails the test on invalid input. */
function evaluateJson(input: unknown): WeekEvaluation {
  const parsed = parseEvaluateInput(input);
  if (!parsed.ok) throw new Error(`${parsed.error.message} at ${JSON.stringify(parsed.error.path)}`);
  return evaluateWeek(parsed.value);
}

function asJson(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

describe("the spec's examples table", () => {
  for (const example of SPEC_EXAMPLES) {
    it(example.name, () => {
      if (example.command === "paces") {
        const race = parsePacesInput(example.input);
        if (!race.ok) throw new Error(race.error.message);
        assertExpectations(example.expectations(asJson(paceGuidance(race.value.distanceM, race.value.timeS))), expect);
      } else {
        assertExpectations(example.expectations(asJson(evaluateJson(example.input))), expect);
      }
    });
  }
});

describe("the contract's example document", () => {
  const input = {
    weekStart: "2026-11-23",
    asOf: "2026-11-29",
    settings: { basis: "time" },
    plan: [{ id: "p1", date: "2026-11-23", kind: "recovery", durationMin: 30 }],
    runs: [
      { id: "r1", date: "2026-11-23", kind: "recovery", durationMin: 32, distanceKm: 4.6, rpe: 5, plannedId: "p1" },
    ],
    history: [{ id: "h1", date: "2026-11-01", kind: "aerobic", durationMin: 50, distanceKm: 9, rpe: 5 }],
    historyFrom: "2026-10-26",
  };

  it("has the documented shape", () => {
    const output = evaluateJson(input);
    expect(output.week).toEqual({ start: "2026-11-23", end: "2026-11-29" });
    expect(output.basis).toBe("time");
    expect(output.plan).toEqual({ status: "insufficient_data", proportions: null });
    expect(output.actual.status).toBe("insufficient_data");
    expect(output.actual.proportions).toBeNull();
    expect(output.actual.effortProportions).toBeNull();
    expect(output.actual.load.weekly).toBe(160);
    expect(output.compliance).toEqual([{ plannedId: "p1", runId: "r1", percent: (32 * 100) / 30, color: "green" }]);
    expect(output.flags).toEqual([
      {
        code: "recovery_too_hard",
        severity: "warning",
        audience: "both",
        runId: "r1",
        values: { rpe: 5, max: 3 },
        message: "Your recovery run on Monday was RPE 5; keep recovery runs at 1–3, slow enough to chat the whole way.",
        coachMessage:
          "Recovery run on Monday at RPE 5 (target 1–3). Remind them that recovery runs should be slow enough to chat the whole way.",
      },
    ]);
  });

  it("ignores unknown extra fields", () => {
    const noisy = { ...input, extra: true, runs: input.runs.map((r) => ({ ...r, heartRate: 150 })) };
    expect(evaluateJson(noisy)).toEqual(evaluateJson(input));
  });
});

describe("mix", () => {
  it("an empty week is insufficient_data, not an error", () => {
    const output = evaluateJson({ weekStart: WEEK_START, runs: [] });
    expect(output.actual).toMatchObject({ status: "insufficient_data", proportions: null, effortProportions: null });
    expect(output.actual.load).toEqual({
      weekly: 0,
      daily: [0, 0, 0, 0, 0, 0, 0],
      monotony: null,
      strain: null,
      ratio: null,
    });
    expect(output.plan).toBeNull();
    expect(output.flags).toEqual([]);
  });

  it("fewer than minRunsForMix runs: no mix flags, but per-run flags still apply", () => {
    const output = evaluateJson({
      weekStart: WEEK_START,
      runs: [run("r1", 0, "recovery", 40, 6), run("r2", 2, "tempo", 30, 8)],
    });
    expect(output.actual.status).toBe("insufficient_data");
    expect(codesOf(asJson(output))).toEqual(["recovery_too_hard", "recovery_too_long"]);
  });

  it("an easy week run too hard passes by label and fails by effort", () => {
    const output = evaluateJson({
      weekStart: WEEK_START,
      runs: [
        run("r1", 0, "recovery", 30, 5),
        run("r2", 1, "aerobic", 70, 7),
        run("r3", 2, "tempo", 40, 8),
        run("r4", 4, "aerobic", 60, 7),
        run("r5", 6, "long", 100, 5),
      ],
    });
    const json = asJson(output);
    expect(codesOf(json, "label")).toEqual([]);
    expect(codesOf(json, "effort")).toEqual(["aerobic_low", "quality_high", "recovery_low"]);
    const qualityHigh = flagsOf(json).find((flag) => flag.code === "quality_high" && flag.measure === "effort");
    expect(qualityHigh?.values).toEqual({ share: 170 / 300, max: 0.3 });
  });

  it("basis time and basis distance give different verdicts on the same week", () => {
    // Recovery runs are slow and quality runs fast: by distance recovery shrinks and quality grows.
    const runs = [
      run("r1", 0, "recovery", 30, 2, { distanceKm: 3 }),
      run("r2", 1, "aerobic", 60, 5, { distanceKm: 11 }),
      run("r3", 2, "intervals", 60, 8, { distanceKm: 15 }),
      run("r4", 3, "recovery", 30, 2, { distanceKm: 3 }),
      run("r5", 4, "aerobic", 60, 5, { distanceKm: 11 }),
      run("r6", 6, "long", 100, 5, { distanceKm: 20 }),
    ];
    const byTime = asJson(evaluateJson({ weekStart: WEEK_START, runs }));
    const byDistance = asJson(evaluateJson({ weekStart: WEEK_START, runs, settings: { basis: "distance" } }));
    expect(byTime.basis).toBe("time");
    expect(byDistance.basis).toBe("distance");
    expect(codesOf(byTime, "label")).toEqual([]);
    expect(codesOf(byDistance, "label")).toEqual(["recovery_low"]);
  });

  it("basis distance: runs without a distance count 0, and no distance at all is insufficient_data", () => {
    const runs = [run("r1", 0, "recovery", 30, 2), run("r2", 1, "aerobic", 60, 5), run("r3", 2, "tempo", 40, 8)];
    const none = evaluateJson({ weekStart: WEEK_START, runs, settings: { basis: "distance" } });
    expect(none.actual.status).toBe("insufficient_data");
    const some = evaluateJson({
      weekStart: WEEK_START,
      runs: [...runs.slice(0, 2), { ...runs[2], distanceKm: 10 }],
      settings: { basis: "distance" },
    });
    expect(some.actual.proportions).toEqual({ recovery: 0, aerobic: 0, quality: 1 });
  });

  it("basis sessions counts each run once", () => {
    const runs = [
      run("r1", 0, "recovery", 30, 2),
      run("r2", 1, "aerobic", 60, 5),
      run("r3", 3, "aerobic", 45, 5),
      run("r4", 5, "long", 120, 5),
    ];
    const output = evaluateJson({ weekStart: WEEK_START, runs, settings: { basis: "sessions" } });
    expect(output.actual.proportions).toEqual({ recovery: 0.25, aerobic: 0.75, quality: 0 });
  });

  it("settings overrides change the outcome", () => {
    const runs = [run("r1", 0, "recovery", 30, 4), run("r2", 1, "aerobic", 60, 5), run("r3", 3, "recovery", 40, 2)];
    const defaults = asJson(evaluateJson({ weekStart: WEEK_START, runs }));
    expect(codesOf(defaults)).toEqual([
      "aerobic_low",
      "recovery_high",
      "recovery_high",
      "recovery_too_hard",
      "recovery_too_long",
    ]);
    const relaxed = asJson(
      evaluateJson({
        weekStart: WEEK_START,
        runs,
        settings: {
          bands: { aerobic: [0.4, 0.8], recovery: [0.1, 0.6] },
          effortBands: { recovery: [1, 4], aerobic: [5, 6] },
          recoveryMaxMin: 40,
          durationTolerance: 0,
        },
      }),
    );
    expect(codesOf(relaxed)).toEqual([]);
    const strictMin = evaluateJson({ weekStart: WEEK_START, runs, settings: { minRunsForMix: 4 } });
    expect(strictMin.actual.status).toBe("insufficient_data");
  });
});

describe("plan", () => {
  const plan = [
    { id: "p1", date: "2026-11-23", kind: "recovery", durationMin: 30 },
    { id: "p2", date: "2026-11-24", kind: "tempo", durationMin: 50 },
    { id: "p3", date: "2026-11-25", kind: "intervals", durationMin: 60 },
    { id: "p4", date: "2026-11-27", kind: "aerobic", distanceKm: 10 },
    { id: "p5", date: "2026-11-29", kind: "long", durationMin: 110 },
  ];

  it("gets its own mix, back-to-back check, compliance and missed or upcoming sessions", () => {
    const output = asJson(
      evaluateJson({
        weekStart: WEEK_START,
        asOf: "2026-11-27",
        plan,
        runs: [
          run("r1", 0, "recovery", 28, 2),
          run("r2", 1, "aerobic", 40, 5, { plannedId: "p2" }),
          run("r3", 3, "recovery", 25, 2),
        ],
      }),
    );
    // Time basis: p4 has only a distance, estimated at 6 min/km = 60 min. Total 310.
    expect((output.plan as { proportions: Proportions }).proportions).toEqual({
      recovery: 30 / 310,
      aerobic: 170 / 310,
      quality: 110 / 310,
    });
    expect(codesOf(output, "plan")).toEqual(["aerobic_low", "quality_back_to_back", "quality_high", "recovery_low"]);
    expect(output.compliance).toEqual([
      { plannedId: "p1", runId: "r1", percent: (28 * 100) / 30, color: "green" },
      { plannedId: "p2", runId: "r2", percent: 80, color: "green" },
      { plannedId: "p3", runId: null, percent: 0, color: "red" },
      { plannedId: "p4", runId: null, percent: null, color: null },
      { plannedId: "p5", runId: null, percent: null, color: null },
    ]);
    const missed = flagsOf(output).filter((flag) => flag.code === "missed_session");
    expect(missed.map((flag) => flag.plannedId)).toEqual(["p3"]);
    expect(missed[0]?.message).toContain("Wednesday");
    const unplanned = flagsOf(output).filter((flag) => flag.code === "unplanned_session");
    expect(unplanned.map((flag) => [flag.runId, (flag as { severity?: string }).severity])).toEqual([["r3", "info"]]);
  });

  it("without asOf the whole week is past: every unmatched session is missed", () => {
    const output = evaluateJson({ weekStart: WEEK_START, plan, runs: [] });
    expect(output.compliance.map((entry) => entry.color)).toEqual(["red", "red", "red", "red", "red"]);
    expect(output.flags.filter((flag) => flag.code === "missed_session")).toHaveLength(5);
  });

  it("compliance is on distance when only a distance was planned", () => {
    const output = evaluateJson({
      weekStart: WEEK_START,
      plan,
      runs: [run("r1", 4, "aerobic", 70, 5, { distanceKm: 13 })],
    });
    expect(output.compliance[3]).toEqual({ plannedId: "p4", runId: "r1", percent: 130, color: "yellow" });
  });

  it("an empty plan array: insufficient_data plan, and every run is unplanned", () => {
    const output = evaluateJson({ weekStart: WEEK_START, plan: [], runs: [run("r1", 0, "aerobic", 40, 5)] });
    expect(output.plan).toEqual({ status: "insufficient_data", proportions: null });
    expect(output.flags.map((flag) => flag.code)).toEqual(["unplanned_session"]);
  });

  it("no plan: plan null, no compliance, never unplanned", () => {
    const output = evaluateJson({ weekStart: WEEK_START, runs: [run("r1", 0, "aerobic", 40, 5)] });
    expect(output.plan).toBeNull();
    expect(output.compliance).toEqual([]);
    expect(output.flags).toEqual([]);
  });
});

describe("weeks that do not start on Monday", () => {
  it("the week is weekStart .. weekStart + 6 and messages name the real weekday", () => {
    const output = evaluateJson({
      weekStart: "2026-11-22",
      runs: [{ id: "r1", date: "2026-11-28", kind: "recovery", durationMin: 20, rpe: 6 }],
    });
    expect(output.week).toEqual({ start: "2026-11-22", end: "2026-11-28" });
    expect(output.actual.load.daily).toEqual([0, 0, 0, 0, 0, 0, 120]);
    expect(output.flags[0]?.message).toContain("Saturday");
  });
});

describe("evaluateWeek on trusted input", () => {
  it("defaults its settings and leaves out a run outside the week rather than misplacing it", () => {
    const input: WeekInput = {
      weekStart: WEEK_START,
      runs: [
        { id: "r1", date: "2026-11-23", kind: "aerobic", durationMin: 40, rpe: 5 },
        { id: "r2", date: "2026-12-23", kind: "aerobic", durationMin: 40, rpe: 5 },
      ],
    };
    const output = evaluateWeek(input);
    expect(output.basis).toBe("time");
    expect(output.actual.load.daily).toEqual([200, 0, 0, 0, 0, 0, 0]);
  });
});
