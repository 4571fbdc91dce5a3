/**
 * FIT bytes → the SDK's decoded messages plus plain-language warnings about damage.
 * All decoding is done by Garmin's SDK; this file only finds where chained FIT files begin (to check
 * each one's integrity) and turns the SDK's errors into warnings.
 */
import { CrcCalculator, Decoder, Stream, type FitMessages } from "@garmin/fitsdk";
import { readFitMessages, type FitSegmentBounds } from "./fit-compressed-timestamps";
import { scanFit, type FitCounts } from "./fit-structure";
import { grouped, MAX_FIT_MESSAGES, MAX_POINTS } from "./limits";
import { ActivityFileError } from "./types";

const CRC_SIZE = 2;
// isFIT needs the header plus room for a CRC before it says yes.
const HEADER_PROBE_BYTES = 16;

type FitSegment = FitSegmentBounds & {
  start: number;
  /** How many bytes the header promises beyond the end of the upload (0 when complete). */
  missingBytes: number;
};

export type FitDecodeResult = {
  messages: FitMessages;
  warnings: string[];
  /** True when the SDK read every byte without error. */
  complete: boolean;
};

export function isFitAt(bytes: Uint8Array, pos: number): boolean {
  return Decoder.isFIT(Stream.fromBuffer(bytes.subarray(pos, pos + HEADER_PROBE_BYTES)));
}

/** The data size the header promises: a little-endian uint32 at offset 4 of the header. */
function readDataSize(bytes: Uint8Array, pos: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset + pos + 4, 4).getUint32(0, true);
}

function crcValid(bytes: Uint8Array, start: number, end: number): boolean {
  return new Decoder(Stream.fromBuffer(bytes.subarray(start, end))).checkIntegrity();
}

/**
 * Devices sometimes write several FIT files back to back in one upload (a triathlon watch adding
 * the heart-rate strap's stored data). Each has its own header and CRC.
 */
function listSegments(bytes: Uint8Array): { segments: FitSegment[]; trailingBytes: number } {
  const segments: FitSegment[] = [];
  let pos = 0;
  while (pos < bytes.length && isFitAt(bytes, pos)) {
    const headerSize = bytes[pos] ?? 0;
    const dataEnd = pos + headerSize + readDataSize(bytes, pos);
    const declaredEnd = dataEnd + CRC_SIZE;
    const missingBytes = Math.max(0, declaredEnd - bytes.length);
    segments.push({
      start: pos,
      dataEnd,
      missingBytes,
      crcValid: missingBytes === 0 && crcValid(bytes, pos, declaredEnd),
    });
    pos = declaredEnd;
  }
  return { segments, trailingBytes: Math.max(0, bytes.length - pos) };
}

function integrityWarnings(segments: FitSegment[], trailingBytes: number): string[] {
  const label = (i: number) => (segments.length > 1 ? `FIT file ${i + 1} of ${segments.length} in this upload: ` : "");
  const warnings = segments.flatMap((s, i) => {
    if (s.missingBytes > 0) {
      return [
        `${label(i)}the file is truncated: ${s.missingBytes} bytes shorter than its header says (its end and CRC are missing)`,
      ];
    }
    return s.crcValid ? [] : [`${label(i)}the file is damaged: its CRC check failed`];
  });
  if (trailingBytes > 0) warnings.push(`${trailingBytes} bytes after the end of the FIT data were ignored`);
  return warnings;
}

/** "4,043 records, 11 laps and 5 sessions"; null when none of the three. */
function countsText(counts: FitCounts): string | null {
  const parts = (
    [
      [counts.records, "record"],
      [counts.laps, "lap"],
      [counts.sessions, "session"],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, noun]) => `${grouped(n)} ${noun}${n === 1 ? "" : "s"}`);
  if (parts.length === 0) return null;
  return parts.length === 1 ? (parts[0] ?? null) : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** What reading lost: the records, laps and sessions after `from`, and the bytes no walk could read. */
function unreadText(bytes: Uint8Array, segments: FitSegment[], from: number): string {
  const after = scanFit(bytes, segments, { from });
  const counted = countsText(after.counts);
  const dataEnd = Math.min(bytes.length, segments[segments.length - 1]?.dataEnd ?? bytes.length);
  const leftBytes = Math.max(0, dataEnd - Math.max(from, after.end));
  const share = dataEnd > 0 ? ` (${Math.round((leftBytes / dataEnd) * 100)} % of the file)` : "";
  const rest = leftBytes > 0 && after.problem ? `${grouped(leftBytes)} bytes${share}` : null;
  if (counted && rest) return `${counted} after that point, and the last ${rest}, could not be read`;
  if (counted) return `${counted} after that point could not be read`;
  if (rest) return `the remaining ${rest} could not be read`;
  if (after.counts.messages > 0) {
    return `${grouped(after.counts.messages)} messages after that point (no records, laps or sessions) could not be read`;
  }
  return "nothing after that point was lost";
}

