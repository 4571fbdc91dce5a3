/** ISO 8601 UTC without milliseconds: activities are compared and deduplicated to the second. */
export function toIsoSecond(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** Parses an XML dateTime; null when absent or not a date. */
export function parseXmlTime(value: unknown): number | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  const ms = Date.parse(value.trim());
  return Number.isFinite(ms) ? ms : null;
}

const YEAR_2000_MS = Date.UTC(2000, 0, 1);
// A day of slack: a watch a few hours ahead, or a server clock behind, is not worth a warning.
const FUTURE_SLACK_MS = 24 * 3600 * 1000;

/**
 * A warning when a start time cannot be a real recording date: devices without a time fix write
 * their own clock (often 1989/1990), and broken exporters write far-future dates.
 */
export function implausibleStartWarning(startMs: number, nowMs: number): string | null {
  const iso = toIsoSecond(startMs);
  if (startMs < YEAR_2000_MS) {
    return `start time ${iso} is before 2000: the device clock was probably never set, so the date is not real`;
  }
  if (startMs > nowMs + FUTURE_SLACK_MS) {
    return `start time ${iso} is in the future: the device clock was probably wrong`;
  }
  return null;
}
