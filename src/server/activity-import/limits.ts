/**
 * What one upload may cost the server (issue #12, ADR 004). Every bound is checked before the
 * expensive step it protects: size on arrival, decompressed size while inflating, record and point
 * counts by a cheap scan before any decoder builds objects, wall-clock time by the worker pool
 * (parse-pool.ts). The figures behind them are in ADR 004.
 */

const MB = 1024 * 1024;

/** The largest upload accepted. A 24-hour run recorded every second is ~7 MB as FIT, ~24 MB as GPX. */
export const MAX_FILE_BYTES = 25 * MB;

/**
 * The most a .gz may expand to; inflating stops there. A 24-hour GPX recorded every second is ~24 MB,
 * and XML costs ~20 MB of memory and ~0.15 s of CPU per MB to parse, so 32 MB bounds a parse to a
 * few seconds and under a gigabyte.
 */
export const MAX_DECOMPRESSED_BYTES = 32 * MB;

/** Track points (FIT records, GPX/TCX track points) in one file: ~69 hours at one a second. */
export const MAX_POINTS = 250_000;

/** FIT data messages of any kind in one file: records plus heart-rate, HRV, length and event messages. */
export const MAX_FIT_MESSAGES = 750_000;

export function megabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}

export function wholeMegabytes(bytes: number): string {
  return `${Math.round(bytes / MB)} MB`;
}

export const grouped = (n: number): string => n.toLocaleString("en-GB");

/** The laps a run keeps (the first ones): more is a file of auto-laps every few metres, not a workout. */
export const MAX_LAPS = 500;
