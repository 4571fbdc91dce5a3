import "server-only";
import { randomUUID } from "node:crypto";
import { addDays, evaluateWeek, parseDay, weekStartFor } from "~/domain/rules";
import { MAX_SESSIONS_PER_WEEK } from "~/domain/training/plan-limits";
import { readWorkoutStructure } from "~/domain/training/workout-schema";
import { printWorkout } from "~/domain/training/workout-text";
import { HISTORY_DAYS, weekdayFromIndex, weekInputFor } from "~/domain/training/week-input";
import { formatDay } from "~/lib/format";
import { zonedDate } from "~/lib/zoned-time";
import type { AthleteContext } from "~/server/data/athletes";
import { runsBetween } from "~/server/data/runs";
import {
  bumpWeekAtVersion,
  deleteSessionsById,
  findWeek,
  findWeeks,
  insertSessionRows,
  insertWeek,
  moveSessionRow,
  sessionRows,
  type SessionRow,
  type WeekRow,
} from "~/server/data/weeks";
import type { Tx } from "~/server/db/connection";
import { ServiceError } from "~/server/errors";
import { settingsFor } from "./recent-weeks";
import { ensureWithinPlanningWindow } from "./week-plans";

type Org = { id: string; trainingSettings: unknown };

/** How many weeks the calendar shows or one copy may span. */
export const MAX_CALENDAR_WEEKS = 12;

/**
 * The version of each week the coach's screen showed (null: no week saved yet). A week left out was
 * not on screen: it is taken at its current version.
 */
export type SeenVersions = ReadonlyArray<{ weekStart: string; version: number | null }>;

export const CALENDAR_CONFLICT_MESSAGE =
  "Someone else changed this athlete's plan while you were looking. Nothing was changed: reload the calendar to see their changes.";

/**
 * A session as the calendar shows it: every column but the bookkeeping ones, so new columns flow
 * through, with a structured session's steps as the one line a coach types ("6 x 800m @ I pace …").
 */
function sessionView({ orgId: _o, athleteId: _a, weekId: _w, createdAt: _c, structure, ...session }: SessionRow) {
  const steps = readWorkoutStructure(structure);
  return { ...session, steps: steps ? printWorkout(steps) : null };
}

/**
 * `count` weeks of one athlete from the week containing `from`, each with its sessions (drafts
 * included: this is the coach's view), the runs done and the rules engine's verdict, computed the way
 * the week builder computes it. Three queries whatever the number of weeks.
 */
export async function calendarWeeks(
  tx: Tx,
  org: Org,
  athlete: AthleteContext,
  options: { from: string | undefined; count: number; now: Date },
) {
  const { athleteId } = athlete;
  const today = zonedDate(options.now, athlete.timeZone);
  // By default from last week (what was done), then the weeks ahead.
  const first = weekStartFor(options.from ?? addDays(today, -7), weekdayFromIndex(athlete.weekStartDay));
  ensureWithinPlanningWindow(first, today);
  const starts = Array.from({ length: options.count }, (_, i) => addDays(first, i * 7));
  const last = addDays(starts[starts.length - 1]!, 6);
  const [stored, planned, runsByAthlete] = await Promise.all([
    findWeeks(tx, org.id, [athleteId], starts),
    sessionRows(tx, org.id, athleteId, { from: first, to: last }),
    runsBetween(tx, org.id, [athleteId], addDays(first, -HISTORY_DAYS), last),
  ]);
  const settings = settingsFor(org.trainingSettings, athlete.trainingSettings);
  const runs = (runsByAthlete.get(athleteId) ?? []).map(({ athleteId: _a, startedAt: _s, ...run }) => run);
  const historyFrom = athlete.joinedAt.toISOString().slice(0, 10);
  const byStart = new Map(stored.map((w) => [w.weekStart, w]));
  return {
    athlete: { id: athleteId, displayName: athlete.displayName, weekStartDay: athlete.weekStartDay },
    today,
    first,
    settings: { bands: settings.bands, minRunsForMix: settings.minRunsForMix, effortBands: settings.effortBands },
    weeks: starts.map((weekStart) => {
      const weekEnd = addDays(weekStart, 6);
      const week = byStart.get(weekStart);
      const inWeek = planned.filter((p) => p.date >= weekStart && p.date <= weekEnd);
      return {
        weekStart,
        weekEnd,
        week: week ? { status: week.status, version: week.version } : null,
        sessions: inWeek.map(sessionView),
        runs: runs.filter((r) => r.localDate >= weekStart && r.localDate <= weekEnd),
        evaluation: evaluateWeek(
          weekInputFor({ weekStart, asOf: today, settings, runs, planned: week ? inWeek : [], historyFrom }),
        ),
      };
    }),
  };
}

