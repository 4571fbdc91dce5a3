/**
 * A walk over a FIT file's records that decodes no field: only record headers and definitions, to
 * know each message's kind and size. It is cheap (a 25 MB file of 5 M records in well under a
 * second), so it runs before the SDK to refuse files with more records than any activity has, and
 * after the SDK stopped early to count what it did not read.
 */
import { Profile } from "@garmin/fitsdk";

export type FitCounts = { records: number; laps: number; sessions: number; messages: number };

export type FitScan = {
  /** Data messages that start at or after `from`. */
  counts: FitCounts;
  /** Where the walk ended: the end of the data, or the first byte that is not a FIT record. */
  end: number;
  /** Why the walk stopped before the end of the data; null when it reached it (or a limit). */
  problem: string | null;
  /** True when it stopped because a limit was passed: `counts` then stops just past the limit. */
  overLimit: boolean;
};

export type ScanOptions = {
  /** Count only messages starting at this offset or later (all definitions are still read). */
  from?: number;
  maxRecords?: number;
  maxMessages?: number;
};

type Segment = { start: number; dataEnd: number };
type Definition = { globalNum: number; size: number };

const COMPRESSED_HEADER = 0x80;
const DEFINITION_HEADER = 0x40;
const DEVELOPER_DATA_FLAG = 0x20;
const FIELD_DEFINITION_BYTES = 3;
const DEFINITION_FIXED_BYTES = 6;

const RECORD = Profile.MesgNum.RECORD;
const LAP = Profile.MesgNum.LAP;
const SESSION = Profile.MesgNum.SESSION;

/** Size of a definition record and the data messages it defines; null when it does not fit. */
function readDefinition(bytes: Uint8Array, pos: number, end: number): { length: number; def: Definition } | null {
  if (pos + DEFINITION_FIXED_BYTES > end) return null;
  const header = bytes[pos] ?? 0;
  const bigEndian = bytes[pos + 2] === 1;
  const lo = bytes[pos + 3] ?? 0;
  const hi = bytes[pos + 4] ?? 0;
  const globalNum = bigEndian ? (lo << 8) | hi : (hi << 8) | lo;
  let p = pos + DEFINITION_FIXED_BYTES;
  let size = 0;
  const fieldGroups = (header & DEVELOPER_DATA_FLAG) !== 0 ? 2 : 1;
  for (let group = 0; group < fieldGroups; group++) {
    const count = group === 0 ? (bytes[pos + 5] ?? 0) : (bytes[p++] ?? 0);
    if (p + count * FIELD_DEFINITION_BYTES > end) return null;
    for (let i = 0; i < count; i++) size += bytes[p + i * FIELD_DEFINITION_BYTES + 1] ?? 0;
    p += count * FIELD_DEFINITION_BYTES;
  }
  return p > end ? null : { length: p - pos, def: { globalNum, size } };
}

export function scanFit(bytes: Uint8Array, segments: Segment[], options: ScanOptions = {}): FitScan {
  const from = options.from ?? 0;
  const maxRecords = options.maxRecords ?? Infinity;
  const maxMessages = options.maxMessages ?? Infinity;
  const counts: FitCounts = { records: 0, laps: 0, sessions: 0, messages: 0 };
  let pos = 0;
  for (const segment of segments) {
    const definitions: Array<Definition | undefined> = [];
    const end = Math.min(segment.dataEnd, bytes.length);
    pos = segment.start + (bytes[segment.start] ?? 0);
    while (pos < end) {
      const header = bytes[pos] ?? 0;
      if ((header & COMPRESSED_HEADER) === 0 && (header & DEFINITION_HEADER) !== 0) {
        const read = readDefinition(bytes, pos, end);
        if (!read) return { counts, end: pos, problem: "a message definition is cut off", overLimit: false };
        definitions[header & 0x0f] = read.def;
        pos += read.length;
        continue;
      }
      const local = (header & COMPRESSED_HEADER) !== 0 ? (header >> 5) & 0x03 : header & 0x0f;
      const def = definitions[local];
      if (!def) {
        const problem = `a record refers to local message type ${local}, which no definition before it set up`;
        return { counts, end: pos, problem, overLimit: false };
      }
      if (pos + 1 + def.size > end)
        return { counts, end: pos, problem: "the last message is cut off", overLimit: false };
      if (pos >= from) {
        counts.messages++;
        if (def.globalNum === RECORD) counts.records++;
        else if (def.globalNum === LAP) counts.laps++;
        else if (def.globalNum === SESSION) counts.sessions++;
        if (counts.records > maxRecords || counts.messages > maxMessages) {
          return { counts, end: pos, problem: null, overLimit: true };
        }
      }
      pos += 1 + def.size;
    }
  }
  return { counts, end: pos, problem: null, overLimit: false };
}
