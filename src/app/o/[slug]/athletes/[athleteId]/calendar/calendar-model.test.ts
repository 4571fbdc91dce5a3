import { describe, expect, it } from "vitest";
import { copyRange } from "./calendar-model";

describe("copyRange", () => {
  it("takes one day, one week, or whole weeks from the first day", () => {
    expect(copyRange("day", "2026-12-07", 3)).toEqual({ sourceFrom: "2026-12-07", sourceTo: "2026-12-07" });
    expect(copyRange("week", "2026-12-07", 3)).toEqual({ sourceFrom: "2026-12-07", sourceTo: "2026-12-13" });
    expect(copyRange("weeks", "2026-12-28", 3)).toEqual({ sourceFrom: "2026-12-28", sourceTo: "2027-01-17" });
  });
});
