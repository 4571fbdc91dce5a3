import { describe, expect, it } from "vitest";
import { zonedParts } from "~/lib/zoned-time";
import { MOMENTS, resolveMoment } from "./clock-matrix";

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

describe("the clock matrix's instants", () => {
  // Several starting points, on both sides of both European clock changes.
  const starts = ["2026-12-05T18:50:00Z", "2027-03-27T23:00:00Z", "2027-10-31T00:30:00Z", "2027-06-09T12:00:00Z"];

  it.each(starts)("resolve from %s to the next such moment, at that weekday and wall-clock time", (start) => {
    const from = new Date(start);
    for (const moment of MOMENTS) {
      const instant = resolveMoment(moment, from);
      const local = zonedParts(instant, moment.zone);
      expect(instant.getTime(), moment.name).toBeGreaterThan(from.getTime());
      expect(weekday(local.date), moment.name).toBe(moment.weekday);
      expect(local.time, moment.name).toBe(moment.time);
      if (!moment.dstChange)
        expect(instant.getTime() - from.getTime(), moment.name).toBeLessThanOrEqual(7 * 86_400_000);
    }
  });

  it("cover Monday to Sunday, both sides of midnight and a day the clocks change", () => {
    expect(new Set(MOMENTS.map((m) => m.weekday))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
    expect(MOMENTS.some((m) => m.time >= "23:30")).toBe(true);
    expect(MOMENTS.some((m) => m.time <= "00:30")).toBe(true);
    const dst = MOMENTS.find((m) => m.dstChange)!;
    // From December 2026 the next change in Europe is on 28 March 2027 (02:00 → 03:00 in Berlin).
    expect(resolveMoment(dst, new Date("2026-12-05T18:50:00Z")).toISOString()).toBe("2027-03-28T01:30:00.000Z");
    expect(resolveMoment(dst, new Date("2027-04-01T00:00:00Z")).toISOString()).toBe("2027-10-31T02:30:00.000Z");
  });
});
