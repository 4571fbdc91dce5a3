/** Display formatting in the user's units. Pure, shared by server and browser. */
import type { SessionKind } from "~/domain/rules";
import { zonedParts } from "./zoned-time";

export type Units = "km" | "mi";
export const METRES_PER_MILE = 1609.344;

export function formatDistance(metres: number | null | undefined, units: Units): string {
  if (metres === null || metres === undefined) return "–";
  const value = units === "km" ? metres / 1000 : metres / METRES_PER_MILE;
  return `${value.toFixed(value < 10 ? 2 : 1)} ${units}`;
}

export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  return h > 0
    ? `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`
    : `${m}:${String(s).padStart(2, "0")}`;
}

/** Pace as m:ss per km or per mile, or "–" when it cannot be computed. */
export function formatPace(seconds: number, metres: number | null | undefined, units: Units): string {
  if (!metres || metres <= 0 || seconds <= 0) return "–";
  const perUnit = seconds / (units === "km" ? metres / 1000 : metres / METRES_PER_MILE);
  const m = Math.floor(perUnit / 60);
  const s = Math.round(perUnit % 60);
  return `${s === 60 ? m + 1 : m}:${String(s === 60 ? 0 : s).padStart(2, "0")} /${units}`;
}

/** "Tue 24 Nov" for a calendar date ("YYYY-MM-DD"), independent of the server's time zone. */
export function formatDay(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
}

/** Session kinds as titles in lists and calendars (the engine has its own in-sentence wording). */
export const KIND_NAMES: Record<SessionKind, string> = {
  recovery: "Recovery",
  aerobic: "Aerobic",
  long: "Long run",
  tempo: "Tempo",
  intervals: "Intervals",
  hills: "Hills",
  race: "Race",
};

/** "5:10–5:45 /km": a pace range in the user's units (fast end first). */
export function paceRange(fastSPerKm: number, slowSPerKm: number, units: Units): string {
  const fast = formatPace(fastSPerKm, 1000, units).split(" ")[0];
  return `${fast}–${formatPace(slowSPerKm, 1000, units)}`;
}

/** "2 h 05 min", "45 min": a length of time at a glance, to the minute. */
export function formatMinutes(minutes: number): string {
  const rounded = Math.round(minutes);
  if (rounded < 60) return `${rounded} min`;
  return `${Math.floor(rounded / 60)} h ${String(rounded % 60).padStart(2, "0")} min`;
}

/** "Tue 24 Nov, 18:05": an instant as the wall clock of a time zone shows it (mail, lists). */
export function formatInstant(instant: Date, timeZone: string): string {
  const { date, time } = zonedParts(instant, timeZone);
  return `${formatDay(date)}, ${time}`;
}
