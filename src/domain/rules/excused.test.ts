/** The spec's "Excused days": planned sessions on days the athlete could not train. */
import { describe, expect, it } from "vitest";
import { complianceRate } from "./compliance";
import { evaluateWeek } from "./evaluate";
import { parseEvaluateInput } from "./schemas";
import { WEEK_START, run } from "./spec-examples.fixture";
import type { WeekEvaluation } from "./types";

type Json = Record<string, unknown>;

function evaluateJson(input: unknown): WeekEvaluation {
  const parsed = parseEvaluateInput(input);
  if (!parsed.ok) throw new Error(`${parsed.error.message} at ${JSON.stringify(parsed.error.path)}`);
  return evaluateWeek(parsed.value);
}

function errorOf(input: unknown) {
  const parsed = parseEvaluateInput(input);
  if (parsed.ok) throw new Error(`accepted: ${JSON.stringify(input)}`);
  return parsed.error;
}

/** Monday recovery, Tuesday tempo, Wednesday aerobic, Friday long; the week is over. */
const PLAN = [
  { id: "p1", date: "2026-11-23", kind: "recovery", durationMin: 30 },
  { id: "p2", date: "2026-11-24", kind: "tempo", durationMin: 50 },
  { id: "p3", date: "2026-11-25", kind: "aerobic", durationMin: 60 },
  { id: "p4", date: "2026-11-27", kind: "long", durationMin: 100 },
];
const week = (extra: Json): Json => ({ weekStart: WEEK_START, asOf: "2026-11-30", plan: PLAN, runs: [], ...extra });
const missedIds = (output: WeekEvaluation) =>
  output.flags.filter((f) => f.code === "missed_session").map((f) => f.plannedId);

describe("a planned session on an excused day", () => {
  it("without a run is neither missed nor judged: color excused, percent null, no missed_session", () => {
    const output = evaluateJson(
      week({
        excused: [
          { date: "2026-11-24", reason: "ill" },
          { date: "2026-11-25", reason: "ill" },
        ],
        runs: [run("r1", 0, "recovery", 30, 2)],
      }),
    );
    expect(output.compliance).toEqual([
      { plannedId: "p1", runId: "r1", percent: 100, color: "green" },
      { plannedId: "p2", runId: null, percent: null, color: "excused" },
      { plannedId: "p3", runId: null, percent: null, color: "excused" },
      { plannedId: "p4", runId: null, percent: 0, color: "red" },
    ]);
    expect(missedIds(output)).toEqual(["p4"]);
  });

  it("without excused days the same week misses them (the rule only bites on excused days)", () => {
    const output = evaluateJson(week({ runs: [run("r1", 0, "recovery", 30, 2)] }));
    expect(missedIds(output)).toEqual(["p2", "p3", "p4"]);
  });

  it("is excused whatever the reason, and before asOf or after it", () => {
    for (const reason of ["ill", "injured", "travel", "unavailable", "other"]) {
      const output = evaluateJson(week({ asOf: "2026-11-25", excused: [{ date: "2026-11-27", reason }] }));
      expect(output.compliance[3]).toEqual({ plannedId: "p4", runId: null, percent: null, color: "excused" });
    }
  });

  it("with a matching run is judged as usual", () => {
    const output = evaluateJson(
      week({
        excused: [{ date: "2026-11-24", reason: "travel" }],
        runs: [run("r1", 1, "tempo", 20, 7)],
      }),
    );
    expect(output.compliance[1]).toEqual({ plannedId: "p2", runId: "r1", percent: 40, color: "red" });
  });

  it("a run naming a session on an excused day counts for it, from another day too", () => {
    const output = evaluateJson(
      week({
        excused: [{ date: "2026-11-25", reason: "unavailable" }],
        runs: [run("r1", 3, "aerobic", 60, 5, { plannedId: "p3" })],
      }),
    );
    expect(output.compliance[2]).toEqual({ plannedId: "p3", runId: "r1", percent: 100, color: "green" });
  });
});

