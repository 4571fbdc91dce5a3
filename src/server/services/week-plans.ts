import "server-only";
import { addDays, weekdayName, parseDay, weekStartFor, type SessionKind } from "~/domain/rules";
import type { TemplateSession, WeekSessionInput } from "~/domain/training/plan-inputs";
import { HISTORY_DAYS, weekdayFromIndex } from "~/domain/training/week-input";
import { athletePaces, withPlannedAmounts } from "~/domain/training/workout-paces";
import { readWorkoutStructure } from "~/domain/training/workout-schema";
import { zonedDate } from "~/lib/zoned-time";
import type { AthleteContext } from "~/server/data/athletes";
import { runsBetween } from "~/server/data/runs";
import {
  findWeek,
  findWeeks,
  insertWeek,
  plannedBetween,
  replaceWeekSessions,
  updateWeekAtVersion,
  type SessionValues,
  type WeekStatus,
} from "~/server/data/weeks";
import type { Tx } from "~/server/db/connection";
import { ServiceError } from "~/server/errors";
import { settingsFor } from "./recent-weeks";

export const CONFLICT_MESSAGE = "Someone else saved this week while you were editing. Reload to see their changes.";
/** How far from today a week may be planned. */
export const PLANNING_WINDOW_DAYS = 2 * 366;

type Org = { id: string; trainingSettings: unknown };

/** Refuses weeks too far from today: a typo in a URL, not a plan. */
export function ensureWithinPlanningWindow(weekStart: string, today: string): void {
  const distance = Math.abs((parseDay(weekStart) ?? 0) - (parseDay(today) ?? 0));
  if (distance > PLANNING_WINDOW_DAYS) {
    throw new ServiceError("BAD_REQUEST", "Pick a week within two years of today.");
  }
}

/**
 * A week as the week builder (coaches) or the plan view (the athlete) needs it: the athlete's week
 * start and settings, the stored week and its sessions, last week's sessions (to copy), and the runs
 * of the week and of the four weeks before (what the engine needs to preview load and sequence).
 * `date` may be any day of the week. The athlete sees published weeks only. Three queries (the athlete
 * comes loaded, by the access check).
 */
export async function weekForEditing(
  tx: Tx,
  org: Org,
  athlete: AthleteContext,
  date: string,
  options: { now: Date; asCoach: boolean },
) {
  const { athleteId } = athlete;
  const today = zonedDate(options.now, athlete.timeZone);
  const weekStart = weekStartFor(date, weekdayFromIndex(athlete.weekStartDay));
  ensureWithinPlanningWindow(weekStart, today);
  const weekEnd = addDays(weekStart, 6);
  const previousWeekStart = addDays(weekStart, -7);
  const stored = await findWeek(tx, org.id, athleteId, weekStart);
  const week = stored && (options.asCoach || stored.status === "published") ? stored : null;
  const [plannedByAthlete, runsByAthlete] = await Promise.all([
    plannedBetween(tx, org.id, [athleteId], options.asCoach ? previousWeekStart : weekStart, weekEnd, !options.asCoach),
    runsBetween(tx, org.id, [athleteId], addDays(weekStart, -HISTORY_DAYS), weekEnd),
  ]);
  const planned = plannedByAthlete.get(athleteId) ?? [];
  const session = ({
    id,
    date,
    kind,
    durationMin,
    distanceM,
    targetRpe,
    description,
    structure,
  }: (typeof planned)[number]) => ({
    id,
    date,
    kind,
    durationMin,
    distanceM,
    targetRpe,
    description,
    structure: readWorkoutStructure(structure),
  });
  return {
    athlete: {
      id: athlete.athleteId,
      displayName: athlete.displayName,
      weekStartDay: athlete.weekStartDay,
      /** Training paces from the athlete's recent race: structured sessions' named paces resolve to them. */
      paces: athletePaces({ distanceM: athlete.raceDistanceM, timeS: athlete.raceTimeS }),
    },
    today,
    weekStart,
    weekEnd,
    settings: settingsFor(org.trainingSettings, athlete.trainingSettings),
    historyFrom: athlete.joinedAt.toISOString().slice(0, 10),
    week: week && {
      id: week.id,
      status: week.status,
      version: week.version,
      publishedAt: week.publishedAt,
      updatedAt: week.updatedAt,
    },
    sessions: week ? planned.filter((p) => p.date >= weekStart).map(session) : [],
    previousWeekStart,
    previousSessions: options.asCoach ? planned.filter((p) => p.date < weekStart).map(session) : [],
    runs: (runsByAthlete.get(athleteId) ?? []).map(({ athleteId: _a, startedAt: _s, ...run }) => run),
  };
}

/** How many weeks after the current one the athlete's plan view lists. */
export const UPCOMING_WEEKS_AHEAD = 5;

/**
 * The athlete's current week and the `ahead` weeks after it, as the athlete may see them: a week is
 * "published" with its sessions, or "not published" (no week yet, or a draft: drafts stay invisible,
 * so both read the same). Two queries (the athlete comes loaded, by the access check).
 */
