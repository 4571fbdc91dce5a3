import { describe, expect, it } from "vitest";
import {
  copyWeek,
  dayOffset,
  draftsFromStored,
  draftsFromTemplate,
  moveSession,
  plannedRowsOf,
  sessionsToSave,
  shiftSession,
  templateFromDrafts,
  updateSession,
  type SessionDraft,
} from "./week-plan";

let n = 0;
const newKey = () => `k${++n}`;
const draft = (key: string, day: number, kind: SessionDraft["kind"] = "aerobic"): SessionDraft => ({
  key,
  day,
  kind,
  durationMin: 40,
  distanceM: null,
  targetRpe: 5,
  description: "",
});

describe("week plan operations", () => {
  it("reads day offsets across months and years", () => {
    expect(dayOffset("2026-12-28", "2027-01-03")).toBe(6);
    expect(dayOffset("2026-11-30", "2026-11-30")).toBe(0);
  });

  it("copies last week's sessions onto the same weekdays, as new sessions", () => {
    const previous = [
      {
        id: "a",
        date: "2026-11-23",
        kind: "recovery" as const,
        durationMin: 25,
        distanceM: null,
        targetRpe: 2,
        description: "easy",
      },
      {
        id: "b",
        date: "2026-11-29",
        kind: "long" as const,
        durationMin: 90,
        distanceM: 16000,
        targetRpe: 5,
        description: "",
      },
    ];
    const copied = copyWeek("2026-11-23", previous, newKey);
    expect(copied.map((d) => [d.day, d.kind, d.durationMin, d.id])).toEqual([
      [0, "recovery", 25, undefined],
      [6, "long", 90, undefined],
    ]);
    expect(new Set(copied.map((d) => d.key)).size).toBe(2);
    expect(plannedRowsOf("2026-11-30", copied).map((r) => r.date)).toEqual(["2026-11-30", "2026-12-06"]);
  });

  it("moves a session to another day, last on that day, and never out of the week", () => {
    const drafts = [draft("a", 0), draft("b", 1), draft("c", 1)];
    expect(
      moveSession(drafts, "a", 1)
        .filter((d) => d.day === 1)
        .map((d) => d.key),
    ).toEqual(["b", "c", "a"]);
    expect(moveSession(drafts, "a", 7)).toEqual(drafts);
    expect(shiftSession(drafts, "a", -1)).toEqual(drafts);
    expect(shiftSession(drafts, "a", 1).find((d) => d.key === "a")?.day).toBe(1);
  });

  it("updates fields and the day together", () => {
    const updated = updateSession([draft("a", 0), draft("b", 2)], "a", { day: 2, kind: "tempo" });
    expect(updated.map((d) => [d.key, d.day, d.kind])).toEqual([
      ["b", 2, "aerobic"],
      ["a", 2, "tempo"],
    ]);
  });

  it("turns drafts into a template and back, and into what weeks.save takes", () => {
    const drafts = [
      draft("b", 3, "tempo"),
      { ...draft("a", 1), id: "3f1c9a4e-0000-4000-8000-000000000000", description: "  strides " },
    ];
    const template = templateFromDrafts(drafts);
    expect(template.map((s) => [s.day, s.kind, s.description])).toEqual([
      [1, "aerobic", "strides"],
      [3, "tempo", ""],
    ]);
    expect(draftsFromTemplate(template, newKey).map((d) => d.day)).toEqual([1, 3]);
    expect(sessionsToSave(drafts)[0]).toEqual({
      id: "3f1c9a4e-0000-4000-8000-000000000000",
      day: 1,
      kind: "aerobic",
      durationMin: 40,
      distanceM: null,
      targetRpe: 5,
      description: "strides",
    });
    expect(sessionsToSave(drafts)[1]).not.toHaveProperty("id");
  });

  it("keeps stored ids when loading a week", () => {
    const drafts = draftsFromStored("2026-11-30", [
      {
        id: "x",
        date: "2026-12-02",
        kind: "hills",
        durationMin: null,
        distanceM: 8000,
        targetRpe: null,
        description: "",
      },
    ]);
    expect(drafts).toEqual([
      {
        key: "x",
        id: "x",
        day: 2,
        kind: "hills",
        durationMin: null,
        distanceM: 8000,
        targetRpe: null,
        description: "",
      },
    ]);
  });
});
