import { describe, expect, it } from "vitest";
import { formatDistance, formatDuration, formatPace } from "./format";

describe("formatting in the user's units", () => {
  it("shows distances in km or miles", () => {
    expect(formatDistance(5000, "km")).toBe("5.00 km");
    expect(formatDistance(16093.44, "mi")).toBe("10.0 mi");
    expect(formatDistance(null, "km")).toBe("–");
  });

  it("shows durations and paces", () => {
    expect(formatDuration(1805)).toBe("30:05");
    expect(formatDuration(3725)).toBe("1:02:05");
    expect(formatPace(1500, 5000, "km")).toBe("5:00 /km");
    expect(formatPace(1500, 5000, "mi")).toBe("8:03 /mi");
    expect(formatPace(1500, 0, "km")).toBe("–");
  });
});
