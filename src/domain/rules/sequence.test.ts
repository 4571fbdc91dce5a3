import { describe, expect, it } from "vitest";
import { evaluateWeek } from "./evaluate";
import type { HistoryRun, PlannedSession, RunInput } from "./types";

const WEEK_START = "2026-11-23"; // Monday
const date = (offset: number) =>
  new Date(Date.parse(`${WEEK_START}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
const run = (id: string, offset: number, kind: RunInput["kind"], rpe = 7): RunInput => ({
  id,
  date: date(offset),
  kind,
  durationMin: 45,
  rpe,
});
const planned = (id: string, offset: number, kind: PlannedSession["kind"]): PlannedSession => ({
  id,
  date: date(offset),
  kind,
  durationMin: 45,
});
const backToBack = (output: ReturnType<typeof evaluateWeek>) =>
  output.flags.filter((flag) => flag.code === "quality_back_to_back");

describe("quality_back_to_back", () => {
  it("in what was run: two quality days in a row, with the later run's id", () => {
    const flags = backToBack(
      evaluateWeek({ weekStart: WEEK_START, runs: [run("r1", 1, "tempo"), run("r2", 2, "intervals", 8)] }),
    );
    expect(flags).toMatchObject([{ measure: "label", severity: "warning", runId: "r2", values: { gapDays: 1 } }]);
    expect(flags[0]?.message).toBe(
      "Your interval session on Wednesday came the day after your tempo run on Tuesday; put at least one easy day between quality sessions.",
    );
  });

  it("not with a day between, nor for two quality runs on the same day", () => {
    expect(
      backToBack(evaluateWeek({ weekStart: WEEK_START, runs: [run("r1", 1, "tempo"), run("r2", 3, "hills")] })),
    ).toEqual([]);
    expect(
      backToBack(evaluateWeek({ weekStart: WEEK_START, runs: [run("r1", 1, "tempo"), run("r2", 1, "hills")] })),
    ).toEqual([]);
  });

  it("one flag per pair of days, and a chain of three days gives two", () => {
    const runs = [run("r1", 0, "tempo"), run("r2", 1, "hills"), run("r3", 1, "race", 9), run("r4", 2, "intervals")];
    expect(backToBack(evaluateWeek({ weekStart: WEEK_START, runs })).map((flag) => flag.runId)).toEqual(["r2", "r4"]);
  });

  it("across the week boundary: quality on the last day of history, then quality on the first day", () => {
    const sunday: HistoryRun = { id: "h1", date: date(-1), kind: "race", durationMin: 25, rpe: 9 };
    const saturday: HistoryRun = { ...sunday, date: date(-2) };
    const easySunday: HistoryRun = { ...sunday, kind: "recovery", rpe: 2 };
    const monday = [run("r1", 0, "intervals", 8)];
    const flags = backToBack(evaluateWeek({ weekStart: WEEK_START, runs: monday, history: [sunday] }));
    expect(flags).toMatchObject([{ runId: "r1", measure: "label" }]);
    expect(flags[0]?.message).toContain("the day after your race on Sunday");
    expect(backToBack(evaluateWeek({ weekStart: WEEK_START, runs: monday, history: [saturday, easySunday] }))).toEqual(
      [],
    );
  });

  it("in a plan, with the later session's id", () => {
    const plan = [planned("p1", 3, "tempo"), planned("p2", 4, "hills"), planned("p3", 6, "long")];
    const flags = backToBack(evaluateWeek({ weekStart: WEEK_START, plan, runs: [], asOf: WEEK_START }));
    expect(flags).toMatchObject([{ measure: "plan", plannedId: "p2", values: { gapDays: 1 } }]);
    expect(flags[0]?.message).toBe(
      "This plan has a tempo run on Thursday and a hill session on Friday, back to back; put an easy day between quality sessions.",
    );
  });
});

describe("unplanned_session", () => {
  const plan = [planned("p1", 1, "aerobic"), planned("p2", 3, "tempo")];

  it("is information about a run with no planned session of its category that day", () => {
    const output = evaluateWeek({
      weekStart: WEEK_START,
      asOf: WEEK_START,
      plan,
      runs: [
        run("r1", 1, "long", 5),
        run("r2", 1, "recovery", 2),
        run("r3", 5, "aerobic", 5),
        run("r4", 6, "hills", 8),
      ],
    });
    const unplanned = output.flags.filter((flag) => flag.code === "unplanned_session");
    expect(unplanned.map((flag) => [flag.runId, flag.severity])).toEqual([
      ["r2", "info"],
      ["r3", "info"],
      ["r4", "info"],
    ]);
    expect(unplanned[1]?.message).toBe(
      "Your aerobic run on Saturday was not in the plan. That's fine; just check it still fits the week's balance.",
    );
  });

  it("not for a run naming a planned session; a plannedId not in the plan names nothing", () => {
    const output = evaluateWeek({
      weekStart: WEEK_START,
      asOf: WEEK_START,
      plan,
      runs: [
        { ...run("r1", 5, "tempo"), plannedId: "p2" },
        { ...run("r2", 6, "tempo"), plannedId: "gone" },
      ],
    });
    expect(output.flags.filter((flag) => flag.code === "unplanned_session").map((flag) => flag.runId)).toEqual(["r2"]);
  });

  it("never without a plan", () => {
    const output = evaluateWeek({ weekStart: WEEK_START, runs: [run("r1", 5, "aerobic", 5)] });
    expect(output.flags).toEqual([]);
  });
});