export async function upcomingWeeks(tx: Tx, org: Org, athlete: AthleteContext, options: { now: Date; ahead: number }) {
  const today = zonedDate(options.now, athlete.timeZone);
  const current = weekStartFor(today, weekdayFromIndex(athlete.weekStartDay));
  const starts = Array.from({ length: options.ahead + 1 }, (_, i) => addDays(current, i * 7));
  const last = addDays(starts[starts.length - 1]!, 6);
  const [stored, plannedByAthlete] = await Promise.all([
    findWeeks(tx, org.id, [athlete.athleteId], starts),
    plannedBetween(tx, org.id, [athlete.athleteId], current, last, true),
  ]);
  const published = new Set(stored.filter((w) => w.status === "published").map((w) => w.weekStart));
  const planned = plannedByAthlete.get(athlete.athleteId) ?? [];
  return {
    today,
    weekStartDay: athlete.weekStartDay,
    paces: athletePaces({ distanceM: athlete.raceDistanceM, timeS: athlete.raceTimeS }),
    weeks: starts.map((weekStart) => {
      const end = addDays(weekStart, 6);
      const isPublished = published.has(weekStart);
      return {
        weekStart,
        weekEnd: end,
        published: isPublished,
        sessions: isPublished
          ? planned
              .filter((p) => p.date >= weekStart && p.date <= end)
              .map(({ id, date, kind, durationMin, distanceM, targetRpe, description, structure }) => ({
                id,
                date,
                kind,
                durationMin,
                distanceM,
                targetRpe,
                description,
                structure: readWorkoutStructure(structure),
              }))
          : [],
      };
    }),
  };
}

/** Is the athlete's week starting at `weekStart` published? One query. */
export async function isWeekPublished(tx: Tx, orgId: string, athleteId: string, weekStart: string) {
  return (await findWeek(tx, orgId, athleteId, weekStart))?.status === "published";
}

/** The sessions as rows: dated from the week start, numbered within their day. */
export function sessionValues(
  weekStart: string,
  sessions: ReadonlyArray<Omit<WeekSessionInput, "id"> & { id?: string }>,
): SessionValues[] {
  const perDay = new Map<number, number>();
  return sessions.map((s) => {
    const position = perDay.get(s.day) ?? 0;
    perDay.set(s.day, position + 1);
    return {
      ...(s.id ? { id: s.id } : {}),
      date: addDays(weekStart, s.day),
      kind: s.kind as SessionKind,
      durationMin: s.durationMin,
      distanceM: s.distanceM,
      targetRpe: s.targetRpe,
      description: s.description,
      structure: s.structure ?? null,
      position,
    };
  });
}

/**
 * Structured sessions with their duration and distance computed from their steps and the athlete's
 * own paces (whatever the browser sent); a session whose steps add up to too much is refused.
 */
export function withStructureAmounts<T extends TemplateSession>(
  weekStart: string,
  sessions: readonly T[],
  athlete: Pick<AthleteContext, "displayName" | "raceDistanceM" | "raceTimeS">,
): T[] {
  const paces = athletePaces({ distanceM: athlete.raceDistanceM, timeS: athlete.raceTimeS });
  return sessions.map((session) => {
    const result = withPlannedAmounts(session, paces);
    if (!result.ok) {
      const day = weekdayName(parseDay(addDays(weekStart, session.day)) ?? 0);
      throw new ServiceError("BAD_REQUEST", `${athlete.displayName}'s ${day} session: ${result.message}.`);
    }
    return result.session;
  });
}

/**
 * Saves a week as a whole, in the caller's transaction: the week row at the version the editor loaded
 * (bumped), then its sessions. A stale version, or a week created by someone else meanwhile, is a
 * CONFLICT and nothing is written. Structured sessions get their amounts from their steps.
 */
export async function saveWeek(
  tx: Tx,
  orgId: string,
  athlete: AthleteContext,
  input: {
    weekStart: string;
    version: number | null;
    status: WeekStatus;
    sessions: WeekSessionInput[];
  },
  options: { now: Date; userId: string },
) {
  const weekday = weekdayFromIndex(athlete.weekStartDay);
  if (weekStartFor(input.weekStart, weekday) !== input.weekStart) {
    const day = weekdayName(parseDay(weekStartFor(input.weekStart, weekday)) ?? 0);
    throw new ServiceError(
      "BAD_REQUEST",
      `${athlete.displayName}'s weeks start on ${day}: ${input.weekStart} is not a week start.`,
    );
  }
  ensureWithinPlanningWindow(input.weekStart, zonedDate(options.now, athlete.timeZone));
  // Before any write: a refused structure changes nothing.
  const planned = withStructureAmounts(input.weekStart, input.sessions, athlete);
  const change = { status: input.status, updatedBy: options.userId };
  const week =
    input.version === null
      ? await insertWeek(tx, orgId, { athleteId: athlete.athleteId, weekStart: input.weekStart, ...change })
      : await updateWeekAtVersion(
          tx,
          orgId,
          { athleteId: athlete.athleteId, weekStart: input.weekStart, version: input.version },
          change,
        );
  if (!week) throw new ServiceError("CONFLICT", CONFLICT_MESSAGE);
  const sessions = await replaceWeekSessions(
    tx,
    orgId,
    { id: week.id, athleteId: athlete.athleteId },
    sessionValues(input.weekStart, planned),
  );
  return {
    week: {
      id: week.id,
      status: week.status,
      version: week.version,
      publishedAt: week.publishedAt,
      updatedAt: week.updatedAt,
    },
    sessions: [...sessions]
      .sort((a, b) => a.date.localeCompare(b.date) || a.position - b.position)
      .map((s) => ({ ...s, structure: readWorkoutStructure(s.structure) })),
  };
}
