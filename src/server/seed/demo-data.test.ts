import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, evaluateWeek } from "~/domain/rules";
import { templateSessionSchema } from "~/domain/training/plan-inputs";
import { weekInputFor } from "~/domain/training/week-input";
import { draftsFromTemplate, plannedRowsOf } from "~/domain/training/week-plan";
import { DEMO_ATHLETES, demoWeeks, STARTER_TEMPLATES, starterSessions, weekStartOf } from "./demo-data";

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

  it("ships two starter templates, valid and within the default targets", () => {
    expect(STARTER_TEMPLATES).toHaveLength(2);
    for (const template of STARTER_TEMPLATES) {
      const sessions = starterSessions(template.sessions).map((s) => templateSessionSchema.parse(s));
      let n = 0;
      const drafts = draftsFromTemplate(sessions, () => `k${n++}`);
      const evaluation = evaluateWeek(
        weekInputFor({
          weekStart: "2026-11-23",
          asOf: "2026-11-22",
          settings: DEFAULT_SETTINGS,
          runs: [],
          planned: plannedRowsOf("2026-11-23", drafts),
          historyFrom: "2026-11-23",
        }),
      );
      expect(evaluation.plan?.proportions, template.name).not.toBeNull();
      expect(
        evaluation.flags.filter((f) => f.measure === "plan"),
        template.name,
      ).toEqual([]);
    }
  });
});
