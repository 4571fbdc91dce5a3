/**
 * Garmin's JavaScript FIT SDK stops at the first "compressed timestamp" record ("compressed
 * timestamp messages are not currently supported"). Older devices (Forerunner 60/70/405 with a foot
 * pod) write every record that way, so without help the SDK loses all records, and any summary
 * written after them.
 *
 * The work-around keeps all field decoding in the SDK. A compressed record is an ordinary data
 * message whose 1-byte header also carries the local message number (bits 5-6) and a 5-bit time
 * offset; rewriting that byte to a normal data header (just the local message number) leaves a
 * message the SDK reads. Its size comes from the SDK's own definitions (mesgDefinitionListener), so
 * no definition is parsed here; when the walk reaches a definition record the SDK decodes again from
 * the start with the headers patched so far. The timestamp the header carried is then rebuilt from
 * the last full timestamp, as the FIT protocol specifies, and set on the decoded message.
 */
import {
  CrcCalculator,
  Decoder,
  Stream,
  Utils,
  type FitMessages,
  type Mesg,
  type MesgDefinition,
} from "@garmin/fitsdk";

export type FitSegmentBounds = {
  /** Offset of the first byte after the data records (where the file CRC sits). */
  dataEnd: number;
  /** Whether the segment's CRC was valid before patching, so it should be rewritten to stay valid. */
  crcValid: boolean;
};

export type FitReadResult = {
  messages: FitMessages;
  errors: Error[];
  /** Offset just past the last record the SDK read whole: where reading stopped when it failed. */
  readUpTo: number;
};

const COMPRESSED_HEADER = 0x80;
const DEFINITION_HEADER = 0x40;
const COMPRESSED_ERROR = /at byte (\d+) compressed timestamp/;
/**
 * Every pass decodes the whole file again; cap the total so a hostile file cannot keep the server
 * busy (the SDK decodes ~4 MB/s). Real files need a handful of passes: the 6 KB Forerunner 70 file
 * in the check set needs 4.
 */
const MAX_BYTES_DECODED = 32 * 1024 * 1024;

type Definitions = Array<MesgDefinition | undefined>;
/** End offset of each patched record → the 5-bit time offset its header carried. */
type Patched = Map<number, number>;

function fitSeconds(value: unknown): number | null {
  return value instanceof Date ? Utils.convertDateToDateTime(value) : null;
}

/** FIT protocol: the offset replaces the low 5 bits of the last timestamp, rolling over forwards. */
function expandTimestamp(last: number, offset: number): number {
  const low = last % 32;
  return last - low + offset + (offset < low ? 32 : 0);
}

function decodeOnce(work: Uint8Array, patched: Patched) {
  const stream = Stream.fromBuffer(work);
  const definitions: Definitions = [];
  let lastTimestamp: number | null = null;
  let readUpTo = 0;
  const onMesg = (_num: number, decoded: Mesg) => {
    readUpTo = stream.position;
    // The listener gets the very object the SDK returns, so setting a field here sticks.
    const mesg = decoded as Record<string, unknown>;
    const offset = patched.get(stream.position);
    if (offset !== undefined && lastTimestamp !== null && mesg.timestamp === undefined) {
      lastTimestamp = expandTimestamp(lastTimestamp, offset);
      mesg.timestamp = Utils.convertDateTimeToDate(lastTimestamp);
      return;
    }
    lastTimestamp = fitSeconds(mesg.timestamp) ?? lastTimestamp;
  };
  const { messages, errors } = new Decoder(stream).read({
    mesgListener: onMesg,
    mesgDefinitionListener: (d) => {
      definitions[d.localMesgNum] = d;
      readUpTo = stream.position;
    },
  });
  return { messages, errors, definitions, readUpTo };
}

function compressedErrorAt(errors: Error[]): number | null {
  for (const e of errors) {
    const match = COMPRESSED_ERROR.exec(e.message);
    if (match?.[1]) return Number(match[1]);
  }
  return null;
}

/** Rewrites consecutive data-message headers from `pos` until a definition record. */
function patchRun(work: Uint8Array, pos: number, dataEnd: number, definitions: Definitions, patched: Patched): number {
  let count = 0;
  let p = pos;
  while (p < dataEnd) {
    const header = work[p] ?? 0;
    const compressed = (header & COMPRESSED_HEADER) !== 0;
    if (!compressed && (header & DEFINITION_HEADER) !== 0) break;
    const local = compressed ? (header >> 5) & 0x03 : header & 0x0f;
    const def = definitions[local];
    if (!def) break;
    const end = p + 1 + def.messageSize + def.developerDataSize;
    if (compressed) {
      work[p] = local;
      patched.set(end, header & 0x1f);
      count++;
    }
    p = end;
  }
  return count;
}

function rewriteCrcs(work: Uint8Array, segments: FitSegmentBounds[], segmentStarts: number[]): void {
  segments.forEach((segment, i) => {
    if (!segment.crcValid) return;
    const crc = CrcCalculator.calculateCRC(work, segmentStarts[i] ?? 0, segment.dataEnd);
    work[segment.dataEnd] = crc & 0xff;
    work[segment.dataEnd + 1] = crc >> 8;
  });
}

/**
 * Reads all messages with the SDK, patching compressed-timestamp headers as needed.
 * `segmentStarts[i]` is where chained FIT file i begins (its CRC covers from there).
 */
export function readFitMessages(
  bytes: Uint8Array,
  segments: FitSegmentBounds[],
  segmentStarts: number[],
): FitReadResult {
  const maxPasses = Math.max(1, Math.floor(MAX_BYTES_DECODED / Math.max(1, bytes.length)));
  const patched: Patched = new Map();
  let work: Uint8Array | null = null;
  for (let pass = 0; ; pass++) {
    const result = decodeOnce(work ?? bytes, patched);
    const pos = compressedErrorAt(result.errors);
    const segment = segments.find((s) => pos !== null && pos < s.dataEnd);
    if (pos === null || !segment || pass >= maxPasses) {
      return { messages: result.messages, errors: result.errors, readUpTo: result.readUpTo };
    }
    work ??= Uint8Array.from(bytes);
    if (patchRun(work, pos, segment.dataEnd, result.definitions, patched) === 0) {
      return { messages: result.messages, errors: result.errors, readUpTo: result.readUpTo };
    }
    rewriteCrcs(work, segments, segmentStarts);
  }
}
