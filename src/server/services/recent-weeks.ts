import "server-only";
import {
  addDays,
  DEFAULT_SETTINGS,
  evaluateWeek,
  weekStartFor,
  type TrainingSettings,
  type WeekEvaluation,
} from "~/domain/rules";
import { resolveSettings } from "~/domain/rules/parse";
import { HISTORY_DAYS, weekdayFromIndex, weekInputFor } from "~/domain/training/week-input";
import { zonedDate } from "~/lib/zoned-time";
import type { Tx } from "~/server/db/connection";
import { athleteContexts, type AthleteContext } from "~/server/data/athletes";
import { runsBetween } from "~/server/data/runs";
import { plannedBetween } from "~/server/data/weeks";
import { excusedBetween, type ExcusedDayRecord } from "~/server/data/season-days";

export interface AthleteWeeks {
  athlete: AthleteContext;
  settings: TrainingSettings;
  /** "Today" in the athlete's time zone. */
  today: string;
  /** Week starts, oldest first; the last one is the current week. */
  weekStarts: string[];
  evaluations: WeekEvaluation[];
  runs: Awaited<ReturnType<typeof runsBetween>> extends Map<string, infer R> ? R : never;
  planned: Awaited<ReturnType<typeof plannedBetween>> extends Map<string, infer P> ? P : never;
  /** Days the athlete could not train, in the same window as the runs. */
  excused: ExcusedDayRecord[];
}

/** The settings in force for an athlete; stored settings were validated on save, so this falls back only defensively. */
export function settingsFor(orgSettings: unknown, athleteSettings: unknown): TrainingSettings {
  const resolved = resolveSettings(orgSettings, athleteSettings);
  return resolved.ok ? resolved.value : DEFAULT_SETTINGS;
}

/**
 * settingsFor for many athletes of one organisation: most share the same override (often none), and
 * validating settings costs more than everything else the roster does per athlete, so each distinct
 * override is resolved once.
 */
export function settingsResolver(orgSettings: unknown): (athleteSettings: unknown) => TrainingSettings {
  const resolved = new Map<string, TrainingSettings>();
  return (athleteSettings) => {
    const key = JSON.stringify(athleteSettings) ?? "";
    let settings = resolved.get(key);
    if (!settings) resolved.set(key, (settings = settingsFor(orgSettings, athleteSettings)));
    return settings;
  };
}

/**
 * Evaluates the last `weekCount` weeks (the current one included) of several athletes, each in their
 * own time zone and week start. Four queries whatever the number of athletes; the rules engine does
 * the rest in memory.
 */
export async function evaluateRecentWeeks(
  tx: Tx,
  org: { id: string; trainingSettings: unknown },
  athleteIds: string[],
  options: { weekCount: number; now: Date; publishedOnly: boolean; extraDaysAhead?: number },
): Promise<Map<string, AthleteWeeks>> {
  const contexts = await athleteContexts(tx, org.id, athleteIds);
  // One window covering every athlete: time zones differ by at most a day either way.
  const todayUtc = options.now.toISOString().slice(0, 10);
  const from = addDays(todayUtc, -(options.weekCount * 7 + HISTORY_DAYS + 8));
  const to = addDays(todayUtc, 8 + (options.extraDaysAhead ?? 0));
  const ids = contexts.map((c) => c.athleteId);
  const [runsByAthlete, plannedByAthlete, excusedByAthlete] = await Promise.all([
    runsBetween(tx, org.id, ids, from, to),
    plannedBetween(tx, org.id, ids, from, to, options.publishedOnly),
    excusedBetween(tx, org.id, ids, from, to),
  ]);

  const result = new Map<string, AthleteWeeks>();
  const settingsOf = settingsResolver(org.trainingSettings);
  for (const athlete of contexts) {
    const settings = settingsOf(athlete.trainingSettings);
    const today = zonedDate(options.now, athlete.timeZone);
    const current = weekStartFor(today, weekdayFromIndex(athlete.weekStartDay));
    const weekStarts = Array.from({ length: options.weekCount }, (_, i) =>
      addDays(current, (i - options.weekCount + 1) * 7),
    );
    const runs = runsByAthlete.get(athlete.athleteId) ?? [];
    const planned = plannedByAthlete.get(athlete.athleteId) ?? [];
    const excused = excusedByAthlete.get(athlete.athleteId) ?? [];
    const historyFrom = athlete.joinedAt.toISOString().slice(0, 10);
    const evaluations = weekStarts.map((weekStart) =>
      evaluateWeek(weekInputFor({ weekStart, asOf: today, settings, runs, planned, historyFrom, excused })),
    );
    result.set(athlete.athleteId, { athlete, settings, today, weekStarts, evaluations, runs, planned, excused });
  }
  return result;
}

/**
 * Evaluates the one week of an athlete that contains `date` (in their week start), e.g. the week a
 * run was just logged in. Two queries (the caller already has the athlete's context).
 */
export async function evaluateWeekContaining(
  tx: Tx,
  org: { id: string; trainingSettings: unknown },
  athlete: AthleteContext,
  date: string,
  options: { now: Date; publishedOnly: boolean },
) {
  const athleteId = athlete.athleteId;
  const settings = settingsFor(org.trainingSettings, athlete.trainingSettings);
  const weekStart = weekStartFor(date, weekdayFromIndex(athlete.weekStartDay));
  const [runsByAthlete, plannedByAthlete, excusedByAthlete] = await Promise.all([
    runsBetween(tx, org.id, [athleteId], addDays(weekStart, -HISTORY_DAYS), addDays(weekStart, 6)),
    plannedBetween(tx, org.id, [athleteId], weekStart, addDays(weekStart, 6), options.publishedOnly),
    excusedBetween(tx, org.id, [athleteId], weekStart, addDays(weekStart, 6)),
  ]);
  const runs = runsByAthlete.get(athleteId) ?? [];
  const planned = plannedByAthlete.get(athleteId) ?? [];
  const excused = excusedByAthlete.get(athleteId) ?? [];
  const today = zonedDate(options.now, athlete.timeZone);
  const evaluation = evaluateWeek(
    weekInputFor({
      weekStart,
      asOf: today,
      settings,
      runs,
      planned,
      historyFrom: athlete.joinedAt.toISOString().slice(0, 10),
      excused,
    }),
  );
  return {
    athlete,
    settings,
    today,
    weekStart,
    evaluation,
    runs: runs.filter((r) => r.localDate >= weekStart),
    planned,
    excused,
  };
}
