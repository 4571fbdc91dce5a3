import { describe, expect, it } from "vitest";
import { complianceColor, compliancePercent } from "./compliance";
import { evaluateWeek } from "./evaluate";
import type { PlannedSession, RunInput } from "./types";

describe("complianceColor (80–120 green, 50–150 yellow, edges inclusive)", () => {
  it.each([
    [0, "red"],
    [49.99, "red"],
    [50, "yellow"],
    [79.99, "yellow"],
    [80, "green"],
    [100, "green"],
    [120, "green"],
    [120.01, "yellow"],
    [150, "yellow"],
    [150.01, "red"],
    [300, "red"],
  ])("%d %% is %s", (percent, color) => {
    expect(complianceColor(percent)).toBe(color);
  });
});

describe("compliancePercent", () => {
  const run = { durationMin: 48, distanceKm: 9 };
  it("is on duration, exact for round cases", () => {
    expect(compliancePercent(run, { id: "p", date: "2026-11-23", kind: "aerobic", durationMin: 60 })).toBe(80);
    expect(
      compliancePercent({ durationMin: 45 }, { id: "p", date: "2026-11-23", kind: "aerobic", durationMin: 60 }),
    ).toBe(75);
  });

  it("is on distance when only a distance was planned; no distance run counts 0", () => {
    expect(compliancePercent(run, { id: "p", date: "2026-11-23", kind: "aerobic", distanceKm: 12 })).toBe(75);
    expect(
      compliancePercent({ durationMin: 48 }, { id: "p", date: "2026-11-23", kind: "aerobic", distanceKm: 12 }),
    ).toBe(0);
  });
});

describe("matching runs to planned sessions", () => {
  const plan: PlannedSession[] = [
    { id: "p1", date: "2026-11-24", kind: "aerobic", durationMin: 60 },
    { id: "p2", date: "2026-11-24", kind: "long", durationMin: 90 },
    { id: "p3", date: "2026-11-26", kind: "tempo", durationMin: 45 },
  ];
  const evaluate = (runs: RunInput[], asOf?: string) => evaluateWeek({ weekStart: "2026-11-23", asOf, plan, runs });

  it("a run naming a planned session counts for it, even on another day", () => {
    const output = evaluate([
      { id: "r1", date: "2026-11-25", kind: "tempo", durationMin: 45, rpe: 7, plannedId: "p3" },
    ]);
    expect(output.compliance[2]).toEqual({ plannedId: "p3", runId: "r1", percent: 100, color: "green" });
  });

  it("otherwise a run on the same day in the same category counts; each run only once", () => {
    const output = evaluate([{ id: "r1", date: "2026-11-24", kind: "long", durationMin: 30, rpe: 5 }]);
    expect(output.compliance.slice(0, 2)).toEqual([
      { plannedId: "p1", runId: "r1", percent: 50, color: "yellow" },
      { plannedId: "p2", runId: null, percent: 0, color: "red" },
    ]);
    expect(output.flags.filter((flag) => flag.code === "missed_session").map((flag) => flag.plannedId)).toEqual([
      "p2",
      "p3",
    ]);
  });

  it("a run in another category on that day does not count", () => {
    const output = evaluate(
      [{ id: "r1", date: "2026-11-26", kind: "recovery", durationMin: 30, rpe: 2 }],
      "2026-11-27",
    );
    expect(output.compliance[2]).toEqual({ plannedId: "p3", runId: null, percent: 0, color: "red" });
    const aboutRuns = output.flags.filter((flag) => flag.measure === undefined).map((flag) => flag.code);
    expect(aboutRuns.sort()).toEqual(["missed_session", "missed_session", "missed_session", "unplanned_session"]);
  });

  it("a second run naming a taken session falls back to the same-day rule", () => {
    const output = evaluate([
      { id: "r1", date: "2026-11-24", kind: "aerobic", durationMin: 60, rpe: 5, plannedId: "p1" },
      { id: "r2", date: "2026-11-24", kind: "aerobic", durationMin: 80, rpe: 5, plannedId: "p1" },
    ]);
    expect(output.compliance.slice(0, 2).map((entry) => entry.runId)).toEqual(["r1", "r2"]);
    expect(output.compliance[1]?.percent).toBeCloseTo((80 * 100) / 90, 12);
    expect(output.flags.map((flag) => flag.code)).not.toContain("unplanned_session");
  });

  it("a session before asOf without a run is missed; on or after asOf it is upcoming", () => {
    const output = evaluate([], "2026-11-26");
    expect(output.compliance.map((entry) => entry.color)).toEqual(["red", "red", null]);
    expect(output.compliance[2]).toEqual({ plannedId: "p3", runId: null, percent: null, color: null });
    const missed = output.flags.filter((flag) => flag.code === "missed_session");
    expect(missed.map((flag) => [flag.plannedId, flag.severity])).toEqual([
      ["p1", "warning"],
      ["p2", "warning"],
    ]);
    expect(missed[0]?.message).toBe(
      "The aerobic run planned for Tuesday has no matching run. If you did it, log it; if not, let your coach know so the week can be adjusted.",
    );
  });
});
