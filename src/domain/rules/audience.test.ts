/**
 * The spec's "Plan checks, audience and noise": duration checks on planned sessions, near-edge mix
 * flags as information, and who each flag is for, in whose voice.
 */
import { describe, expect, it } from "vitest";
import { isForAthlete, isForCoach } from "./audience";
import { evaluateWeek } from "./evaluate";
import { parseEvaluateInput } from "./schemas";
import { WEEK_START, run } from "./spec-examples.fixture";
import type { Flag, WeekEvaluation } from "./types";

function evaluateJson(input: unknown): WeekEvaluation {
  const parsed = parseEvaluateInput(input);
  if (!parsed.ok) throw new Error(`${parsed.error.message} at ${JSON.stringify(parsed.error.path)}`);
  return evaluateWeek(parsed.value);
}

const planned = (id: string, day: number, kind: string, amount: { durationMin?: number; distanceKm?: number }) => ({
  id,
  date: `2026-11-${23 + day}`,
  kind,
  ...amount,
});

const planFlags = (output: WeekEvaluation) => output.flags.filter((flag) => flag.measure === "plan");
const durationCodes = new Set(["recovery_too_long", "aerobic_too_short"]);
const planDurationFlags = (output: WeekEvaluation) => planFlags(output).filter((flag) => durationCodes.has(flag.code));

describe("planned sessions get the duration checks too", () => {
  it("a 45-min recovery run planned for Tuesday: recovery_too_long for the coach, on the plan", () => {
    const output = evaluateJson({
      weekStart: WEEK_START,
      asOf: WEEK_START,
      plan: [planned("p1", 1, "recovery", { durationMin: 45 })],
      runs: [],
    });
    expect(output.flags).toEqual([
      {
        code: "recovery_too_long",
        severity: "warning",
        audience: "coach",
        measure: "plan",
        plannedId: "p1",
        values: { durationMin: 45, max: 36 },
        message:
          "The recovery run planned for Tuesday is 45 min; recovery runs should last about 30 min (36 at most). Shorten it, or plan it as an aerobic run.",
        coachMessage:
          "Recovery run planned for Tuesday is 45 min (target about 30, at most 36). Shorten it, or plan it as an aerobic run.",
      },
    ]);
  });

  it("a 20-min aerobic run planned: aerobic_too_short on the plan", () => {
    const output = evaluateJson({
      weekStart: WEEK_START,
      asOf: WEEK_START,
      plan: [planned("p1", 2, "aerobic", { durationMin: 20 })],
      runs: [],
    });
    expect(planDurationFlags(output).map((f) => [f.code, f.plannedId, f.audience, f.values])).toEqual([
      ["aerobic_too_short", "p1", "coach", { durationMin: 20, min: 24 }],
    ]);
  });

  it("uses the runs' lenient edges: 36 min is not too long, 24 min is not too short", () => {
    const output = evaluateJson({
      weekStart: WEEK_START,
      asOf: WEEK_START,
      plan: [
        planned("p1", 0, "recovery", { durationMin: 36 }),
        planned("p2", 1, "aerobic", { durationMin: 24 }),
        planned("p3", 2, "recovery", { durationMin: 36.01 }),
        planned("p4", 3, "aerobic", { durationMin: 23.99 }),
      ],
      runs: [],
    });
    expect(planDurationFlags(output).map((f) => [f.code, f.plannedId])).toEqual([
      ["recovery_too_long", "p3"],
      ["aerobic_too_short", "p4"],
    ]);
  });

  it("follows the settings: recoveryMaxMin, aerobicMinMin and the tolerance", () => {
    const output = evaluateJson({
      weekStart: WEEK_START,
      asOf: WEEK_START,
      settings: { recoveryMaxMin: 40, aerobicMinMin: 45, durationTolerance: 0 },
      plan: [planned("p1", 0, "recovery", { durationMin: 41 }), planned("p2", 1, "aerobic", { durationMin: 44 })],
      runs: [],
    });
    expect(planDurationFlags(output).map((f) => [f.code, f.values])).toEqual([
      ["recovery_too_long", { durationMin: 41, max: 40 }],
      ["aerobic_too_short", { durationMin: 44, min: 45 }],
    ]);
  });

  it("a long run is not held to the aerobic minimum, and a session planned by distance alone is not checked", () => {
    const output = evaluateJson({
      weekStart: WEEK_START,
      asOf: WEEK_START,
      plan: [
        planned("p1", 0, "long", { durationMin: 20 }),
        planned("p2", 1, "recovery", { distanceKm: 12 }),
        planned("p3", 2, "aerobic", { distanceKm: 2 }),
        planned("p4", 3, "tempo", { durationMin: 90 }),
      ],
      runs: [],
    });
    expect(planDurationFlags(output)).toEqual([]);
  });

  it("the run done as planned is still flagged for the athlete, apart from the plan's flag", () => {
    const output = evaluateJson({
      weekStart: WEEK_START,
      asOf: "2026-11-26",
      plan: [planned("p1", 1, "recovery", { durationMin: 45 })],
      runs: [run("r1", 1, "recovery", 45, 2, { plannedId: "p1" })],
    });
    const tooLong = output.flags.filter((f) => f.code === "recovery_too_long");
    expect(tooLong.map((f) => [f.measure, f.runId, f.plannedId, f.audience])).toEqual([
      [undefined, "r1", undefined, "both"],
      ["plan", undefined, "p1", "coach"],
    ]);
  });
});

