/**
 * Activity-file import: FIT, GPX and TCX (optionally gzipped) → runs with the device's own numbers.
 * No database and no Next.js here; callers store what comes back.
 */
export { parseActivityFile, type ParseOptions } from "./parse-activity-file";
export { MAX_DECOMPRESSED_BYTES, MAX_FILE_BYTES } from "./input-bytes";
export type { ActivityFormat, ImportedActivity, ParseFailure, ParseResult, ParseSuccess, SkippedPart } from "./types";
