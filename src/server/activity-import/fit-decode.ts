/**
 * FIT bytes → the SDK's decoded messages plus plain-language warnings about damage.
 * All decoding is done by Garmin's SDK; this file only finds where chained FIT files begin (to check
 * each one's integrity) and turns the SDK's errors into warnings.
 */
import { Decoder, Stream, type FitMessages } from "@garmin/fitsdk";
import { readFitMessages, type FitSegmentBounds } from "./fit-compressed-timestamps";

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

/** SDK errors already explained by the integrity check are not repeated. */
function decodeErrorWarnings(errors: Error[], segments: FitSegment[]): string[] {
  const truncated = segments.some((s) => s.missingBytes > 0);
  const badCrc = segments.some((s) => s.missingBytes === 0 && !s.crcValid);
  return errors.flatMap((e) => {
    if (truncated && /end of stream/.test(e.message)) return [];
    if (badCrc && /CRC error/.test(e.message)) return [];
    const match = /at byte (\d+)\s*(.*)$/.exec(e.message);
    const where = match ? ` at byte ${match[1]}` : "";
    const why = match?.[2] || "unreadable data";
    return [`reading stopped${where} (${why}); everything after that point was skipped`];
  });
}

export function decodeFit(bytes: Uint8Array): FitDecodeResult {
  const { segments, trailingBytes } = listSegments(bytes);
  const last = segments[segments.length - 1];
  // Only hand the SDK the FIT segments: trailing padding would otherwise end in a "not FIT" error.
  const fitBytes = last ? bytes.subarray(0, Math.min(bytes.length, last.dataEnd + CRC_SIZE)) : bytes;
  const read = readFitMessages(
    fitBytes,
    segments,
    segments.map((s) => s.start),
  );
  const warnings = [...integrityWarnings(segments, trailingBytes), ...decodeErrorWarnings(read.errors, segments)];
  return { messages: read.messages, warnings, complete: read.errors.length === 0 };
}
