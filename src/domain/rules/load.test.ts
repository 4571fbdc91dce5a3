import { describe, expect, it } from "vitest";
import { evaluateWeek } from "./evaluate";
import { loadChangeText, loadSpike } from "./messages";
import { sessionLoad, weekMonotony } from "./load";
import { DEFAULT_SETTINGS } from "./settings";
import type { HistoryRun, RunInput, WeekInput } from "./types";

const WEEK_START = "2026-11-23";

/** One aerobic run a day at RPE 5: loads are 5 × minutes. */
function dailyRuns(minutesByDay: readonly number[], firstDay: string, prefix: string): RunInput[] {
  const start = Date.parse(`${firstDay}T00:00:00Z`);
  return minutesByDay.flatMap((minutes, i) =>
    minutes === 0
      ? []
      : [
          {
            id: `${prefix}${i}`,
            date: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
            kind: "aerobic",
            durationMin: minutes,
            rpe: 5,
          },
        ],
  );
}

function week(input: Partial<WeekInput>): ReturnType<typeof evaluateWeek> {
  return evaluateWeek({ weekStart: WEEK_START, runs: [], ...input });
}

const codes = (output: ReturnType<typeof evaluateWeek>) => output.flags.map((flag) => flag.code);

describe("session load and monotony", () => {
  it("session load is RPE × minutes", () => {
    expect(sessionLoad(5, 25)).toBe(125);
  });

  it("uses the population SD: 400, 420, 380, 410, 400, 390, 0 gives ≈ 2.44 (the sample SD would give 2.26)", () => {
    const result = weekMonotony([400, 420, 380, 410, 400, 390, 0], 2400);
    expect(result.monotony).toBeCloseTo(2.4406, 4);
    expect(result.strain).toBeCloseTo(2400 * (result.monotony as number), 9);
  });

  it("monotony above monotonyMax is flagged, at or below it is not", () => {
    const runs = dailyRuns([80, 84, 76, 82, 80, 78, 0], WEEK_START, "r");
    const output = week({ runs });
    expect(output.actual.load.daily).toEqual([400, 420, 380, 410, 400, 390, 0]);
    const flag = output.flags.find((f) => f.code === "monotony_high");
    expect(flag?.values).toEqual({ monotony: output.actual.load.monotony, max: 2 });
    // Two decimals, the threshold too: "2.44, above 2.00", never "2.4, above 2".
    expect(flag?.message).toContain("(monotony 2.44, above 2.00)");
    expect(flag?.coachMessage).toBe(
      "Training load was much the same every day this week (monotony 2.44, above 2.00). Vary the plan: harder and easier days, and a rest day.",
    );
    const relaxed = evaluateWeek({
      weekStart: WEEK_START,
      runs,
      settings: { ...DEFAULT_SETTINGS, monotonyMax: output.actual.load.monotony as number },
    });
    expect(codes(relaxed)).not.toContain("monotony_high");
  });

  it("every day the same non-zero load: monotony and strain null, but monotony_high raised", () => {
    const output = week({ runs: dailyRuns([60, 60, 60, 60, 60, 60, 60], WEEK_START, "r") });
    expect(output.actual.load).toMatchObject({ weekly: 2100, monotony: null, strain: null });
    expect(output.flags.find((f) => f.code === "monotony_high")?.values).toEqual({ mean: 300, sd: 0, max: 2 });
  });

  it("a week with no load has neither monotony nor strain, and no flag", () => {
    const output = week({});
    expect(output.actual.load).toMatchObject({ weekly: 0, monotony: null, strain: null });
    expect(codes(output)).toEqual([]);
  });
});

describe("load ratio", () => {
  const history21 = (minutes: number): HistoryRun[] => dailyRuns(Array<number>(21).fill(minutes), "2026-11-02", "h");
  const thisWeek = (minutes: number) => dailyRuns([minutes, 0, minutes, 0, minutes, 0, minutes], WEEK_START, "r");

  it("is this week's mean daily load over that of the 21 days before", () => {
    // 21 days at 200, then 4 × 350 over 7 days = 200 a day: ratio 1.
    const output = week({ runs: thisWeek(70), history: history21(40) });
    expect(output.actual.load.ratio).toBeCloseTo(1, 12);
    expect(codes(output)).not.toContain("load_spike");
  });

  it("flags load_spike from loadSpikeRatio on (at 1.5 exactly), and words it neutrally", () => {
    const output = week({ runs: thisWeek(105), history: history21(40) });
    expect(output.actual.load.ratio).toBeCloseTo(1.5, 12);
    const spike = output.flags.find((f) => f.code === "load_spike");
    expect(spike?.values).toEqual({ ratio: 1.5, threshold: 1.5 });
    expect(spike?.message).toBe(
      "This week's load is 50 % above your recent average (the 3 weeks before), a ratio of 1.50; if that was not planned, build up more gradually.",
    );
    expect(spike?.coachMessage).toBe(
      "Load this week is 50 % above their recent average (ratio 1.50 to the 3 weeks before). If that was not planned, build the load up more gradually.",
    );
    expect(codes(week({ runs: thisWeek(104), history: history21(40) }))).not.toContain("load_spike");
  });

  it("is null without 21 days of history before the week", () => {
    expect(week({ runs: thisWeek(70) }).actual.load.ratio).toBeNull();
    expect(week({ runs: thisWeek(70), history: [] }).actual.load.ratio).toBeNull();
    // Earliest history date is weekStart − 20 and no historyFrom: not covered.
    expect(week({ runs: thisWeek(70), history: history21(40).slice(1) }).actual.load.ratio).toBeNull();
    // historyFrom says the record starts later than weekStart − 21.
    expect(
      week({ runs: thisWeek(70), history: history21(40), historyFrom: "2026-11-03" }).actual.load.ratio,
    ).toBeNull();
    // historyFrom says the record is complete: days without runs count 0.
    const sparse = week({ runs: thisWeek(70), history: history21(40).slice(7), historyFrom: "2026-11-02" });
    expect(sparse.actual.load.ratio).toBeCloseTo(1.5, 12);
  });

  it("is null when the 21 days before carried no load", () => {
    const output = week({
      runs: thisWeek(70),
      history: [{ id: "h", date: "2026-10-01", kind: "aerobic", durationMin: 40, rpe: 5 }],
    });
    expect(output.actual.load.ratio).toBeNull();
  });

  it("ignores history older than 21 days in the mean", () => {
    const old: HistoryRun = { id: "old", date: "2026-10-01", kind: "long", durationMin: 600, rpe: 9 };
    expect(week({ runs: thisWeek(70), history: [old, ...history21(40)] }).actual.load.ratio).toBeCloseTo(1, 12);
  });

  it("never words a ratio as a risk, to the athlete or to the coach", () => {
    for (let ratio = 0; ratio <= 5; ratio += 0.05) {
      expect(loadChangeText(ratio).toLowerCase()).not.toMatch(/injur|risk|danger/);
      const { message, coachMessage } = loadSpike(ratio);
      expect(`${message} ${coachMessage}`.toLowerCase()).not.toMatch(/injur|risk|danger/);
    }
    expect(loadChangeText(1.7)).toBe("This week's load is 70 % above your recent average (the 3 weeks before)");
    expect(loadChangeText(0.6)).toBe("This week's load is 40 % below your recent average (the 3 weeks before)");
  });
});