describe("what excused days leave alone", () => {
  it("a run on an excused day is evaluated like any run", () => {
    const runs = [run("r1", 1, "recovery", 45, 6)];
    const excused = evaluateJson({ weekStart: WEEK_START, runs, excused: [{ date: "2026-11-24", reason: "ill" }] });
    const plain = evaluateJson({ weekStart: WEEK_START, runs });
    expect(excused.flags.map((f) => f.code).sort()).toEqual(["recovery_too_hard", "recovery_too_long"]);
    expect(excused).toEqual(plain);
  });

  it("the plan's own mix and its flags are unchanged", () => {
    const excused = evaluateJson(
      week({
        excused: ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-27"].map((date) => ({ date, reason: "injured" })),
      }),
    );
    const plain = evaluateJson(week({}));
    expect(excused.plan).toEqual(plain.plan);
    const planFlags = (output: WeekEvaluation) => output.flags.filter((f) => f.measure === "plan");
    expect(planFlags(excused)).toEqual(planFlags(plain));
    expect(missedIds(excused)).toEqual([]);
  });

  it("excused dates outside the week are ignored", () => {
    const output = evaluateJson(
      week({
        excused: [
          { date: "2026-11-22", reason: "ill" },
          { date: "2026-11-30", reason: "ill" },
          { date: "2025-01-01", reason: "other" },
        ],
      }),
    );
    expect(missedIds(output)).toEqual(["p1", "p2", "p3", "p4"]);
  });

  it("an empty or null list changes nothing", () => {
    expect(evaluateJson(week({ excused: [] }))).toEqual(evaluateJson(week({})));
    expect(evaluateJson(week({ excused: null }))).toEqual(evaluateJson(week({})));
  });
});

describe("complianceRate: sessions on target ÷ sessions judged", () => {
  it("leaves out excused and upcoming sessions, and counts missed ones", () => {
    const output = evaluateJson(
      week({
        asOf: "2026-11-27",
        excused: [{ date: "2026-11-24", reason: "ill" }],
        runs: [run("r1", 0, "recovery", 30, 2)],
      }),
    );
    // p1 green, p2 excused, p3 missed (red), p4 upcoming.
    expect(output.compliance.map((c) => c.color)).toEqual(["green", "excused", "red", null]);
    expect(complianceRate(output.compliance)).toBe(0.5);
  });

  it("is null when nothing was judged", () => {
    expect(complianceRate([])).toBeNull();
    expect(complianceRate([{ color: "excused" }, { color: null }])).toBeNull();
    expect(complianceRate([{ color: "yellow" }, { color: "green" }, { color: "green" }, { color: "red" }])).toBe(0.5);
  });
});

describe("excused input is validated", () => {
  it.each([
    ["an unknown reason", [{ date: "2026-11-24", reason: "tired" }], ["excused", 0, "reason"]],
    ["a missing reason", [{ date: "2026-11-24" }], ["excused", 0, "reason"]],
    ["a malformed date", [{ date: "2026-02-30", reason: "ill" }], ["excused", 0, "date"]],
    ["a missing date", [{ reason: "ill" }], ["excused", 0, "date"]],
    ["a date alone, not an object", ["2026-11-24"], ["excused", 0]],
    ["not a list", { date: "2026-11-24", reason: "ill" }, ["excused"]],
  ])("%s is an error at its path", (_name, excused, path) => {
    const error = errorOf(week({ excused }));
    expect(error.path).toEqual(path);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it("unknown extra fields on an excused day are ignored", () => {
    const noisy = evaluateJson(week({ excused: [{ date: "2026-11-24", reason: "ill", note: "flu" }] }));
    expect(noisy).toEqual(evaluateJson(week({ excused: [{ date: "2026-11-24", reason: "ill" }] })));
  });
});
