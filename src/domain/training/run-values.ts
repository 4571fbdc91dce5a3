/**
 * What an athlete types about a run, read and bounded without the schema (run-input.ts, zod):
 * durations as typed, a date that cannot be in the future, and the bounds the schema enforces.
 */
export const MAX_RUN_SECONDS = 24 * 3600;
export const MAX_RUN_METRES = 300_000;

/** A run dated after the athlete's today is refused: you cannot have run it yet. */
export function futureDateProblem(date: string, today: string): string | null {
  return date > today ? "That date is in the future: log a run once you have run it" : null;
}

/** Whole seconds from "h:mm:ss", "mm:ss" or plain minutes ("45", "45.5"); null if unreadable. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 60);
  const parts = trimmed.split(":");
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^\d+$/.test(p))) return null;
  const [h, m, s] = parts.length === 3 ? parts.map(Number) : [0, ...parts.map(Number)];
  if (m! >= 60 || s! >= 60) return null;
  return h! * 3600 + m! * 60 + s!;
}

/** Paces a runner can plausibly hold, in seconds per km (2:30 to 15:00 /km); outside them, a typo is likelier. */
export const PLAUSIBLE_PACE_S_PER_KM = { fastest: 150, slowest: 900 } as const;

/** Whether a run's average pace is faster or slower than anyone runs; null when plausible or unknown. */
export function implausiblePace(durationS: number | null, distanceM: number | null): "fast" | "slow" | null {
  if (!durationS || !distanceM || durationS <= 0 || distanceM <= 0) return null;
  const perKm = durationS / (distanceM / 1000);
  if (perKm < PLAUSIBLE_PACE_S_PER_KM.fastest) return "fast";
  if (perKm > PLAUSIBLE_PACE_S_PER_KM.slowest) return "slow";
  return null;
}

/** A distance as typed ("5", "5.2", "5,2"): metres in the user's unit, null when empty, NaN when not a number. */
export function parseDistance(text: string, metresPerUnit: number): number | null {
  const trimmed = text.trim().replace(",", ".");
  if (trimmed === "") return null;
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(trimmed)) return Number.NaN;
  return Math.round(Number(trimmed) * metresPerUnit);
}