describe("near the edge is information, not a warning", () => {
  /** By time: recovery, aerobic and tempo minutes (three runs, easy efforts matching their labels). */
  const mixWeek = (recovery: number, aerobic: number, quality: number, settings?: object) =>
    evaluateJson({
      weekStart: WEEK_START,
      settings,
      runs: [
        run("r1", 0, "recovery", recovery, 2),
        run("r2", 2, "aerobic", aerobic, 5),
        run("r3", 4, "tempo", quality, 7),
      ],
    });
  const mixFlags = (output: WeekEvaluation) =>
    output.flags
      .filter((f) => f.measure === "label")
      .map((f) => [f.code, f.severity])
      .sort();

  it("9.9 % recovery against a 10 % floor is info (label and effort alike)", () => {
    const output = mixWeek(9.9, 70.1, 20);
    expect(output.flags.map((f) => [f.code, f.measure, f.severity]).sort()).toEqual([
      ["recovery_low", "effort", "info"],
      ["recovery_low", "label", "info"],
    ]);
  });

  it("exactly 2 points past the edge is still info; beyond it a warning", () => {
    expect(mixFlags(mixWeek(8, 72, 20))).toEqual([["recovery_low", "info"]]);
    expect(mixFlags(mixWeek(7.9, 72.1, 20))).toEqual([["recovery_low", "warning"]]);
    expect(mixFlags(mixWeek(15, 53, 32))).toEqual([
      ["aerobic_low", "warning"],
      ["quality_high", "info"],
    ]);
    expect(mixFlags(mixWeek(15, 52.9, 32.1))).toEqual([
      ["aerobic_low", "warning"],
      ["quality_high", "warning"],
    ]);
    expect(mixFlags(mixWeek(10, 81.5, 8.5))).toEqual([["aerobic_high", "info"]]);
    expect(mixFlags(mixWeek(21, 69, 10))).toEqual([["recovery_high", "info"]]);
  });

  it("follows the nearEdge setting (0: every mix flag is a warning)", () => {
    expect(mixFlags(mixWeek(9.9, 70.1, 20, { nearEdge: 0 }))).toEqual([["recovery_low", "warning"]]);
    expect(mixFlags(mixWeek(5, 75, 20, { nearEdge: 0.05 }))).toEqual([["recovery_low", "info"]]);
    expect(mixFlags(mixWeek(4.9, 75.1, 20, { nearEdge: 0.05 }))).toEqual([["recovery_low", "warning"]]);
  });

  it("applies to the plan's mix too", () => {
    const output = evaluateJson({
      weekStart: WEEK_START,
      asOf: WEEK_START,
      plan: [
        planned("p1", 0, "recovery", { durationMin: 29 }),
        planned("p2", 1, "aerobic", { durationMin: 211 }),
        planned("p3", 3, "tempo", { durationMin: 60 }),
      ],
      runs: [],
    });
    // 29 / 300 = 9.67 % recovery: just under the floor.
    expect(planFlags(output).map((f) => [f.code, f.severity, f.audience])).toEqual([["recovery_low", "info", "coach"]]);
  });

  it("leaves the other flags' severities alone", () => {
    const output = mixWeek(9.9, 70.1, 20);
    expect(evaluateJson({ weekStart: WEEK_START, runs: [run("r1", 0, "recovery", 25, 5)] }).flags[0]?.severity).toBe(
      "warning",
    );
    expect(output.flags.every((f) => f.severity === "info")).toBe(true);
  });
});

describe("every flag has an audience and two voices", () => {
  const busyWeek = {
    weekStart: WEEK_START,
    asOf: "2026-11-27",
    plan: [
      planned("p1", 0, "recovery", { durationMin: 45 }),
      planned("p2", 1, "tempo", { durationMin: 50 }),
      planned("p3", 2, "intervals", { durationMin: 60 }),
      planned("p4", 3, "aerobic", { durationMin: 20 }),
    ],
    runs: [
      run("r1", 0, "recovery", 45, 5),
      run("r2", 1, "tempo", 50, 2),
      run("r3", 2, "intervals", 60, 8),
      run("r4", 4, "aerobic", 20, 8),
      run("r5", 5, "long", 90, 2),
    ],
  };

  it("plan flags are the coach's alone; everything else is for both", () => {
    const output = evaluateJson(busyWeek);
    expect(planFlags(output).length).toBeGreaterThan(3);
    for (const flag of output.flags) expect(flag.audience).toBe(flag.measure === "plan" ? "coach" : "both");
  });

  it("each flag speaks to the athlete in `message` and about them to the coach in `coachMessage`", () => {
    for (const flag of evaluateJson(busyWeek).flags) {
      expect(flag.message.length).toBeGreaterThan(0);
      expect(flag.coachMessage).toMatch(/^[A-Z]/);
      expect(flag.coachMessage).not.toMatch(/\b(you|your)\b/i);
    }
  });

  it("isForAthlete leaves out the coach's flags, isForCoach the athlete's", () => {
    const flags = evaluateJson(busyWeek).flags;
    expect(flags.filter(isForAthlete).every((f) => f.measure !== "plan")).toBe(true);
    expect(flags.filter(isForAthlete)).toHaveLength(flags.length - planFlags(evaluateJson(busyWeek)).length);
    const forAthleteOnly: Pick<Flag, "audience"> = { audience: "athlete" };
    expect(isForCoach(forAthleteOnly)).toBe(false);
    expect(isForAthlete(forAthleteOnly)).toBe(true);
    expect(flags.every(isForCoach)).toBe(true);
  });
});
