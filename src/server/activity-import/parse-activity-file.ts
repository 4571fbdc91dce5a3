/**
 * Entry point: an uploaded file's bytes → the runs in it, or an error that names the file.
 * Pure apart from reading the clock (for "date in the future" warnings), which can be pinned.
 */
import { detectFormat, formatFromName } from "./detect-format";
import { decodeFit } from "./fit-decode";
import { fitActivities } from "./fit-activities";
import { parseGpx } from "./gpx-parse";
import { assertUploadSize, sha256Hex, unwrapGzip } from "./input-bytes";
import { parseTcx } from "./tcx-parse";
import {
  ActivityFileError,
  type ActivityFormat,
  type FormatParseOutput,
  type ParseFailure,
  type ParseResult,
} from "./types";
import { now } from "~/lib/clock";

export type ParseOptions = {
  /** The current time, for the "start time in the future" check; defaults to the clock. */
  now?: Date;
};

function parseFit(bytes: Uint8Array, nowMs: number): FormatParseOutput {
  const decoded = decodeFit(bytes);
  try {
    const out = fitActivities(decoded.messages, nowMs);
    return { ...out, warnings: [...decoded.warnings, ...out.warnings] };
  } catch (e) {
    // Nothing usable: the damage found while decoding is the explanation the user needs.
    if (e instanceof ActivityFileError && decoded.warnings.length > 0) {
      throw new ActivityFileError(`${e.message} (${decoded.warnings.join("; ")})`);
    }
    throw e;
  }
}

function parseFormat(format: ActivityFormat, bytes: Uint8Array, nowMs: number): FormatParseOutput {
  if (format === "fit") return parseFit(bytes, nowMs);
  return format === "gpx" ? parseGpx(bytes, nowMs) : parseTcx(bytes, nowMs);
}

function unknownFormatError(named: ActivityFormat | null): ActivityFileError {
  const hint = named ? ` (it is named .${named}, but its content is not ${named.toUpperCase()} or is damaged)` : "";
  return new ActivityFileError(`it is not a FIT, GPX or TCX file${hint}`);
}

function failure(fileName: string, reason: string): ParseFailure {
  return { ok: false, fileName, error: `"${fileName}" could not be imported: ${reason}` };
}

function parseOrThrow(fileName: string, raw: Uint8Array, nowMs: number): ParseResult {
  assertUploadSize(raw);
  const { bytes, warnings: gzipWarnings } = unwrapGzip(raw);
  const named = formatFromName(fileName);
  const format = detectFormat(bytes);
  if (!format) throw unknownFormatError(named);
  const out = parseFormat(format, bytes, nowMs);
  if (out.activities.length === 0 && out.skipped.length === 0) {
    throw new ActivityFileError(["it holds no activity", ...out.warnings].join("; "));
  }
  const nameWarning =
    named && named !== format
      ? [`named .${named} but the content is ${format.toUpperCase()}; read as ${format.toUpperCase()}`]
      : [];
  return {
    ok: true,
    format,
    contentHash: sha256Hex(bytes),
    activities: out.activities,
    skipped: out.skipped,
    warnings: [...gzipWarnings, ...nameWarning, ...out.warnings],
  };
}

export function parseActivityFile(
  input: { fileName: string; bytes: Uint8Array },
  options: ParseOptions = {},
): ParseResult {
  const nowMs = (options.now ?? now()).getTime();
  try {
    return parseOrThrow(input.fileName, input.bytes, nowMs);
  } catch (e) {
    if (e instanceof ActivityFileError) return failure(input.fileName, e.message);
    // A bug or an SDK surprise must not take the upload request down; it is still reported.
    const detail = e instanceof Error ? e.message : String(e);
    return failure(
      input.fileName,
      `the importer failed with an internal error (${detail}); this is a fault of the importer, not necessarily of the file`,
    );
  }
}
