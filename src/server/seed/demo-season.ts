/**
 * The demo organisation's season, relative to the athlete's today (pure, so it is tested without a
 * database): an A race some weeks ahead with base → build → peak → taper → recovery around it, a
 * B race soon, and a past race with a result. ADR 016.
 */
import "server-only";
import { addDays, weekStartFor } from "~/domain/rules";
import type { RacePriority } from "~/domain/training/season";
import { weekdayFromIndex } from "~/domain/training/week-input";

export interface DemoRace {
  name: string;
  date: string;
  distanceM: number;
  priority: RacePriority;
  goalTimeS: number | null;
  resultTimeS: number | null;
  note: string;
}

export interface DemoPhase {
  name: string;
  startDate: string;
  endDate: string;
  settings: Record<string, unknown>;
}

/** Targets a coach might set for each phase of a block towards a race (over the athlete's own settings). */
const PHASE_TARGETS: Record<string, Record<string, unknown>> = {
  // Base follows the athlete's own targets.
  base: {},
  build: { bands: { qualityMax: 0.35, aerobic: [0.55, 0.8] } },
  peak: { bands: { qualityMax: 0.35, aerobic: [0.55, 0.8] } },
  taper: { bands: { recovery: [0.15, 0.3], aerobic: [0.5, 0.8] } },
  recovery: { bands: { qualityMax: 0.1, recovery: [0.2, 0.4], aerobic: [0.5, 0.8] } },
};

/**
 * A block of phases ending with the race's week: taper is the race's week, peak the two before it,
 * build the four before those, base what comes before from `from`; recovery the two weeks after.
 */
function blockTowards(raceWeekStart: string, from: string): DemoPhase[] {
  const phase = (name: string, startDate: string, endDate: string): DemoPhase => ({
    name,
    startDate,
    endDate,
    settings: PHASE_TARGETS[name]!,
  });
  const taper = raceWeekStart;
  const peak = addDays(taper, -14);
  const build = addDays(peak, -28);
  return [
    ...(from < build ? [phase("base", from, addDays(build, -1))] : []),
    phase("build", build, addDays(peak, -1)),
    phase("peak", peak, addDays(taper, -1)),
    phase("taper", taper, addDays(taper, 6)),
    phase("recovery", addDays(taper, 7), addDays(taper, 20)),
  ];
}

export function demoSeason(
  personaKey: string,
  today: string,
  weekStartDay: number,
): { races: DemoRace[]; phases: DemoPhase[] } {
  const current = weekStartFor(today, weekdayFromIndex(weekStartDay));
  // Race days fall on the last day of a week (a Sunday for Monday weeks).
  const raceWeek = (weeksAhead: number) => addDays(current, weeksAhead * 7);
  const raceDay = (weeksAhead: number) => addDays(raceWeek(weeksAhead), 6);
  switch (personaKey) {
    case "tom":
      return {
        races: [
          {
            name: "Riverside Half Marathon",
            date: raceDay(7),
            distanceM: 21097,
            priority: "A",
            goalTimeS: 5280,
            resultTimeS: null,
            note: "Goal race of the autumn block.",
          },
          {
            name: "Parkrun tune-up",
            date: raceDay(3),
            distanceM: 5000,
            priority: "C",
            goalTimeS: 1200,
            resultTimeS: null,
            note: "",
          },
        ],
        phases: blockTowards(raceWeek(7), addDays(current, -28)),
      };
    case "priya":
      return {
        races: [
          {
            name: "City 10K",
            date: raceDay(3),
            distanceM: 10000,
            priority: "B",
            goalTimeS: 2820,
            resultTimeS: null,
            note: "",
          },
        ],
        phases: [],
      };
    case "maya":
      return {
        races: [
          {
            name: "Harbour 5K",
            date: addDays(current, -15),
            distanceM: 5000,
            priority: "C",
            goalTimeS: 1560,
            resultTimeS: 1534,
            note: "Windy on the way back.",
          },
          {
            name: "Spring Marathon",
            date: raceDay(16),
            distanceM: 42195,
            priority: "A",
            goalTimeS: 13500,
            resultTimeS: null,
            note: "",
          },
        ],
        phases: [{ name: "base", startDate: addDays(current, -14), endDate: addDays(current, 41), settings: {} }],
      };
    default:
      return { races: [], phases: [] };
  }
}
