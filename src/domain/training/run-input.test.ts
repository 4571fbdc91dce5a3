import { describe, expect, it } from "vitest";
import { futureDateProblem, parseDuration, runFieldsSchema } from "./run-input";

const valid = { date: "2026-11-24", time: "07:30", kind: "recovery", durationS: 1800, distanceM: 5000, rpe: 3 };

describe("a logged run's fields", () => {
  it("accepts a normal run and fills the defaults", () => {
    expect(runFieldsSchema.parse(valid)).toMatchObject({ notes: "", private: false, plannedSessionId: null });
  });

  it.each([
    [{ rpe: 0 }, "rpe", "RPE goes from 1"],
    [{ rpe: 11 }, "rpe", "RPE goes from 1"],
    [{ rpe: 4.5 }, "rpe", "whole number"],
    [{ durationS: -60 }, "durationS", "at least a minute"],
    [{ distanceM: 500_000 }, "distanceM", "more than 300 km"],
    [{ date: "2026-02-30" }, "date", "real date"],
    [{ time: "25:00" }, "time", "time like"],
    [{ kind: "sprint" }, "kind", "kind of run"],
  ])("refuses %o with a message at the field", (change, field, message) => {
    const result = runFieldsSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.path).toEqual([field]);
    expect(issue.message).toContain(message);
  });

  it("refuses a date after today", () => {
    expect(futureDateProblem("2026-12-01", "2026-11-25")).toMatch(/future/);
    expect(futureDateProblem("2026-11-25", "2026-11-25")).toBeNull();
  });

  it("reads durations the way runners write them", () => {
    expect(parseDuration("45")).toBe(2700);
    expect(parseDuration("32:30")).toBe(1950);
    expect(parseDuration("1:05:00")).toBe(3900);
    expect(parseDuration("1:75")).toBeNull();
    expect(parseDuration("abc")).toBeNull();
  });
});
