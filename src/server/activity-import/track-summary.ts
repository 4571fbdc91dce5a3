/**
 * Totals computed from track points, for files with no device summary (GPX, FIT without sessions or
 * laps, TCX without lap totals). The device's own summary is always preferred where it exists.
 */

export type TrackPoint = {
  timeMs: number | null;
  lat: number | null;
  lon: number | null;
  /** Cumulative distance written by the device (FIT record, TCX trackpoint), if any. */
  distanceM: number | null;
  heartRate: number | null;
};

export type TrackSummary = {
  startMs: number;
  endMs: number;
  elapsedS: number;
  movingS: number;
  distanceM: number | null;
  avgHeartRate: number | null;
  hasPosition: boolean;
};

/**
 * 0.5 m/s (1.8 km/h) is far below any walking pace, yet above the drift of a standing GPS over one
 * second; anything slower between two points is a stop (traffic light, tying a shoe).
 */
export const MIN_MOVING_SPEED_MPS = 0.5;
/**
 * A gap longer than a minute between points means the recorder was paused (auto-pause writes no
 * points) or lost the signal; counting it as moving would inflate moving time, so it is left out.
 * Smart recording spaces points up to ~10 s apart, well inside this limit.
 */
export const MAX_MOVING_GAP_S = 60;
/**
 * Heart rate is averaged over time, not per sample, so a burst of samples during a stop does not
 * skew it; each sample counts for at most 10 s so a pause without samples does not either.
 */
const HR_MAX_WEIGHT_S = 10;
const EARTH_RADIUS_M = 6_371_008.8;

export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

function hasPosition(p: TrackPoint): p is TrackPoint & { lat: number; lon: number } {
  return p.lat !== null && p.lon !== null;
}

/**
 * Distance travelled up to each point of a segment. Uses the device's cumulative distance when the
 * segment has one (foot pods and wheel sensors beat GPS), else the haversine sum of positions.
 * Only forward steps count, so a distance counter reset mid-file does not subtract.
 * Null when the segment carries neither.
 */
function odometer(points: TrackPoint[]): number[] | null {
  const useDevice = points.some((p) => p.distanceM !== null);
  if (!useDevice && !points.some(hasPosition)) return null;
  const result: number[] = [];
  let total = 0;
  let last: TrackPoint | null = null;
  for (const p of points) {
    if (useDevice && p.distanceM !== null) {
      if (last?.distanceM != null) total += Math.max(0, p.distanceM - last.distanceM);
      last = p;
    } else if (!useDevice && hasPosition(p)) {
      if (last && hasPosition(last)) total += haversineM(last.lat, last.lon, p.lat, p.lon);
      last = p;
    }
    result.push(total);
  }
  return result;
}

/** Seconds between consecutive timed points that look like movement (see the constants above). */
function movingSeconds(points: TrackPoint[], odo: number[] | null): number {
  let moving = 0;
  let prev: number | null = null;
  points.forEach((p, i) => {
    if (p.timeMs === null) return;
    if (prev !== null) {
      const before = points[prev];
      const dt = before?.timeMs != null ? (p.timeMs - before.timeMs) / 1000 : 0;
      // Without any distance information a still runner cannot be told apart: count the time.
      const dd = odo ? (odo[i] ?? 0) - (odo[prev] ?? 0) : Infinity;
      if (dt > 0 && dt <= MAX_MOVING_GAP_S && dd / dt >= MIN_MOVING_SPEED_MPS) moving += dt;
    }
    prev = i;
  });
  return moving;
}

function timeWeightedHeartRate(points: TrackPoint[]): number | null {
  const samples = points
    .filter(
      (p): p is TrackPoint & { timeMs: number; heartRate: number } =>
        p.timeMs !== null && p.heartRate !== null && p.heartRate > 0,
    )
    .sort((a, b) => a.timeMs - b.timeMs);
  if (samples.length === 0) return null;
  let weighted = 0;
  let weights = 0;
  samples.forEach((s, i) => {
    const next = samples[i + 1];
    const w = next ? Math.min((next.timeMs - s.timeMs) / 1000, HR_MAX_WEIGHT_S) : 1;
    weighted += w * s.heartRate;
    weights += w;
  });
  return weights > 0 ? Math.round(weighted / weights) : null;
}

/** Sums distance and moving time over segments; elapsed runs from the first to the last point. */
export function summarizeTrack(segments: TrackPoint[][]): TrackSummary | null {
  const all = segments.flat();
  const times = all.map((p) => p.timeMs).filter((t): t is number => t !== null);
  if (times.length === 0) return null;
  // reduce, not Math.min(...times): a long run has more points than the call stack takes arguments.
  const startMs = times.reduce((a, b) => Math.min(a, b));
  const endMs = times.reduce((a, b) => Math.max(a, b));
  let distance: number | null = null;
  let moving = 0;
  for (const segment of segments) {
    const odo = odometer(segment);
    if (odo) distance = (distance ?? 0) + (odo[odo.length - 1] ?? 0);
    moving += movingSeconds(segment, odo);
  }
  return {
    startMs,
    endMs,
    elapsedS: (endMs - startMs) / 1000,
    movingS: moving,
    distanceM: distance,
    avgHeartRate: timeWeightedHeartRate(all),
    hasPosition: all.some(hasPosition),
  };
}
