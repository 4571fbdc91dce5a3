/**
 * Converting between UTC instants and wall-clock time in a named IANA time zone, with Intl only
 * (no time-zone database to ship). Pure: no clock is read.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock parts of an instant in a time zone. */
export function zonedParts(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    seconds: Number(parts.second),
  };
}

/** The calendar date ("YYYY-MM-DD") of an instant in a time zone. */
export function zonedDate(instant: Date, timeZone: string): string {
  return zonedParts(instant, timeZone).date;
}

/** Offset of the zone from UTC at an instant, in minutes (e.g. +60 for Paris in winter). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const { date, time, seconds } = zonedParts(instant, timeZone);
  const asUtc = Date.parse(`${date}T${time}:${String(seconds).padStart(2, "0")}Z`);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The UTC instant of a wall-clock date and time ("HH:MM") in a time zone. Around a DST change the
 * offset is taken twice, which resolves skipped and repeated hours the way calendars do.
 */
export function zonedDateTimeToUtc(date: string, time: string, timeZone: string): Date {
  const naive = Date.parse(`${date}T${time}:00Z`);
  const first = naive - offsetMinutes(new Date(naive), timeZone) * 60_000;
  return new Date(naive - offsetMinutes(new Date(first), timeZone) * 60_000);
}
