/** Reading SDK-decoded values defensively: damaged files put anything anywhere. */
import { Utils, type RecordMesg } from "@garmin/fitsdk";
import type { TrackPoint } from "./track-summary";

const SEMICIRCLES_TO_DEGREES = 180 / 2 ** 31;
/** FIT protocol: date_time values below this are seconds since the device powered on, not UTC. */
const FIT_MIN_REAL_DATETIME = 0x10000000;

export function fitMs(value: unknown): number | null {
  return value instanceof Date && Number.isFinite(value.getTime()) ? value.getTime() : null;
}

export function fitNumber(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** Positive numbers only: devices write 0 for "no heart rate", "no distance" in places. */
export function fitPositive(value: unknown): number | null {
  const n = fitNumber(value);
  return n !== null && n > 0 ? n : null;
}

function degrees(semicircles: unknown): number | null {
  const n = fitNumber(semicircles);
  return n === null ? null : n * SEMICIRCLES_TO_DEGREES;
}

export function recordToPoint(r: RecordMesg): TrackPoint {
  return {
    timeMs: fitMs(r.timestamp),
    lat: degrees(r.positionLat),
    lon: degrees(r.positionLong),
    distanceM: fitNumber(r.distance),
    heartRate: fitPositive(r.heartRate),
  };
}

export function isDeviceClock(ms: number): boolean {
  return Utils.convertDateToDateTime(new Date(ms)) < FIT_MIN_REAL_DATETIME;
}
