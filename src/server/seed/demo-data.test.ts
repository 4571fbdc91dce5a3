import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, evaluateWeek } from "~/domain/rules";
import { templateSessionSchema } from "~/domain/training/plan-inputs";
import { weekInputFor } from "~/domain/training/week-input";
import { draftsFromTemplate, plannedRowsOf } from "~/domain/training/week-plan";
import { wellnessTag } from "~/domain/training/wellness";
import {
  DEMO_ATHLETES,
  demoCheckins,
  demoExcusedDays,
  demoWeeks,
  LEAVES_LATEST,
  STARTER_TEMPLATES,
  starterSessions,
  weekStartOf,
} from "./demo-data";

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

  it("leaves a session of the current week missed for James or Emma, whatever the day", () => {
    const leaving = DEMO_ATHLETES.filter((p) => LEAVES_LATEST.has(p.key));
    expect(leaving.map((p) => p.key).sort()).toEqual(["emma", "james"]);
    // A week of days (each athlete's own today differs by at most a day from this one).
    for (let d = 0; d < 7; d++) {
      const today = `2026-11-${String(22 + d).padStart(2, "0")}`;
      const missedThisWeek = leaving.some((persona) => {
        const current = demoWeeks(persona, today, 1).find(
          (w) => w.weekStart === weekStartOf(today, persona.weekStartDay),
        )!;
        return current.sessions.some(
          (s, index) => s.date < today && !current.runs.some((r) => r.plannedIndex === index),
        );
      });
      expect(missedThisWeek, today).toBe(true);
    }
  });

  it("excuses days that had a planned session, and a future day", () => {
    const today = "2026-11-25";
    const excused = DEMO_ATHLETES.flatMap((persona, i) => {
      const weeks = demoWeeks(persona, today, 1000 + i);
      return demoExcusedDays(persona, weeks, today).map((e) => ({ ...e, weeks }));
    });
    expect(excused.length).toBeGreaterThanOrEqual(3);
    expect(
      excused.filter((e) => e.weeks.some((w) => w.sessions.some((s) => s.date === e.date && s.date < today))).length,
    ).toBeGreaterThanOrEqual(2);
    expect(excused.some((e) => e.date > today)).toBe(true);
  });

  it("gives four weeks of check-ins up to yesterday, and Priya three rough days running", () => {
    const today = "2026-11-25";
    for (const [i, persona] of DEMO_ATHLETES.entries()) {
      const checkins = demoCheckins(persona, today, 2000 + i);
      expect(checkins.length, persona.key).toBeGreaterThan(14);
      expect(checkins.every((c) => c.date < today && c.date >= "2026-10-28")).toBe(true);
      expect(wellnessTag(checkins, today) !== null, persona.key).toBe(persona.key === "priya");
    }
  });
});
