/**
 * Excused days as the app stores them and as the rules engine reads them (the spec's "Excused
 * days"): the app's reasons, their words for each reader, and the engine's input. Pure.
 */
import type { ExcusedDay, ExcuseReason } from "~/domain/rules";

/** The app's reasons, in menu order. "travelling" is the engine's "travel". */
export const EXCUSED_DAY_REASONS = ["ill", "injured", "travelling", "unavailable"] as const;
export type ExcusedDayReason = (typeof EXCUSED_DAY_REASONS)[number];

export const EXCUSED_REASON_LABELS: Readonly<Record<ExcusedDayReason, string>> = {
  ill: "Ill",
  injured: "Injured",
  travelling: "Travelling",
  unavailable: "Unavailable",
};

/** The day menu's actions: "Mark as ill…". */
export const EXCUSED_REASON_ACTIONS: Readonly<Record<ExcusedDayReason, string>> = {
  ill: "Mark as ill",
  injured: "Mark as injured",
  travelling: "Mark as travelling",
  unavailable: "Mark as unavailable",
};

/** Longest note kept with an excused day (the database checks it too). */
export const EXCUSED_NOTE_MAX = 500;

export interface ExcusedRow {
  date: string;
  reason: ExcusedDayReason;
  note: string;
}

const ENGINE_REASON: Readonly<Record<ExcusedDayReason, ExcuseReason>> = {
  ill: "ill",
  injured: "injured",
  travelling: "travel",
  unavailable: "unavailable",
};

export const toExcusedDay = (row: Pick<ExcusedRow, "date" | "reason">): ExcusedDay => ({
  date: row.date,
  reason: ENGINE_REASON[row.reason],
});

/** "Excused: ill": what a planned session on the day shows instead of a red "missed". */
export const excusedText = (reason: ExcusedDayReason) => `Excused: ${EXCUSED_REASON_LABELS[reason].toLowerCase()}`;

/** The excused day (if any) on each date, for lookups while rendering a week. */
export const excusedByDate = <Row extends { date: string }>(rows: readonly Row[]): ReadonlyMap<string, Row> =>
  new Map(rows.map((row) => [row.date, row]));

/**
 * The week builder's live check, for the coach: a session planned on a day the athlete marked. It
 * will not count as missed if it is not run, but the athlete said they cannot train that day.
 */
export const excusedPlanWarning = (athleteName: string, reason: ExcusedDayReason) =>
  `${athleteName} marked this day as ${EXCUSED_REASON_LABELS[reason].toLowerCase()}: a session planned on it will show as excused, not missed, unless it is run.`;
