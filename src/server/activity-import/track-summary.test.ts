import { describe, expect, it } from "vitest";
import { haversineM, summarizeTrack, type TrackPoint } from "./track-summary";

const T0 = Date.parse("2024-01-01T08:00:00Z");
const M_PER_DEG_LAT = 111_195.08; // π·R/180 with the mean Earth radius

/** A point `s` seconds after T0, `metres` north of 52°N 5°E. */
function pt(s: number, metres: number, heartRate: number | null = null): TrackPoint {
  return { timeMs: T0 + s * 1000, lat: 52 + metres / M_PER_DEG_LAT, lon: 5, distanceM: null, heartRate };
}

describe("haversineM", () => {
  it("one degree of latitude is ~111.2 km", () => {
    expect(haversineM(0, 0, 1, 0)).toBeCloseTo(M_PER_DEG_LAT, 0);
  });
  it("zero for the same point", () => {
    expect(haversineM(52, 5, 52, 5)).toBe(0);
  });
});

describe("summarizeTrack", () => {
  it("null without any timed point", () => {
    expect(summarizeTrack([[{ timeMs: null, lat: 1, lon: 1, distanceM: null, heartRate: null }]])).toBeNull();
    expect(summarizeTrack([])).toBeNull();
  });

  it("standing still is elapsed but not moving time", () => {
    const s = summarizeTrack([[pt(0, 0), pt(10, 30), pt(20, 60), pt(30, 60), pt(40, 60), pt(50, 90)]]);
    expect(s?.elapsedS).toBe(50);
    expect(s?.movingS).toBe(30);
    expect(s?.distanceM).toBeCloseTo(90, 1);
  });

  it("a gap over 60 s counts as a pause even when the position moved", () => {
    const s = summarizeTrack([[pt(0, 0), pt(10, 30), pt(100, 300), pt(110, 330)]]);
    expect(s?.movingS).toBe(20);
    expect(s?.elapsedS).toBe(110);
    expect(s?.distanceM).toBeCloseTo(330, 1);
  });

  it("sums distance over segments but not across the gap between them", () => {
    const s = summarizeTrack([
      [pt(0, 0), pt(10, 30)],
      [pt(70, 500), pt(80, 530)],
    ]);
    expect(s?.distanceM).toBeCloseTo(60, 1);
    expect(s?.movingS).toBe(20);
    expect(s?.elapsedS).toBe(80);
  });

  it("prefers the device's cumulative distance and ignores counter resets", () => {
    const points = [0, 100, 200, 0, 50].map((d, i) => ({ ...pt(i * 30, 0), distanceM: d }));
    const s = summarizeTrack([points]);
    expect(s?.distanceM).toBe(250);
    expect(s?.hasPosition).toBe(true);
  });

  it("without distance or position the time between close points counts as moving", () => {
    const points = [0, 5, 10, 200].map((t) => ({
      timeMs: T0 + t * 1000,
      lat: null,
      lon: null,
      distanceM: null,
      heartRate: 120,
    }));
    const s = summarizeTrack([points]);
    expect(s?.distanceM).toBeNull();
    expect(s?.movingS).toBe(10);
    expect(s?.hasPosition).toBe(false);
  });

  it("heart rate is averaged over time, a sample counting at most 10 s", () => {
    // 100 bpm for 60 s in 1 s samples, then one 160 bpm sample followed by a 5-minute gap.
    const points = [...Array.from({ length: 60 }, (_, i) => pt(i, i * 3, 100)), pt(60, 180, 160), pt(360, 180, 160)];
    const s = summarizeTrack([points]);
    // 100·60 + 160·10 + 160·1 over 71 s
    expect(s?.avgHeartRate).toBe(Math.round((6000 + 1600 + 160) / 71));
  });

  it("no heart rate samples → null", () => {
    expect(summarizeTrack([[pt(0, 0), pt(10, 30)]])?.avgHeartRate).toBeNull();
  });
});
