/**
 * Tiny FIT files for unit tests, encoded in memory with the SDK (the committed fixtures come from
 * scripts/make-activity-fixtures.ts; these cover edge cases that need no file of their own).
 */
import { Encoder, Profile, type Mesg } from "@garmin/fitsdk";

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
