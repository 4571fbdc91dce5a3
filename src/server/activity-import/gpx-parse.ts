/**
 * GPX has no summary fields at all: every number is computed from the track points (see
 * track-summary.ts for the moving-time and heart-rate rules). Each <trk> is one activity.
 */
import { isRunning, normalizeSport, skipReason } from "./sport";
import { implausibleStartWarning, parseXmlTime, toIsoSecond } from "./time";
import { roundMetres, roundSeconds } from "./numbers";
import { summarizeTrack, type TrackPoint } from "./track-summary";
import { ActivityFileError, type FormatParseOutput, type ImportedActivity } from "./types";
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

type TrackResult = { activity?: ImportedActivity; skipped?: FormatParseOutput["skipped"][number]; warnings: string[] };

function trackToActivity(trk: XmlNode, label: string, nowMs: number): TrackResult {
  const segments = children(trk, "trkseg").map((seg) => children(seg, "trkpt").map(toPoint));
  const summary = summarizeTrack(segments);
  if (!summary) return { warnings: [`${label} has no points with a time and was left out`] };
  const typeText = text(trk, "type");
  const sport = typeText ? (STRAVA_TYPE_CODES[typeText] ?? normalizeSport(typeText)) : "running";
  const warnings = typeText ? [] : ["GPX has no sport; assumed running"];
  const startWarning = implausibleStartWarning(summary.startMs, nowMs);
  if (startWarning) warnings.push(startWarning);
  if (!isRunning(sport)) {
    return { skipped: { sport, startTime: toIsoSecond(summary.startMs), reason: skipReason(sport) }, warnings };
  }
  const activity: ImportedActivity = {
    startTime: toIsoSecond(summary.startMs),
    movingTimeS: roundSeconds(summary.movingS),
    elapsedTimeS: roundSeconds(summary.elapsedS),
    distanceM: roundMetres(summary.distanceM),
    avgHeartRate: summary.avgHeartRate,
    sport,
    subSport: null,
    source: "track",
    indoor: !summary.hasPosition,
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
  const results = tracks.map((trk, i) =>
    trackToActivity(trk, tracks.length > 1 ? `track ${i + 1}` : "the track", nowMs),
  );
  const activities = results.flatMap((r) => (r.activity ? [r.activity] : []));
  const skipped = results.flatMap((r) => (r.skipped ? [r.skipped] : []));
  if (activities.length === 0 && skipped.length === 0)
    throw new ActivityFileError("the GPX track has no points with a time");
  const warnings = results.flatMap((r) => r.warnings);
  if (salvaged) warnings.unshift("the file is cut off; read up to the last complete track point");
  return { activities, skipped, warnings };
}
