/** The formats the importer reads; gzip is a wrapper around any of them, not a format. */
export type ActivityFormat = "fit" | "gpx" | "tcx";

/**
 * One lap as the device recorded it (FIT lap message, TCX <Lap>): a press of the lap button, an
 * auto-lap, or a step of a workout the watch ran. Compared with a structured session's steps.
 */
export type ImportedLap = {
  /** The lap's timer time (pauses excluded), seconds. */
  durationS: number;
  distanceM: number | null;
  avgHeartRate: number | null;
};

/** One run taken from an uploaded file, with the numbers the coaching app keeps. */
export type ImportedActivity = {
  /** ISO 8601 UTC, to the second. */
  startTime: string;
  /** The device's timer time (FIT total_timer_time, TCX lap TotalTimeSeconds); pauses excluded. */
  movingTimeS: number;
  /** Wall-clock time from start to finish, pauses included (FIT total_elapsed_time). */
  elapsedTimeS: number;
  distanceM: number | null;
  avgHeartRate: number | null;
  /** Normalised lower-case sport, e.g. "running", "cycling". */
  sport: string;
  /** The device's sub-sport ("treadmill", "trail"…); null when absent or generic. */
  subSport: string | null;
  /** "summary": the device's own totals (session or laps); "track": computed from the points. */
  source: "summary" | "track";
  /** Treadmill / indoor sub-sport, or no GPS position at all. */
  indoor: boolean;
  /** The device's laps in order (at most MAX_LAPS); empty when the file has none (GPX never has). */
  laps: ImportedLap[];
};

/** A part of the file that is not a run (bike leg, transition, swim, a fragment…), listed so the user knows. */
export type SkippedPart = {
  sport: string;
  /** What the part is in a few words: its sport, or "a fragment of 21 s and 30 m". */
  label: string;
  startTime: string | null;
  reason: string;
};

export type ParseSuccess = {
  ok: true;
  format: ActivityFormat;
  /** sha256 hex of the (decompressed) bytes: the same file uploaded twice hashes the same. */
  contentHash: string;
  activities: ImportedActivity[];
  skipped: SkippedPart[];
  warnings: string[];
};

export type ParseFailure = {
  ok: false;
  fileName: string;
  /** Human-readable, starts with the file name. */
  error: string;
};

export type ParseResult = ParseSuccess | ParseFailure;

/** What each format parser hands back before the common envelope (hash, format) is added. */
export type FormatParseOutput = {
  activities: ImportedActivity[];
  skipped: SkippedPart[];
  warnings: string[];
};

/** Thrown by format parsers when nothing usable can be read; the message is shown to the user. */
export class ActivityFileError extends Error {
  override name = "ActivityFileError";
}
