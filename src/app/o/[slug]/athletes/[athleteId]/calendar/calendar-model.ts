import { addDays, parseDay } from "~/domain/rules";
import type { RouterOutputs } from "../../../_shared/types";

export type CalendarData = RouterOutputs["planCalendar"]["weeks"];
export type CalendarWeek = CalendarData["weeks"][number];
export type CalendarSession = CalendarWeek["sessions"][number];

/** How many weeks the calendar can show at once (the page opens on the second). */
export const RANGE_CHOICES = [4, 6, 8] as const;

/** What one copy takes: a day, a week, or a block of weeks. */
export type CopyScope = "day" | "week" | "weeks";

/** The source range of a copy, from what the dialog asks. */
export function copyRange(scope: CopyScope, from: string, weeks: number): { sourceFrom: string; sourceTo: string } {
  const length = scope === "day" ? 1 : scope === "week" ? 7 : 7 * weeks;
  return { sourceFrom: from, sourceTo: addDays(from, length - 1) };
}

/** Days from one date to another. */
export const daysBetween = (from: string, to: string) => (parseDay(to) ?? 0) - (parseDay(from) ?? 0);

/** The versions of the weeks on screen, which every edit sends back (optimistic locking). */
export const seenVersions = (data: CalendarData) =>
  data.weeks.map((w) => ({ weekStart: w.weekStart, version: w.week?.version ?? null }));
