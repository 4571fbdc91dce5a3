import { describe, expect, it } from "vitest";
import { CATEGORIES, SESSION_KINDS, categoryOf, effortCategoryOf, kindIndex, rpeWords } from "./kinds";
import { AEROBIC, QUALITY, RECOVERY, kindSlot } from "./mix";

describe("categoryOf", () => {
  it("maps every kind to its category; tempo counts as quality, long as aerobic", () => {
    expect(Object.fromEntries(SESSION_KINDS.map((kind) => [kind, categoryOf(kind)]))).toEqual({
      recovery: "recovery",
      aerobic: "aerobic",
      long: "aerobic",
      tempo: "quality",
      intervals: "quality",
      hills: "quality",
      race: "quality",
    });
  });

  it("kindIndex is each kind's position in SESSION_KINDS", () => {
    SESSION_KINDS.forEach((kind, index) => expect(kindIndex(kind)).toBe(index));
  });

  it("agrees with the hot path's kindSlot on every kind", () => {
    const slotOf = { recovery: RECOVERY, aerobic: AEROBIC, quality: QUALITY } as const;
    for (const kind of SESSION_KINDS) expect(kindSlot(kind)).toBe(slotOf[categoryOf(kind)]);
  });
});

describe("effortCategoryOf", () => {
  it("uses the default bands 1–3 / 4–6 / 7–10, both sides of each edge", () => {
    const byRpe = Array.from({ length: 10 }, (_, i) => effortCategoryOf(i + 1));
    expect(byRpe).toEqual([
      "recovery",
      "recovery",
      "recovery",
      "aerobic",
      "aerobic",
      "aerobic",
      "quality",
      "quality",
      "quality",
      "quality",
    ]);
  });

  it("follows custom bands", () => {
    const bands = { recovery: [1, 2], aerobic: [3, 7], quality: [8, 10] } as const;
    expect([2, 3, 7, 8].map((rpe) => effortCategoryOf(rpe, bands))).toEqual([
      "recovery",
      "aerobic",
      "aerobic",
      "quality",
    ]);
  });
});

describe("rpeWords", () => {
  it("gives the same wording for each band, for plan and log alike", () => {
    expect(rpeWords(1)).toBe("easy, you could chat the whole way");
    expect(rpeWords(3)).toBe("easy, you could chat the whole way");
    expect(rpeWords(4)).toBe("steady, you can talk but not comfortably");
    expect(rpeWords(6)).toBe("steady, you can talk but not comfortably");
    expect(rpeWords(7)).toBe("hard");
    expect(rpeWords(10)).toBe("hard");
  });

  it("follows the athlete's effort bands", () => {
    expect(rpeWords(4, { recovery: [1, 4], aerobic: [5, 6], quality: [7, 10] })).toBe(
      "easy, you could chat the whole way",
    );
  });

  it("has words for every category", () => {
    for (const category of CATEGORIES)
      expect(rpeWords(category === "recovery" ? 1 : category === "aerobic" ? 5 : 9).length).toBeGreaterThan(0);
  });
});
