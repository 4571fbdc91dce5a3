import { describe, expect, it } from "vitest";
import { implausiblePace, parseDistance, parseDuration } from "./run-values";

const MILE = 1609.344;

describe("what an athlete types on the log form", () => {
  it("takes one duration field as minutes, mm:ss or h:mm:ss", () => {
    expect(parseDuration("28")).toBe(28 * 60);
    expect(parseDuration("28:30")).toBe(28 * 60 + 30);
    expect(parseDuration("1:05:00")).toBe(3900);
    expect(parseDuration(" 50 ")).toBe(3000);
    expect(parseDuration("")).toBeNull();
    expect(parseDuration("28:61")).toBeNull();
    expect(parseDuration("1:2:3:4")).toBeNull();
  });

  it("reads a distance in the athlete's unit, and says when it is not a number", () => {
    expect(parseDistance("5", 1000)).toBe(5000);
    expect(parseDistance("4,9", 1000)).toBe(4900);
    expect(parseDistance("3.1", MILE)).toBe(Math.round(3.1 * MILE));
    expect(parseDistance("  ", 1000)).toBeNull();
    expect(parseDistance("five", 1000)).toBeNaN();
    expect(parseDistance("-5", 1000)).toBeNaN();
    expect(parseDistance("5 km", 1000)).toBeNaN();
  });

  it("asks about paces outside 2:30–15:00 per km, whatever the unit they were typed in", () => {
    // 10 km in 50 minutes: 5:00 /km.
    expect(implausiblePace(3000, 10_000)).toBeNull();
    // The edges themselves are plausible.
    expect(implausiblePace(150, 1000)).toBeNull();
    expect(implausiblePace(900, 1000)).toBeNull();
    // 50 minutes for 50 km (a typo for 5.0): 1:00 /km.
    expect(implausiblePace(3000, 50_000)).toBe("fast");
    expect(implausiblePace(149, 1000)).toBe("fast");
    // A 1 h 40 run with 0.5 km: 200:00 /km.
    expect(implausiblePace(6000, 500)).toBe("slow");
    expect(implausiblePace(901, 1000)).toBe("slow");
    // 3 miles in 10 minutes (3:20 /mi, about 2:04 /km) is too fast; 3 miles in 30 minutes is not.
    expect(implausiblePace(600, Math.round(3 * MILE))).toBe("fast");
    expect(implausiblePace(1800, Math.round(3 * MILE))).toBeNull();
    // Without a distance there is no pace to question.
    expect(implausiblePace(3000, null)).toBeNull();
    expect(implausiblePace(null, 5000)).toBeNull();
  });
});
