import { describe, expect, it } from "vitest";
import { datedSessions, meanWeeklyMinutes, scaleSessions, templateMinutes, volumeScale } from "./template-scaling";

const s = (durationMin: number | null, distanceM: number | null = null) => ({
  day: 0,
  kind: "aerobic" as const,
  durationMin,
  distanceM,
  targetRpe: null,
  description: "",
});

describe("template scaling", () => {
  it("averages the last 28 days of running per week, ignoring today and earlier days", () => {
    const runs = [
      { localDate: "2026-10-28", durationS: 3600 }, // 28 days before: counted
      { localDate: "2026-10-27", durationS: 99_999 }, // 29 days before: not counted
      { localDate: "2026-11-24", durationS: 1800 },
      { localDate: "2026-11-25", durationS: 99_999 }, // today: not counted
    ];
    expect(meanWeeklyMinutes(runs, "2026-11-25")).toBe(90 / 4);
    expect(meanWeeklyMinutes([], "2026-11-25")).toBeNull();
  });

  it("clamps the ratio to 0.5–1.5 and stays at 1 when unknown", () => {
    expect(volumeScale(300, 200)).toBe(1.5);
    expect(volumeScale(50, 200)).toBe(0.5);
    expect(volumeScale(240, 200)).toBeCloseTo(1.2);
    expect(volumeScale(null, 200)).toBe(1);
    expect(volumeScale(240, 0)).toBe(1);
  });

  it("rounds scaled durations to 5 minutes and distances to 100 m", () => {
    const scaled = scaleSessions([s(25), s(50), s(null, 8000), s(5)], 1.2);
    expect(scaled.map((x) => [x.durationMin, x.distanceM])).toEqual([
      [30, null],
      [60, null],
      [null, 9600],
      [5, null],
    ]);
    expect(scaleSessions([s(23)], 1)).toEqual([s(23)]);
    expect(templateMinutes([s(25), s(null, 5000), s(60)])).toBe(85);
  });

  it("lays a template onto a week", () => {
    expect(datedSessions("2026-11-29", [{ ...s(30), day: 6 }])[0]?.date).toBe("2026-12-05");
  });
});
