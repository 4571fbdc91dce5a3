import "server-only";
import { addDays, weekdayName, parseDay, weekStartFor, type SessionKind } from "~/domain/rules";
import type { TemplateSession, WeekSessionInput } from "~/domain/training/plan-inputs";
import { HISTORY_DAYS, weekdayFromIndex } from "~/domain/training/week-input";
import { athletePaces, withPlannedAmounts } from "~/domain/training/workout-paces";
import { readWorkoutStructure } from "~/domain/training/workout-schema";
import { zonedDate } from "~/lib/zoned-time";
import type { AthleteContext } from "~/server/data/athletes";
import { runsBetween } from "~/server/data/runs";
import { excusedBetween } from "~/server/data/season-days";
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
import { settingsForWeeks } from "./week-settings";
import { racesBetween } from "~/server/data/season";
import { notifyWeekPlan, type OrgRef } from "./notification-events";

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

type PlannedRow = Awaited<ReturnType<typeof plannedBetween>> extends Map<string, Array<infer P>> ? P : never;

/** A planned session as the week builder and the athlete's plan show it: its steps read back whole. */
const plannedSessionView = ({
  id,
  date,
  kind,
  durationMin,
  distanceM,
  targetRpe,
  description,
  structure,
}: PlannedRow) => ({
  id,
  date,
  kind,
  durationMin,
  distanceM,
  targetRpe,
  description,
  structure: readWorkoutStructure(structure),
});

/**
 * A week as the week builder (coaches) or the plan view (the athlete) needs it: the athlete's week
 * start and settings, the stored week and its sessions, last week's sessions (to copy), the runs
 * of the week and of the four weeks before (what the engine needs to preview load and sequence), and
 * the week's excused days. `date` may be any day of the week. The athlete sees published weeks only.
 * Four queries (the athlete
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
  const [plannedByAthlete, runsByAthlete, settingsOf, races, excusedByAthlete] = await Promise.all([
    plannedBetween(tx, org.id, [athleteId], options.asCoach ? previousWeekStart : weekStart, weekEnd, !options.asCoach),
    runsBetween(tx, org.id, [athleteId], addDays(weekStart, -HISTORY_DAYS), weekEnd),
    settingsForWeeks(tx, org, [athlete], [weekStart]),
    racesBetween(tx, org.id, athleteId, weekStart, weekEnd),
    excusedBetween(tx, org.id, [athleteId], weekStart, weekEnd),
  ]);
  const judgedBy = settingsOf(athleteId, weekStart);
  const planned = plannedByAthlete.get(athleteId) ?? [];
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
    /** The settings judging this week, and the season phase they come from (ADR 016). */
    settings: judgedBy.settings,
    phaseName: judgedBy.phase?.name ?? null,
    /** The athlete's races this week. */
    races,
    historyFrom: athlete.joinedAt.toISOString().slice(0, 10),
    week: week && {
      id: week.id,
      status: week.status,
      version: week.version,
      publishedAt: week.publishedAt,
      updatedAt: week.updatedAt,
    },
    sessions: week ? planned.filter((p) => p.date >= weekStart).map(plannedSessionView) : [],
    previousWeekStart,
    previousSessions: options.asCoach ? planned.filter((p) => p.date < weekStart).map(plannedSessionView) : [],
    runs: (runsByAthlete.get(athleteId) ?? []).map(({ athleteId: _a, startedAt: _s, ...run }) => run),
    /** Days of this week the athlete could not train, shown while planning. */
    excused: (excusedByAthlete.get(athleteId) ?? []).map(({ date, reason, note }) => ({ date, reason, note })),
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
          ? planned.filter((p) => p.date >= weekStart && p.date <= end).map(plannedSessionView)
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

/**
 * Saves a week (as `saveWeek`) and, when it is saved published, tells the athlete: their week was
 * published, or a week they could already see changed. In the same transaction, so a refused save
 * (a conflict) tells nobody.
 */
export async function saveWeekAndNotify(
  tx: Tx,
  org: OrgRef,
  athlete: AthleteContext,
  input: Parameters<typeof saveWeek>[3],
  options: { now: Date; user: { id: string; name: string } },
) {
  const wasPublished =
    input.status === "published" &&
    input.version !== null &&
    (await isWeekPublished(tx, org.id, athlete.athleteId, input.weekStart));
  const saved = await saveWeek(tx, org.id, athlete, input, { now: options.now, userId: options.user.id });
  if (input.status === "published")
    await notifyWeekPlan(tx, org, {
      athlete,
      coach: { userId: options.user.id, name: options.user.name },
      weekStart: input.weekStart,
      changed: wasPublished,
      sessions: saved.sessions.length,
    });
  return saved;
}
