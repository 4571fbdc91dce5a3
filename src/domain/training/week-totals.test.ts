import { describe, expect, it } from "vitest";
import { recordStart, weekReaches, weekTotals } from "./week-totals";

describe("weekTotals", () => {
  it("adds time, distance and runs; a run without distance counts no distance", () => {
    expect(
      weekTotals([
        { durationS: 1800, distanceM: 5000 },
        { durationS: 2700, distanceM: null },
        { durationS: 3600, distanceM: 10_500 },
      ]),
    ).toEqual({ runs: 3, durationS: 8100, distanceM: 15_500 });
  });

  it("is zero for a week without runs", () => {
    expect(weekTotals([])).toEqual({ runs: 0, durationS: 0, distanceM: 0 });
  });
});

describe("recordStart and weekReaches", () => {
  it("starts at joining, or at an earlier (imported) run", () => {
    expect(recordStart("2026-11-18", ["2026-11-20", "2026-11-25"])).toBe("2026-11-18");
    expect(recordStart("2026-11-18", ["2026-11-20", "2026-10-02"])).toBe("2026-10-02");
    expect(recordStart("2026-11-18", [])).toBe("2026-11-18");
  });

  it("keeps the week a start day falls in, and drops the weeks that end before it", () => {
    // Week of Mon 16 Nov runs to Sun 22 Nov.
    expect(weekReaches("2026-11-16", "2026-11-22")).toBe(true);
    expect(weekReaches("2026-11-16", "2026-11-16")).toBe(true);
    expect(weekReaches("2026-11-16", "2026-11-23")).toBe(false);
    expect(weekReaches("2026-11-09", "2026-11-18")).toBe(false);
  });
});
