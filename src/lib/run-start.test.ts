import { describe, expect, it } from "vitest";
import { startBefore } from "./run-start";
import { zonedDateTimeToUtc } from "./zoned-time";

describe("a new run's start", () => {
  it("is now minus its duration on the athlete's own clock", () => {
    // 06:34 in Los Angeles (14:34 UTC): a 28-minute run started at 06:06 there, not at 14:06.
    const now = zonedDateTimeToUtc("2026-03-02", "06:34", "America/Los_Angeles").getTime();
    expect(startBefore(now, 28 * 60, "America/Los_Angeles")).toEqual({ date: "2026-03-02", time: "06:06" });
    expect(startBefore(now, 28 * 60, "UTC")).toEqual({ date: "2026-03-02", time: "14:06" });
  });

  it("moves to the day before for a run that crossed midnight", () => {
    const now = zonedDateTimeToUtc("2026-07-15", "00:20", "Europe/Berlin").getTime();
    expect(startBefore(now, 50 * 60, "Europe/Berlin")).toEqual({ date: "2026-07-14", time: "23:30" });
  });

  it("is now itself before a duration is known", () => {
    const now = zonedDateTimeToUtc("2026-07-15", "18:05", "Asia/Kolkata").getTime();
    expect(startBefore(now, null, "Asia/Kolkata")).toEqual({ date: "2026-07-15", time: "18:05" });
  });
});
