import { describe, expect, it } from "vitest";
import {
  isoDateSchema,
  readTemplateSessions,
  storedTemplateSessions,
  templateSessionSchema,
  weekSessionSchema,
} from "./plan-inputs";

describe("plan inputs", () => {
  it("accepts real dates in a sane window only", () => {
    expect(isoDateSchema.safeParse("2026-11-30").success).toBe(true);
    expect(isoDateSchema.safeParse("2026-02-30").success).toBe(false);
    expect(isoDateSchema.safeParse("1999-12-31").success).toBe(false);
    expect(isoDateSchema.safeParse("30/11/2026").success).toBe(false);
  });

  it("needs a duration or a distance, and refuses unknown keys", () => {
    const base = { day: 1, kind: "tempo", durationMin: null, distanceM: null, targetRpe: 7, description: "" };
    expect(templateSessionSchema.safeParse(base).error?.issues[0]?.message).toBe(
      "Give each session a duration or a distance",
    );
    expect(templateSessionSchema.safeParse({ ...base, durationMin: 40, orgId: "x" }).success).toBe(false);
    expect(weekSessionSchema.safeParse({ ...base, durationMin: 40, id: "not-a-uuid" }).success).toBe(false);
    expect(weekSessionSchema.safeParse({ ...base, day: 7, durationMin: 40 }).success).toBe(false);
    expect(templateSessionSchema.safeParse({ ...base, durationMin: 40, description: "6 × 800 m\u0000" }).success).toBe(
      false,
    );
    expect(
      templateSessionSchema.safeParse({ ...base, durationMin: 40, description: "  line one\nline two " }).data
        ?.description,
    ).toBe("line one\nline two");
  });

  it("reads stored templates leniently and writes them in the documented shape", () => {
    const read = readTemplateSessions([
      { day: 0, kind: "recovery", durationMin: 25 },
      { day: 9, kind: "x" },
      { day: 1, kind: "hills" },
    ]);
    expect(read).toEqual([
      { day: 0, kind: "recovery", durationMin: 25, distanceM: null, targetRpe: null, description: "" },
    ]);
    expect(storedTemplateSessions(read)).toEqual([{ day: 0, kind: "recovery", durationMin: 25, description: "" }]);
    expect(readTemplateSessions(null)).toEqual([]);
  });
});
