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
import { runsBetween, type WeekRows } from "~/server/data/runs";
import { plannedBetween } from "~/server/data/weeks";
import { settingsForWeeks, weekSettingsResolver, type WeekSettings } from "./week-settings";
import { phasesBetween } from "~/server/data/season";
import { excusedBetween, type ExcusedDayRecord } from "~/server/data/season-days";

export interface AthleteWeeks {
  athlete: AthleteContext;
  /** The settings judging the current week (the last one). */
  settings: TrainingSettings;
  /** The settings judging each week and the phase they come from, in weekStarts' order (ADR 016). */
  weekSettings: WeekSettings[];
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

/**
 * The settings of an organisation and an athlete without a season phase (the organisation's page, a
 * settings form's base); stored settings were validated on save, so this falls back only
 * defensively. Weeks are judged by settingsForWeeks (week-settings.ts), which adds the phase.
 */
export function settingsFor(orgSettings: unknown, athleteSettings: unknown): TrainingSettings {
  const resolved = resolveSettings(orgSettings, athleteSettings);
  return resolved.ok ? resolved.value : DEFAULT_SETTINGS;
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
  const [runsByAthlete, plannedByAthlete, settingsOf, excusedByAthlete] = await Promise.all([
    runsBetween(tx, org.id, ids, from, to),
    plannedBetween(tx, org.id, ids, from, to, options.publishedOnly),
    settingsForWeeks(tx, org, contexts, [addDays(todayUtc, -(options.weekCount * 7 + 8)), addDays(todayUtc, 8)]),
    excusedBetween(tx, org.id, ids, from, to),
  ]);

  const result = new Map<string, AthleteWeeks>();
  for (const athlete of contexts) {
    const today = zonedDate(options.now, athlete.timeZone);
    const current = weekStartFor(today, weekdayFromIndex(athlete.weekStartDay));
    const weekStarts = Array.from({ length: options.weekCount }, (_, i) =>
      addDays(current, (i - options.weekCount + 1) * 7),
    );
    const runs = runsByAthlete.get(athlete.athleteId) ?? [];
    const planned = plannedByAthlete.get(athlete.athleteId) ?? [];
    const excused = excusedByAthlete.get(athlete.athleteId) ?? [];
    const historyFrom = athlete.joinedAt.toISOString().slice(0, 10);
    const weekSettings = weekStarts.map((weekStart) => settingsOf(athlete.athleteId, weekStart));
    const evaluations = weekStarts.map((weekStart, i) =>
      evaluateWeek(
        weekInputFor({
          weekStart,
          asOf: today,
          settings: weekSettings[i]!.settings,
          runs,
          planned,
          historyFrom,
          excused,
        }),
      ),
    );
    const settings = weekSettings[weekSettings.length - 1]!.settings;
    result.set(athlete.athleteId, {
      athlete,
      settings,
      weekSettings,
      today,
      weekStarts,
      evaluations,
      runs,
      planned,
      excused,
    });
  }
  return result;
}

/**
 * The days the week containing `date` is judged on, in the athlete's week start: its runs from
 * HISTORY_DAYS before it (the load ratio), its plan, phases and excused days within it.
 */
export function weekContainingWindow(athlete: Pick<AthleteContext, "weekStartDay">, date: string) {
  const weekStart = weekStartFor(date, weekdayFromIndex(athlete.weekStartDay));
  return { weekStart, historyFrom: addDays(weekStart, -HISTORY_DAYS), weekEnd: addDays(weekStart, 6) };
}

/**
 * Evaluates the one week of an athlete that contains `date` (in their week start), e.g. the week a
 * run was just logged in. Four queries in parallel (the caller already has the athlete's context).
 */
export async function evaluateWeekContaining(
  tx: Tx,
  org: { id: string; trainingSettings: unknown },
  athlete: AthleteContext,
  date: string,
  options: { now: Date; publishedOnly: boolean },
) {
  const athleteId = athlete.athleteId;
  const { weekStart, historyFrom, weekEnd } = weekContainingWindow(athlete, date);
  const [runsByAthlete, plannedByAthlete, phasesByAthlete, excusedByAthlete] = await Promise.all([
    runsBetween(tx, org.id, [athleteId], historyFrom, weekEnd),
    plannedBetween(tx, org.id, [athleteId], weekStart, weekEnd, options.publishedOnly),
    phasesBetween(tx, org.id, [athleteId], weekStart, weekEnd),
    excusedBetween(tx, org.id, [athleteId], weekStart, weekEnd),
  ]);
  return evaluateWeekOf(
    org,
    athlete,
    date,
    {
      runs: runsByAthlete.get(athleteId) ?? [],
      planned: plannedByAthlete.get(athleteId) ?? [],
      phases: phasesByAthlete.get(athleteId) ?? [],
      excused: excusedByAthlete.get(athleteId) ?? [],
    },
    options,
  );
}

/**
 * evaluateWeekContaining's in-memory part, on rows the caller read (the run log reads them in the
 * statement before its write, and adds the run it is saving). Rows outside the week's window are
 * ignored, so a caller may read a wider one.
 */
export function evaluateWeekOf(
  org: { trainingSettings: unknown },
  athlete: AthleteContext,
  date: string,
  rows: WeekRows,
  options: { now: Date },
) {
  const { weekStart, historyFrom, weekEnd } = weekContainingWindow(athlete, date);
  const within = (day: string, from: string) => day >= from && day <= weekEnd;
  const runs = rows.runs.filter((r) => within(r.localDate, historyFrom));
  const planned = rows.planned.filter((p) => within(p.date, weekStart));
  const phases = rows.phases.filter((p) => p.startDate <= weekEnd && p.endDate >= weekStart);
  const excused = rows.excused.filter((e) => within(e.date, weekStart));
  const { settings, phase } = weekSettingsResolver(
    org.trainingSettings,
    [athlete],
    new Map([[athlete.athleteId, phases]]),
  )(athlete.athleteId, weekStart);
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
    phase,
    today,
    weekStart,
    evaluation,
    runs: runs.filter((r) => r.localDate >= weekStart),
    planned,
    excused,
  };
}
