/**
 * Activity-file import: FIT, GPX and TCX (optionally gzipped) → runs with the device's own numbers.
 * No database and no Next.js here; callers store what comes back.
 */
export { parseActivityFile, type ParseOptions } from "./parse-activity-file";
export { MAX_DECOMPRESSED_BYTES, MAX_FILE_BYTES, MAX_FIT_MESSAGES, MAX_POINTS } from "./limits";
export type { ActivityFormat, ImportedActivity, ParseFailure, ParseResult, ParseSuccess, SkippedPart } from "./types";
