import { describe, expect, it } from "vitest";
import { phaseForWeek } from "~/domain/training/season";
import { addDays } from "~/domain/rules";
import { DEMO_ATHLETES } from "./demo-data";
import { demoSeason } from "./demo-season";

describe("demo season", () => {
  it("lays out contiguous, non-overlapping phases with the A race in its taper week, whatever the day", () => {
    for (const today of ["2026-11-25", "2026-11-29", "2026-11-30", "2027-02-28"]) {
      for (const persona of DEMO_ATHLETES) {
        const { races, phases } = demoSeason(persona.key, today, persona.weekStartDay);
        for (const [i, phase] of phases.entries()) {
          expect(phase.startDate <= phase.endDate).toBe(true);
          if (i > 0) expect(phase.startDate).toBe(addDays(phases[i - 1]!.endDate, 1));
        }
        const aRace = races.find((r) => r.priority === "A" && r.date > today);
        if (aRace && phases.some((p) => p.name === "taper"))
          expect(phaseForWeek(phases, addDays(aRace.date, -6))?.name).toBe("taper");
        // Results only for races already run.
        for (const race of races) if (race.resultTimeS !== null) expect(race.date < today).toBe(true);
      }
    }
  });

  it("gives the demo organisation races ahead, a past result and a block of phases", () => {
    const all = DEMO_ATHLETES.map((p) => demoSeason(p.key, "2026-11-25", p.weekStartDay));
    expect(all.flatMap((s) => s.races).some((r) => r.priority === "A")).toBe(true);
    expect(all.flatMap((s) => s.races).some((r) => r.resultTimeS !== null)).toBe(true);
    expect(all.flatMap((s) => s.phases.map((p) => p.name))).toEqual(
      expect.arrayContaining(["base", "build", "peak", "taper", "recovery"]),
    );
  });
});
