/**
 * Tiny FIT files for unit tests, encoded in memory with the SDK (the committed fixtures come from
 * scripts/make-activity-fixtures.ts; these cover edge cases that need no file of their own).
 */
import { CrcCalculator, Encoder, Profile, type Mesg } from "@garmin/fitsdk";

export type TestMesg = [
  name: "FILE_ID" | "SPORT" | "EVENT" | "RECORD" | "LAP" | "SESSION" | "ACTIVITY",
  fields: Record<string, unknown>,
];

export function encodeTestFit(mesgs: TestMesg[]): Uint8Array {
  const encoder = new Encoder();
  for (const [name, fields] of mesgs) {
    const num = Profile.MesgNum[name];
    if (num === undefined) throw new Error(`unknown FIT message ${name}`);
    encoder.onMesg(num, fields as Mesg);
  }
  return encoder.close();
}

export const at = (iso: string, plusS = 0): Date => new Date(Date.parse(iso) + plusS * 1000);

export const activityFileId = (iso: string): TestMesg => [
  "FILE_ID",
  { type: "activity", manufacturer: "development", product: 1, serialNumber: 1, timeCreated: at(iso) },
];

/** Records every `everyS` seconds at `speed` m/s with a fixed heart rate, with GPS positions. */
export function testRecords(
  iso: string,
  seconds: number,
  everyS: number,
  speed: number,
  heartRate: number,
): TestMesg[] {
  const list: TestMesg[] = [];
  for (let t = 0; t <= seconds; t += everyS) {
    const lat = 52 + (t * speed) / 111_195;
    list.push([
      "RECORD",
      {
        timestamp: at(iso, t),
        distance: t * speed,
        heartRate,
        positionLat: Math.round((lat * 2 ** 31) / 180),
        positionLong: 59652324,
      },
    ]);
  }
  return list;
}

const FIT_CRC_BYTES = 2;
/** Record header, then a 4-byte timestamp: the smallest record a device writes. */
const TIMESTAMP_RECORD_BYTES = 5;

/**
 * A FIT activity of `count` timestamp-only records, one a second, built in well under a second: the
 * SDK encodes the file id and the first record; that record's bytes are repeated with rising
 * timestamps, then the header's data size and both CRCs are set. (Encoding millions of messages one
 * by one with the SDK takes minutes.) 5,000,000 records make a 25,000,060-byte file.
 */
export function manyRecordsFit(count: number, iso = "2024-01-01T00:00:00Z"): Uint8Array {
  const base = encodeTestFit([activityFileId(iso), ["RECORD", { timestamp: at(iso) }]]);
  const body = base.subarray(0, base.length - FIT_CRC_BYTES);
  const firstRecord = body.length - TIMESTAMP_RECORD_BYTES;
  const out = new Uint8Array(body.length + (count - 1) * TIMESTAMP_RECORD_BYTES + FIT_CRC_BYTES);
  out.set(body);
  const view = new DataView(out.buffer);
  const firstTimestamp = view.getUint32(firstRecord + 1, true);
  for (let i = 1; i < count; i++) {
    const offset = body.length + (i - 1) * TIMESTAMP_RECORD_BYTES;
    out[offset] = out[firstRecord] ?? 0;
    view.setUint32(offset + 1, firstTimestamp + i, true);
  }
  const headerSize = out[0] ?? 14;
  view.setUint32(4, out.length - headerSize - FIT_CRC_BYTES, true);
  if (headerSize === 14) view.setUint16(12, CrcCalculator.calculateCRC(out, 0, 12), true);
  view.setUint16(out.length - FIT_CRC_BYTES, CrcCalculator.calculateCRC(out, 0, out.length - FIT_CRC_BYTES), true);
  return out;
}
