/**
 * The week builder's operations on a week being edited, pure so the browser and the tests share them:
 * add, move, copy from last week or a template, and the rows the rules engine previews.
 */
import { addDays, parseDay, type SessionKind } from "~/domain/rules";
import type { TemplateSession } from "./plan-inputs";
import type { PlannedRow } from "./week-input";
import type { WorkoutStructure } from "./workout-structure";

/** A session in the editor. `key` is the editor's own; `id` is the stored session it came from, if any. */
export interface SessionDraft {
  key: string;
  id?: string;
  day: number;
  kind: SessionKind;
  durationMin: number | null;
  distanceM: number | null;
  targetRpe: number | null;
  description: string;
  /** Steps, when the session is structured: its duration and distance then follow from them. */
  structure?: WorkoutStructure | null;
}

/** A stored planned session, as weeks.get returns it. */
export interface StoredSession {
  id: string;
  date: string;
  kind: SessionKind;
  durationMin: number | null;
  distanceM: number | null;
  targetRpe: number | null;
  description: string;
  structure?: WorkoutStructure | null;
}

export const DAYS_IN_WEEK = 7;

/** Day offset of a date within the week starting `weekStart` (0..6 inside the week). */
export function dayOffset(weekStart: string, date: string): number {
  return (parseDay(date) ?? NaN) - (parseDay(weekStart) ?? NaN);
}

/** A stored week's sessions as editor drafts, keeping their ids. */
export function draftsFromStored(weekStart: string, sessions: readonly StoredSession[]): SessionDraft[] {
  return sessions.map((s) => ({
    key: s.id,
    id: s.id,
    day: dayOffset(weekStart, s.date),
    kind: s.kind,
    durationMin: s.durationMin,
    distanceM: s.distanceM,
    targetRpe: s.targetRpe,
    description: s.description,
    ...(s.structure ? { structure: s.structure } : {}),
  }));
}

/**
 * Last week's sessions copied into this week, same days of the week. They are new sessions (no ids):
 * the runs that fulfilled last week's sessions stay with last week.
 */
export function copyWeek(
  previousWeekStart: string,
  previous: readonly StoredSession[],
  newKey: () => string,
): SessionDraft[] {
  return draftsFromStored(previousWeekStart, previous)
    .filter((d) => d.day >= 0 && d.day < DAYS_IN_WEEK)
    .map(({ id: _id, ...rest }) => ({ ...rest, key: newKey() }));
}

/** A template's sessions as new drafts. */
export function draftsFromTemplate(sessions: readonly TemplateSession[], newKey: () => string): SessionDraft[] {
  return sortByDay(sessions.map((s) => ({ ...s, key: newKey() })));
}

/** A draft's session as it is stored, in a week or a template (no editor key, description trimmed). */
function sessionOf({
  day,
  kind,
  durationMin,
  distanceM,
  targetRpe,
  description,
  structure,
}: SessionDraft): TemplateSession {
  return {
    day,
    kind,
    durationMin,
    distanceM,
    targetRpe,
    description: description.trim(),
    ...(structure ? { structure } : {}),
  };
}

/** The drafts as a template's sessions (day offsets, no ids). */
export function templateFromDrafts(drafts: readonly SessionDraft[]): TemplateSession[] {
  return sortByDay(drafts).map(sessionOf);
}

/** Stable sort by day: sessions of one day keep their order. */
export function sortByDay<T extends { day: number }>(sessions: readonly T[]): T[] {
  return sessions
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.day - b.s.day || a.i - b.i)
    .map(({ s }) => s);
}

/** Moves a session to another day (last on that day). Days outside the week are refused (no change). */
export function moveSession(drafts: readonly SessionDraft[], key: string, day: number): SessionDraft[] {
  const moving = drafts.find((d) => d.key === key);
  if (!moving || day < 0 || day >= DAYS_IN_WEEK || !Number.isInteger(day)) return [...drafts];
  return [...drafts.filter((d) => d.key !== key), { ...moving, day }];
}

/** Moves a session one day earlier (−1) or later (+1); at the week's edge it stays put. */
export function shiftSession(drafts: readonly SessionDraft[], key: string, by: -1 | 1): SessionDraft[] {
  const moving = drafts.find((d) => d.key === key);
  return moving ? moveSession(drafts, key, moving.day + by) : [...drafts];
}

export function updateSession(
  drafts: readonly SessionDraft[],
  key: string,
  change: Partial<Omit<SessionDraft, "key" | "id">>,
): SessionDraft[] {
  if (change.day !== undefined) {
    const moved = moveSession(drafts, key, change.day);
    const { day: _day, ...rest } = change;
    return moved.map((d) => (d.key === key ? { ...d, ...rest } : d));
  }
  return drafts.map((d) => (d.key === key ? { ...d, ...change } : d));
}

export function removeSession(drafts: readonly SessionDraft[], key: string): SessionDraft[] {
  return drafts.filter((d) => d.key !== key);
}

/** The drafts as the rules engine's planned rows (the editor's key stands in for the id; half-typed amounts are left out). */
export function plannedRowsOf(weekStart: string, drafts: readonly SessionDraft[]): PlannedRow[] {
  return drafts
    .map((d) => ({ ...d, distanceM: Number.isFinite(d.distanceM) ? d.distanceM : null }))
    .filter((d) => d.durationMin !== null || d.distanceM !== null)
    .map((d) => ({
      id: d.key,
      date: addDays(weekStart, d.day),
      kind: d.kind,
      durationMin: d.durationMin,
      distanceM: d.distanceM,
    }));
}

/** Planned minutes of a list of sessions (distance-only sessions count 0). */
export function plannedMinutes(sessions: ReadonlyArray<{ durationMin: number | null }>): number {
  return sessions.reduce((sum, s) => sum + (s.durationMin ?? 0), 0);
}

/** What the editor sends to weeks.save, in day order. */
export function sessionsToSave(drafts: readonly SessionDraft[]) {
  return sortByDay(drafts).map((draft) => ({ ...(draft.id ? { id: draft.id } : {}), ...sessionOf(draft) }));
}
