import { describe, expect, it } from "vitest";
import { DEMO_ATHLETES, demoWeeks, weekStartOf } from "./demo-data";

describe("demo data generator", () => {
  it("gives the same weeks for the same seed and day", () => {
    const persona = DEMO_ATHLETES[0]!;
    expect(demoWeeks(persona, "2026-11-25", 7)).toEqual(demoWeeks(persona, "2026-11-25", 7));
    expect(demoWeeks(persona, "2026-11-25", 7)).not.toEqual(demoWeeks(persona, "2026-11-25", 8));
  });

  it("starts weeks on the athlete's week start day", () => {
    expect(weekStartOf("2026-11-25", 1)).toBe("2026-11-23"); // Wednesday → Monday
    expect(weekStartOf("2026-11-25", 0)).toBe("2026-11-22"); // → Sunday
    expect(weekStartOf("2026-11-23", 1)).toBe("2026-11-23");
  });
});
