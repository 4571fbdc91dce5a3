import { describe, expect, it } from "vitest";
import { evaluateWeek, type WeekInput } from "~/domain/rules";
import { flagsForReader, severityFirst } from "./reader-flags";

/** A 45-min recovery run planned for Tuesday and run as planned at RPE 5; a 20-min aerobic run planned for Thursday. */
const input: WeekInput = {
  weekStart: "2026-11-23",
  asOf: "2026-11-29",
  plan: [
    { id: "p1", date: "2026-11-24", kind: "recovery", durationMin: 45 },
    { id: "p2", date: "2026-11-26", kind: "aerobic", durationMin: 20 },
  ],
  runs: [{ id: "r1", date: "2026-11-24", kind: "recovery", durationMin: 45, rpe: 5, plannedId: "p1" }],
};

describe("flagsForReader", () => {
  const flags = evaluateWeek(input).flags;

  it("gives the athlete no plan flag, and the coach every flag", () => {
    expect(flags.some((f) => f.measure === "plan")).toBe(true);
    const athlete = flagsForReader(flags, "athlete");
    expect(athlete.length).toBeGreaterThan(0);
    expect(athlete.every((f) => f.audience !== "coach" && f.measure !== "plan")).toBe(true);
    expect(flagsForReader(flags, "coach")).toHaveLength(flags.length);
  });

  it("puts warnings before information in both readers' lists", () => {
    for (const reader of ["athlete", "coach"] as const) {
      const severities = flagsForReader(flags, reader).map((f) => f.severity);
      expect(severities).toEqual([...severities].sort((a, b) => (a === b ? 0 : a === "warning" ? -1 : 1)));
    }
  });
});

describe("severityFirst", () => {
  it("keeps the given order within a severity", () => {
    const list = [
      { severity: "info" as const, n: 1 },
      { severity: "warning" as const, n: 2 },
      { severity: "info" as const, n: 3 },
      { severity: "warning" as const, n: 4 },
    ];
    expect(severityFirst(list).map((f) => f.n)).toEqual([2, 4, 1, 3]);
  });
});
