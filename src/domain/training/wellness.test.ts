import { describe, expect, it } from "vitest";
import { wellnessDays, wellnessProblem, wellnessTag, wordFor } from "./wellness";
import { wellnessValuesSchema } from "./wellness-input";

const day = (date: string, sleep: number, soreness: number) => ({ date, sleep, soreness });
const TODAY = "2026-11-26";

describe("wellnessTag", () => {
  it("tags three days running of poor sleep", () => {
    const tag = wellnessTag([day("2026-11-24", 2, 1), day("2026-11-25", 1, 2), day(TODAY, 2, 3)], TODAY);
    expect(tag).toBe("Poor sleep 3 days running");
  });

  it("tags soreness of 4 or more, both, and a mix of both", () => {
    expect(wellnessTag([day("2026-11-24", 1, 4), day("2026-11-25", 2, 5), day(TODAY, 1, 4)], TODAY)).toBe(
      "Poor sleep and sore 3 days running",
    );
    expect(wellnessTag([day("2026-11-24", 4, 4), day("2026-11-25", 3, 5), day(TODAY, 4, 4)], TODAY)).toBe(
      "Sore 3 days running",
    );
    expect(wellnessTag([day("2026-11-24", 2, 1), day("2026-11-25", 3, 5), day(TODAY, 1, 4)], TODAY)).toBe(
      "Poor sleep or sore 3 days running",
    );
  });

  it("ends yesterday when today's check-in is not in yet", () => {
    expect(wellnessTag([day("2026-11-23", 2, 1), day("2026-11-24", 2, 1), day("2026-11-25", 2, 1)], TODAY)).toBe(
      "Poor sleep 3 days running",
    );
  });

  it("does not tag two days, a good day in between, a missing day or an old run", () => {
    expect(wellnessTag([day("2026-11-25", 1, 5), day(TODAY, 1, 5)], TODAY)).toBeNull();
    expect(wellnessTag([day("2026-11-24", 1, 5), day("2026-11-25", 3, 3), day(TODAY, 1, 5)], TODAY)).toBeNull();
    expect(wellnessTag([day("2026-11-23", 1, 5), day("2026-11-24", 1, 5), day(TODAY, 1, 5)], TODAY)).toBeNull();
    expect(wellnessTag([day("2026-11-20", 1, 5), day("2026-11-21", 1, 5), day("2026-11-22", 1, 5)], TODAY)).toBeNull();
  });

  it("a good check-in today ends the run, even after three poor days", () => {
    const checkins = [day("2026-11-23", 1, 5), day("2026-11-24", 1, 5), day("2026-11-25", 1, 5), day(TODAY, 4, 2)];
    expect(wellnessTag(checkins, TODAY)).toBeNull();
  });

  it("stays at the edges: sleep 3 and soreness 3 are not poor", () => {
    expect(wellnessTag([day("2026-11-24", 3, 3), day("2026-11-25", 3, 3), day(TODAY, 3, 3)], TODAY)).toBeNull();
  });
});

describe("wellnessValuesSchema", () => {
  const values = { sleep: 4, soreness: 2, stress: 3, mood: 5, restingHr: null, note: "" };
  it("accepts four scores, with or without resting heart rate", () => {
    expect(wellnessValuesSchema.safeParse(values).success).toBe(true);
    expect(wellnessValuesSchema.safeParse({ ...values, restingHr: 48 }).success).toBe(true);
  });
  it("refuses scores outside 1–5, fractions, odd heart rates and unknown fields", () => {
    expect(wellnessValuesSchema.safeParse({ ...values, sleep: 0 }).success).toBe(false);
    expect(wellnessValuesSchema.safeParse({ ...values, mood: 6 }).success).toBe(false);
    expect(wellnessValuesSchema.safeParse({ ...values, stress: 2.5 }).success).toBe(false);
    expect(wellnessValuesSchema.safeParse({ ...values, restingHr: 300 }).success).toBe(false);
    expect(wellnessValuesSchema.safeParse({ ...values, orgId: "x" }).success).toBe(false);
  });
  it("is checked alike on the phone (without zod)", () => {
    const cases = [
      values,
      { ...values, restingHr: 48 },
      { ...values, sleep: 0 },
      { ...values, mood: 6 },
      { ...values, stress: 2.5 },
      { ...values, restingHr: 300 },
      { ...values, note: "x".repeat(501) },
    ];
    for (const c of cases)
      expect(wellnessProblem(c) === null, JSON.stringify(c)).toBe(wellnessValuesSchema.safeParse(c).success);
    expect(wellnessProblem({ ...values, sleep: undefined as unknown as number })).toBe(
      "Choose how your sleep quality is (1 to 5)",
    );
  });

  it("has words for each number", () => {
    expect(wordFor("sleep", 1)).toBe("Very poor");
    expect(wordFor("sleep", 5)).toBe("Very good");
    expect(wordFor("soreness", 5)).toBe("Very sore");
  });
});

describe("wellnessDays", () => {
  it("lists the days up to today with their sRPE load and check-in", () => {
    const checkin = { date: "2026-11-25", sleep: 4, soreness: 2, stress: 3, mood: 4, restingHr: 48, note: "" };
    const days = wellnessDays(
      [checkin],
      [
        { localDate: "2026-11-25", durationS: 1800, rpe: 4 },
        { localDate: "2026-11-25", durationS: 600, rpe: 8 },
        { localDate: "2026-11-20", durationS: 3600, rpe: 5 },
      ],
      "2026-11-26",
      3,
    );
    expect(days).toEqual([
      { date: "2026-11-24", load: 0, checkin: null },
      { date: "2026-11-25", load: 200, checkin },
      { date: "2026-11-26", load: 0, checkin: null },
    ]);
  });
});