/**
 * Locks every week an edit touches, at the version the coach saw: each existing week's version is
 * bumped (its status kept: a published week stays published, so the athlete sees the change, as when
 * the week builder saves a published week), a week not saved yet is created as a draft. Any week
 * changed meanwhile is a CONFLICT, and the caller's transaction writes nothing.
 */
async function lockWeeks(
  tx: Tx,
  orgId: string,
  athlete: AthleteContext,
  weekStarts: readonly string[],
  seen: SeenVersions,
  userId: string,
): Promise<Map<string, WeekRow>> {
  const locked = new Map<string, WeekRow>();
  for (const weekStart of [...new Set(weekStarts)].sort()) {
    // A week the coach did not have on screen (a copy to dates further ahead): its current version,
    // since the edit only adds to it; an editor open on it still gets a conflict, by the bump.
    const version =
      seen.find((s) => s.weekStart === weekStart)?.version ??
      (seen.some((s) => s.weekStart === weekStart)
        ? null
        : ((await findWeek(tx, orgId, athlete.athleteId, weekStart))?.version ?? null));
    const week =
      version === null
        ? await insertWeek(tx, orgId, { athleteId: athlete.athleteId, weekStart, status: "draft", updatedBy: userId })
        : await bumpWeekAtVersion(tx, orgId, { athleteId: athlete.athleteId, weekStart, version }, userId);
    if (!week) throw new ServiceError("CONFLICT", CALENDAR_CONFLICT_MESSAGE);
    locked.set(weekStart, week);
  }
  return locked;
}

const weekOf = (athlete: AthleteContext, date: string) => weekStartFor(date, weekdayFromIndex(athlete.weekStartDay));

/** The next free position on each day, given the rows already there. */
function nextPositions(rows: ReadonlyArray<{ date: string; position: number }>) {
  const next = new Map<string, number>();
  for (const r of rows) next.set(r.date, Math.max(next.get(r.date) ?? 0, r.position + 1));
  return (date: string) => {
    const position = next.get(date) ?? 0;
    next.set(date, position + 1);
    return position;
  };
}

function ensureRoom(athlete: AthleteContext, counts: Map<string, number>) {
  for (const [weekStart, count] of counts) {
    if (count > MAX_SESSIONS_PER_WEEK) {
      throw new ServiceError(
        "BAD_REQUEST",
        `The week of ${formatDay(weekStart)} would have ${count} sessions for ${athlete.displayName}: at most ${MAX_SESSIONS_PER_WEEK} a week.`,
      );
    }
  }
}

export type CalendarUndo =
  { type: "move"; sessionId: string; toDate: string } | { type: "remove"; sessionIds: string[] };

/** Moves one session to another day, possibly in another week. Undone by moving it back. */
export async function moveSession(
  tx: Tx,
  orgId: string,
  athlete: AthleteContext,
  input: { sessionId: string; toDate: string; seen: SeenVersions },
  options: { now: Date; userId: string },
): Promise<{ undo: CalendarUndo; message: string }> {
  const [session] = await sessionRows(tx, orgId, athlete.athleteId, { ids: [input.sessionId] });
  if (!session) throw new ServiceError("NOT_FOUND", "That session no longer exists. Reload the calendar.");
  const from = weekOf(athlete, session.date);
  const to = weekOf(athlete, input.toDate);
  ensureWithinPlanningWindow(to, zonedDate(options.now, athlete.timeZone));
  const locked = await lockWeeks(tx, orgId, athlete, [from, to], input.seen, options.userId);
  const target = await sessionRows(tx, orgId, athlete.athleteId, { from: to, to: addDays(to, 6) });
  const others = target.filter((s) => s.id !== session.id);
  if (from !== to) ensureRoom(athlete, new Map([[to, others.length + 1]]));
  await moveSessionRow(tx, orgId, {
    id: session.id,
    athleteId: athlete.athleteId,
    weekId: locked.get(to)!.id,
    date: input.toDate,
    position: nextPositions(others)(input.toDate),
  });
  return {
    undo: { type: "move", sessionId: session.id, toDate: session.date },
    message: `Moved the session to ${formatDay(input.toDate)}.`,
  };
}