/**
 * Says what stopped the SDK and what was lost. The SDK's own "FIT Runtime Error" means the data
 * broke the format; anything else (a TypeError…) is a fault of the decoder, and the file may well be
 * valid: the message must not call it unreadable. Truncation and CRC damage are already explained by
 * the integrity warnings.
 */
export function decodeStopWarnings(bytes: Uint8Array, errors: Error[], readUpTo: number): string[] {
  if (errors.length === 0) return [];
  const { segments } = listSegments(bytes);
  const truncated = segments.some((s) => s.missingBytes > 0);
  return errors.flatMap((e) => {
    if (truncated && /end of stream/.test(e.message)) return [];
    const at = `at byte ${grouped(readUpTo)} of ${grouped(bytes.length)}`;
    const lost = unreadText(bytes, segments, readUpTo);
    if (!/^FIT Runtime Error/.test(e.message)) {
      const fault = `${e.name}: ${e.message}`;
      return [
        `Garmin's FIT decoder failed ${at} with an internal error (${fault}); this is a fault of the decoder, not necessarily of the file: ${lost}`,
      ];
    }
    const walk = scanFit(bytes, segments);
    const problem = walk.end === readUpTo ? walk.problem : null;
    const detail = /at byte \d+\s*(.+)$/.exec(e.message)?.[1];
    const why = problem ?? (detail ? `the SDK says "${detail}"` : "its data does not follow the FIT format there");
    return [`reading stopped ${at}: ${why}; ${lost}`];
  });
}

/** Refuses, before any decoding, a file with more records or messages than any activity has. */
function assertWithinLimits(bytes: Uint8Array, segments: FitSegment[]): void {
  const scan = scanFit(bytes, segments, { maxRecords: MAX_POINTS, maxMessages: MAX_FIT_MESSAGES });
  if (!scan.overLimit) return;
  if (scan.counts.records > MAX_POINTS) {
    throw new ActivityFileError(
      `it holds more than ${grouped(MAX_POINTS)} records (about ${Math.round(MAX_POINTS / 3600)} hours at one a second), more than any single activity; it was not read`,
    );
  }
  throw new ActivityFileError(
    `it holds more than ${grouped(MAX_FIT_MESSAGES)} messages, more than any single activity; it was not read`,
  );
}

/**
 * The SDK stops at a CRC mismatch, which would lose every chained file after a damaged one. The
 * damage is reported by the integrity check, so the decoder is given a copy with the CRC corrected.
 */
function withCrcsCorrected(bytes: Uint8Array, segments: FitSegment[]): { bytes: Uint8Array; segments: FitSegment[] } {
  const damaged = segments.filter((s) => s.missingBytes === 0 && !s.crcValid);
  if (damaged.length === 0) return { bytes, segments };
  const copy = Uint8Array.from(bytes);
  for (const s of damaged) {
    const crc = CrcCalculator.calculateCRC(copy, s.start, s.dataEnd);
    copy[s.dataEnd] = crc & 0xff;
    copy[s.dataEnd + 1] = crc >> 8;
  }
  return { bytes: copy, segments: segments.map((s) => (s.missingBytes === 0 ? { ...s, crcValid: true } : s)) };
}

export function decodeFit(bytes: Uint8Array): FitDecodeResult {
  const { segments, trailingBytes } = listSegments(bytes);
  assertWithinLimits(bytes, segments);
  const last = segments[segments.length - 1];
  // Only hand the SDK the FIT segments: trailing padding would otherwise end in a "not FIT" error.
  const fitBytes = last ? bytes.subarray(0, Math.min(bytes.length, last.dataEnd + CRC_SIZE)) : bytes;
  const corrected = withCrcsCorrected(fitBytes, segments);
  const read = readFitMessages(
    corrected.bytes,
    corrected.segments,
    segments.map((s) => s.start),
  );
  const warnings = [
    ...integrityWarnings(segments, trailingBytes),
    ...decodeStopWarnings(fitBytes, read.errors, read.readUpTo),
  ];
  return { messages: read.messages, warnings, complete: read.errors.length === 0 };
}
