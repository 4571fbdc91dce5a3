/**
 * GPX has no summary fields at all: every number is computed from the track points (see
 * track-summary.ts for the moving-time and heart-rate rules). Tracks (<trk>) of one outing make one
 * run; an outing too short to be a run is listed as skipped, not drafted.
 */
import { isRunning, normalizeSport, skipReason } from "./sport";
import { implausibleStartWarning, parseXmlTime, toIsoSecond } from "./time";
import { roundMetres, roundSeconds } from "./numbers";
import { summarizeTrack, type TrackPoint } from "./track-summary";
import { ActivityFileError, type ImportedActivity, type FormatParseOutput, type SkippedPart } from "./types";
import { child, children, decodeText, isNode, numberAt, parseXml, text, type XmlNode } from "./xml";

/** Strava's GPX export writes its numeric activity type instead of a name: 9 = Run, 1 = Ride. */
const STRAVA_TYPE_CODES: Record<string, string> = { "9": "running", "1": "cycling" };
/** Heart-rate element names used by Garmin (gpxtpx:hr), Garmin-as-ns3, and Cluetrust (gpxdata:hr). */
const HR_NAMES = new Set(["hr", "heartrate", "heart_rate"]);
const MAX_EXTENSION_DEPTH = 4;

function findHeartRate(node: unknown, depth = 0): number | null {
  if (!isNode(node) || depth > MAX_EXTENSION_DEPTH) return null;
  for (const [key, value] of Object.entries(node)) {
    if (HR_NAMES.has(key.toLowerCase())) {
      const hr = numberAt(node, key);
      if (hr !== null && hr > 0) return hr;
    } else if (isNode(value)) {
      const nested = findHeartRate(value, depth + 1);
      if (nested !== null) return nested;
    }
  }
  return null;
}

function toPoint(trkpt: XmlNode): TrackPoint {
  return {
    timeMs: parseXmlTime(text(trkpt, "time")),
    lat: numberAt(trkpt, "@_lat"),
    lon: numberAt(trkpt, "@_lon"),
    distanceM: null,
    heartRate: findHeartRate(child(trkpt, "extensions")),
  };
}

/**
 * Tracks closer than this belong to one outing. Loggers start a new <trk> after every pause or
 * signal loss (one real lake walk has 8), but a morning and an evening run are hours apart.
 */
export const OUTING_GAP_S = 3600;
/** An outing under a minute or 100 m is a fragment (an accidental start), listed but not drafted. */
export const MIN_RUN_S = 60;
export const MIN_RUN_M = 100;

type Track = {
  number: number;
  sport: string;
  typed: boolean;
  segments: TrackPoint[][];
  startMs: number;
  endMs: number;
};
type Outing = { sport: string; tracks: Track[] };
type OutingResult = { activity?: ImportedActivity; skipped?: SkippedPart; warnings: string[] };

function readTrack(trk: XmlNode, number: number): Track | null {
  const segments = children(trk, "trkseg").map((seg) => children(seg, "trkpt").map(toPoint));
  const summary = summarizeTrack(segments);
  if (!summary) return null;
  const typeText = text(trk, "type");
  const sport = typeText ? (STRAVA_TYPE_CODES[typeText] ?? normalizeSport(typeText)) : "running";
  return { number, sport, typed: typeText !== null, segments, startMs: summary.startMs, endMs: summary.endMs };
}

/** Tracks in time order, joined while the sport stays the same and the gap stays under OUTING_GAP_S. */
function groupOutings(tracks: Track[]): Outing[] {
  const outings: Outing[] = [];
  let endMs = -Infinity;
  for (const track of [...tracks].sort((a, b) => a.startMs - b.startMs)) {
    const current = outings[outings.length - 1];
    if (current && current.sport === track.sport && track.startMs - endMs <= OUTING_GAP_S * 1000) {
      current.tracks.push(track);
    } else {
      outings.push({ sport: track.sport, tracks: [track] });
    }
    endMs = Math.max(endMs, track.endMs);
  }
  return outings;
}

function roundedForPeople(seconds: number, metres: number | null): string {
  const time = `${Math.round(seconds)} s`;
  return metres === null ? time : `${time} and ${Math.round(metres)} m`;
}

function outingResult(outing: Outing, nowMs: number): OutingResult | null {
  const summary = summarizeTrack(outing.tracks.flatMap((t) => t.segments));
  if (!summary) return null;
  const startTime = toIsoSecond(summary.startMs);
  const warnings: string[] = [];
  const startWarning = implausibleStartWarning(summary.startMs, nowMs);
  if (startWarning) warnings.push(startWarning);
  const { sport } = outing;
  if (!isRunning(sport)) return { skipped: { sport, label: sport, startTime, reason: skipReason(sport) }, warnings };
  const size = roundedForPeople(summary.movingS, summary.distanceM);
  if (summary.movingS < MIN_RUN_S || (summary.distanceM !== null && summary.distanceM < MIN_RUN_M)) {
    const reason = `${size} of movement, under ${MIN_RUN_S} s or ${MIN_RUN_M} m: a fragment, not drafted as a run`;
    return { skipped: { sport, label: `a fragment of ${size}`, startTime, reason }, warnings };
  }
  if (outing.tracks.length > 1) {
    const numbers = outing.tracks.map((t) => t.number).join(", ");
    warnings.push(
      `tracks ${numbers} are one outing (less than ${OUTING_GAP_S / 60} minutes apart), read as one run; the time between them is not moving time`,
    );
  }
  const activity: ImportedActivity = {
    startTime,
    movingTimeS: roundSeconds(summary.movingS),
    elapsedTimeS: roundSeconds(summary.elapsedS),
    distanceM: roundMetres(summary.distanceM),
    avgHeartRate: summary.avgHeartRate,
    sport,
    subSport: null,
    source: "track",
    indoor: !summary.hasPosition,
    // GPX has no laps.
    laps: [],
  };
  return { activity, warnings };
}

export function parseGpx(bytes: Uint8Array, nowMs: number): FormatParseOutput {
  const { doc, salvaged } = parseXml(decodeText(bytes), "trkpt", "</trkseg></trk></gpx>");
  // An empty <gpx></gpx> parses to "", which is still a GPX file, just without a track.
  if (!("gpx" in doc)) throw new ActivityFileError("it has no <gpx> element");
  const gpx = child(doc, "gpx");
  const tracks = children(gpx, "trk");
  if (tracks.length === 0)
    throw new ActivityFileError("the GPX has no track (<trk>); routes and waypoints are not activities");
  const read = tracks.map((trk, i) => ({ number: i + 1, track: readTrack(trk, i + 1) }));
  const label = (n: number) => (tracks.length > 1 ? `track ${n}` : "the track");
  const untimed = read
    .filter((r) => r.track === null)
    .map((r) => `${label(r.number)} has no points with a time and was left out`);
  const timed = read.flatMap((r) => (r.track ? [r.track] : []));
  const results = groupOutings(timed).flatMap((o) => outingResult(o, nowMs) ?? []);
  const activities = results.flatMap((r) => (r.activity ? [r.activity] : []));
  const skipped = results.flatMap((r) => (r.skipped ? [r.skipped] : []));
  if (activities.length === 0 && skipped.length === 0)
    throw new ActivityFileError("the GPX track has no points with a time");
  const untyped = timed.some((t) => !t.typed) ? ["GPX has no sport; assumed running"] : [];
  const warnings = [...untimed, ...untyped, ...results.flatMap((r) => r.warnings)];
  if (salvaged) warnings.unshift("the file is cut off; read up to the last complete track point");
  return { activities, skipped, warnings };
}