/**
 * Copies the sessions between `sourceFrom` and `sourceTo` (a day, a week or a block of weeks) so the
 * block starts on `targetFrom`, next to what is there already. Rows are copied whole (every column but
 * their ids, week and date), so columns added later come along. Undone by removing the copies.
 */
export async function copySessions(
  tx: Tx,
  orgId: string,
  athlete: AthleteContext,
  input: { sourceFrom: string; sourceTo: string; targetFrom: string; seen: SeenVersions },
  options: { now: Date; userId: string },
): Promise<{ undo: CalendarUndo; message: string }> {
  const span = (parseDay(input.sourceTo) ?? 0) - (parseDay(input.sourceFrom) ?? 0);
  if (span < 0) throw new ServiceError("BAD_REQUEST", "The copy must end on or after its first day.", "sourceTo");
  if (span >= MAX_CALENDAR_WEEKS * 7)
    throw new ServiceError("BAD_REQUEST", `Copy at most ${MAX_CALENDAR_WEEKS} weeks at once.`, "sourceTo");
  const shift = (parseDay(input.targetFrom) ?? 0) - (parseDay(input.sourceFrom) ?? 0);
  if (shift === 0) throw new ServiceError("BAD_REQUEST", "Pick other dates to copy to.", "targetFrom");
  const targetTo = addDays(input.targetFrom, span);
  const today = zonedDate(options.now, athlete.timeZone);
  ensureWithinPlanningWindow(weekOf(athlete, input.targetFrom), today);
  ensureWithinPlanningWindow(weekOf(athlete, targetTo), today);
  const source = await sessionRows(tx, orgId, athlete.athleteId, { from: input.sourceFrom, to: input.sourceTo });
  if (source.length === 0) throw new ServiceError("BAD_REQUEST", "There is nothing planned on those dates to copy.");
  const copies = source.map((s) => ({ row: s, date: addDays(s.date, shift) }));
  const weeks = copies.map((c) => weekOf(athlete, c.date));
  const locked = await lockWeeks(tx, orgId, athlete, weeks, input.seen, options.userId);
  const firstWeek = [...locked.keys()][0]!;
  const lastWeek = [...locked.keys()].at(-1)!;
  const existing = await sessionRows(tx, orgId, athlete.athleteId, { from: firstWeek, to: addDays(lastWeek, 6) });
  const counts = new Map<string, number>();
  for (const s of existing) {
    const w = weekOf(athlete, s.date);
    if (locked.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  for (const w of weeks) counts.set(w, (counts.get(w) ?? 0) + 1);
  ensureRoom(athlete, counts);
  const position = nextPositions(existing);
  const rows = copies.map(({ row: { id: _id, weekId: _w, date: _d, position: _p, createdAt: _c, ...rest }, date }) => ({
    ...rest,
    id: randomUUID(),
    weekId: locked.get(weekOf(athlete, date))!.id,
    date,
    position: position(date),
  }));
  await insertSessionRows(tx, orgId, rows);
  const n = rows.length;
  return {
    undo: { type: "remove", sessionIds: rows.map((r) => r.id) },
    message: `Copied ${n} session${n === 1 ? "" : "s"} to ${formatDay(input.targetFrom)}${span > 0 ? `–${formatDay(targetTo)}` : ""}.`,
  };
}

/** Removes sessions (the undo of a copy). Sessions already gone are skipped. */
export async function removeSessions(
  tx: Tx,
  orgId: string,
  athlete: AthleteContext,
  input: { sessionIds: string[]; seen: SeenVersions },
  options: { userId: string },
): Promise<{ message: string }> {
  const rows = await sessionRows(tx, orgId, athlete.athleteId, { ids: input.sessionIds });
  if (rows.length === 0) throw new ServiceError("NOT_FOUND", "Those sessions no longer exist. Reload the calendar.");
  await lockWeeks(
    tx,
    orgId,
    athlete,
    rows.map((r) => weekOf(athlete, r.date)),
    input.seen,
    options.userId,
  );
  await deleteSessionsById(
    tx,
    orgId,
    athlete.athleteId,
    rows.map((r) => r.id),
  );
  return { message: `Removed ${rows.length} session${rows.length === 1 ? "" : "s"}.` };
}
