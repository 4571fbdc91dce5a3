import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, dayOf, formatDay, isValidDate, parseDay, weekStartFor, weekdayName } from "./dates";

const MS_PER_DAY = 86_400_000;
const utcDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;

describe("parseDay", () => {
  it("accepts real calendar dates only", () => {
    expect(parseDay("2026-11-23")).toBe(utcDay("2026-11-23"));
    expect(parseDay("1970-01-01")).toBe(0);
    expect(parseDay("2024-02-29")).toBe(utcDay("2024-02-29"));
    expect(parseDay("2000-02-29")).not.toBeNull();
    for (const bad of [
      "2026-02-30",
      "2023-02-29",
      "1900-02-29",
      "2026-04-31",
      "2026-13-01",
      "2026-00-10",
      "2026-01-00",
      "2026-1-5",
      "26-01-05",
      " 2026-01-05",
      "2026-01-05T00:00",
      "",
      "0000-01-01",
    ]) {
      expect(parseDay(bad), bad).toBeNull();
      expect(isValidDate(bad)).toBe(false);
    }
  });

  it("matches Date.UTC and round-trips through formatDay", () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (day) => {
        const iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
        expect(parseDay(iso)).toBe(day);
        expect(dayOf(iso)).toBe(day);
        expect(formatDay(day)).toBe(iso);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("weekdays and weeks", () => {
  it("names weekdays", () => {
    expect(weekdayName(utcDay("2026-11-23"))).toBe("Monday");
    expect(weekdayName(utcDay("2026-11-29"))).toBe("Sunday");
    expect(weekdayName(0)).toBe("Thursday");
    expect(weekdayName(-1)).toBe("Wednesday");
  });

  it("finds the start of the week for any start day", () => {
    expect(weekStartFor("2026-11-26")).toBe("2026-11-23");
    expect(weekStartFor("2026-11-23", "monday")).toBe("2026-11-23");
    expect(weekStartFor("2026-11-29", "monday")).toBe("2026-11-23");
    expect(weekStartFor("2026-11-29", "sunday")).toBe("2026-11-29");
    expect(weekStartFor("2026-11-28", "sunday")).toBe("2026-11-22");
    expect(weekStartFor("2027-01-01", "monday")).toBe("2026-12-28");
  });

  it("adds days across months and years", () => {
    expect(addDays("2026-12-28", 6)).toBe("2027-01-03");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
  });

  it("rejects malformed dates in the helpers", () => {
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
    expect(() => weekStartFor("soon")).toThrow(RangeError);
  });
});
