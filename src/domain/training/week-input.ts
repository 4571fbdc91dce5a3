/**
 * From stored rows to the rules engine's input: which runs fall in the week, which are history,
 * and the planned sessions. Pure, so the browser's live preview and the server build weeks alike.
 */
import {
  addDays,
  type PlannedSession,
  type RunInput,
  type SessionKind,
  type TrainingSettings,
  type WeekInput,
  type Weekday,
} from "~/domain/rules";
import { toExcusedDay, type ExcusedRow } from "./excused-days";

export interface RunRow {
  id: string;
  localDate: string;
  kind: SessionKind;
  durationS: number;
  distanceM: number | null;
  rpe: number;
  plannedSessionId: string | null;
}

export interface PlannedRow {
  id: string;
  date: string;
  kind: SessionKind;
  durationMin: number | null;
  distanceM: number | null;
}

/** Days of history the engine looks at before a week: 21 for the load ratio, a little slack. */
export const HISTORY_DAYS = 28;

/** users.week_start_day (0 = Sunday, like Date#getUTCDay) as the engine's weekday name. */
const WEEKDAY_BY_INDEX: readonly Weekday[] = [
  "sunday",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
];
export const weekdayFromIndex = (index: number): Weekday => WEEKDAY_BY_INDEX[index] ?? "monday";

export function toRunInput(run: RunRow): RunInput {
  return {
    id: run.id,
    date: run.localDate,
    kind: run.kind,
    durationMin: run.durationS / 60,
    ...(run.distanceM === null ? {} : { distanceKm: run.distanceM / 1000 }),
    rpe: run.rpe,
    ...(run.plannedSessionId ? { plannedId: run.plannedSessionId } : {}),
  };
}

export function toPlannedSession(session: PlannedRow): PlannedSession {
  return {
    id: session.id,
    date: session.date,
    kind: session.kind,
    ...(session.durationMin === null ? {} : { durationMin: session.durationMin }),
    ...(session.distanceM === null ? {} : { distanceKm: session.distanceM / 1000 }),
  };
}

/**
 * The engine input for the week starting `weekStart`, from any superset of rows (rows outside the
 * week and its history are ignored). `plan` is omitted when `planned` is null (no plan to compare).
 */
export function weekInputFor(args: {
  weekStart: string;
  asOf: string;
  settings: TrainingSettings;
  runs: readonly RunRow[];
  planned: readonly PlannedRow[] | null;
  /** The first day we know the athlete's training from (e.g. when they joined). */
  historyFrom?: string;
  /** Days the athlete could not train (any superset: only the week's are passed on). */
  excused?: readonly Pick<ExcusedRow, "date" | "reason">[];
}): WeekInput {
  const weekEnd = addDays(args.weekStart, 6);
  const historyStart = addDays(args.weekStart, -HISTORY_DAYS);
  const inWeek = (date: string) => date >= args.weekStart && date <= weekEnd;
  const planned = args.planned?.filter((p) => inWeek(p.date)) ?? null;
  const plannedIds = new Set(planned?.map((p) => p.id));
  const excused = args.excused?.filter((e) => inWeek(e.date)).map(toExcusedDay) ?? [];
  return {
    weekStart: args.weekStart,
    asOf: args.asOf,
    settings: args.settings,
    ...(planned ? { plan: planned.map(toPlannedSession) } : {}),
    // A run may only name a planned session of the same week; older links are just history.
    runs: args.runs
      .filter((r) => inWeek(r.localDate))
      .map((r) =>
        toRunInput(r.plannedSessionId && !plannedIds.has(r.plannedSessionId) ? { ...r, plannedSessionId: null } : r),
      ),
    history: args.runs.filter((r) => r.localDate >= historyStart && r.localDate < args.weekStart).map(toRunInput),
    ...(args.historyFrom ? { historyFrom: args.historyFrom > historyStart ? args.historyFrom : historyStart } : {}),
    ...(excused.length > 0 ? { excused } : {}),
  };
}
