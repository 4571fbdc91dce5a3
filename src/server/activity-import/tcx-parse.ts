/**
 * TCX: the numbers come from the laps (the device's own totals); track points only fill in what the
 * laps leave out and give the end time. Multisport TCX (<MultiSportSession>) is read too.
 */
import { roundMetres, roundSeconds, weightedMean } from "./numbers";
import { isRunning, normalizeSport, skipReason } from "./sport";
import { implausibleStartWarning, parseXmlTime, toIsoSecond } from "./time";
import { summarizeTrack, type TrackPoint, type TrackSummary } from "./track-summary";
import { ActivityFileError, type FormatParseOutput, type ImportedActivity, type SkippedPart } from "./types";
import { TCX_ROOT } from "./detect-format";
import { MAX_LAPS } from "./limits";
import { child, children, decodeText, numberAt, parseXml, text, type XmlNode } from "./xml";

type TcxLap = {
  startMs: number | null;
  totalS: number | null;
  distanceM: number | null;
  avgHr: number | null;
  /** One list per <Track>: exporters start a new Track after a pause. */
  tracks: TrackPoint[][];
};

function toPoint(tp: XmlNode): TrackPoint {
  const position = child(tp, "Position");
  return {
    timeMs: parseXmlTime(text(tp, "Time")),
    lat: numberAt(position, "LatitudeDegrees"),
    lon: numberAt(position, "LongitudeDegrees"),
    distanceM: numberAt(tp, "DistanceMeters"),
    heartRate: numberAt(child(tp, "HeartRateBpm"), "Value"),
  };
}

function toLap(lap: XmlNode): TcxLap {
  return {
    startMs: parseXmlTime(text(lap, "@_StartTime")),
    totalS: numberAt(lap, "TotalTimeSeconds"),
    distanceM: numberAt(lap, "DistanceMeters"),
    avgHr: numberAt(child(lap, "AverageHeartRateBpm"), "Value"),
    tracks: children(lap, "Track").map((track) => children(track, "Trackpoint").map(toPoint)),
  };
}

/** Sum over laps, or null unless every lap has the value: a partial sum would be wrong. */
function sumIfAll(values: Array<number | null>): number | null {
  return values.length > 0 && values.every((v) => v !== null) ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : null;
}

/**
 * The start is the first lap's StartTime, else the Activity Id. The lap StartTime is the device's
 * record of when its timer started; the Id is formally only an identifier (by convention the same
 * time). Runtastic's export puts the lap start minutes before the first track point: that gap is
 * kept as the device wrote it, so it shows up in elapsed time, not in the start.
 */
function startOf(activity: XmlNode, laps: TcxLap[], track: TrackSummary | null): number | null {
  return laps[0]?.startMs ?? parseXmlTime(text(activity, "Id")) ?? track?.startMs ?? null;
}

/** From the start to the last track point (or the end of the last lap); never below moving time. */
function elapsedOf(startMs: number, laps: TcxLap[], track: TrackSummary | null, movingS: number): number {
  const lapEnds = laps.map((l) => (l.startMs !== null && l.totalS !== null ? l.startMs + l.totalS * 1000 : null));
  const endMs = track?.endMs ?? Math.max(startMs, ...lapEnds.filter((e): e is number => e !== null));
  return Math.max(movingS, (endMs - startMs) / 1000);
}

function lapHeartRate(laps: TcxLap[]): number | null {
  const mean = weightedMean(laps.map((l) => ({ value: l.avgHr, weight: l.totalS })));
  return mean === null ? null : Math.round(mean);
}

type ActivityResult = { activity?: ImportedActivity; skipped?: SkippedPart; warnings: string[] };

function buildActivity(activity: XmlNode, sport: string, nowMs: number): ActivityResult {
  const laps = children(activity, "Lap").map(toLap);
  const track = summarizeTrack(laps.flatMap((l) => l.tracks));
  const startMs = startOf(activity, laps, track);
  if (startMs === null) return { warnings: [`a ${sport} activity has no start time and was left out`] };
  const lapMoving = sumIfAll(laps.map((l) => l.totalS));
  const movingS = lapMoving ?? track?.movingS ?? 0;
  const warning = implausibleStartWarning(startMs, nowMs);
  const result: ImportedActivity = {
    startTime: toIsoSecond(startMs),
    movingTimeS: roundSeconds(movingS),
    elapsedTimeS: roundSeconds(elapsedOf(startMs, laps, track, movingS)),
    distanceM: roundMetres(sumIfAll(laps.map((l) => l.distanceM)) ?? track?.distanceM ?? null),
    avgHeartRate: lapHeartRate(laps) ?? track?.avgHeartRate ?? null,
    sport,
    subSport: null,
    source: lapMoving !== null ? "summary" : "track",
    indoor: track !== null && !track.hasPosition,
    laps: laps
      .filter((l) => l.totalS !== null && l.totalS > 0)
      .slice(0, MAX_LAPS)
      .map((l) => ({
        durationS: roundSeconds(l.totalS ?? 0),
        distanceM: roundMetres(l.distanceM),
        avgHeartRate: l.avgHr !== null && l.avgHr > 0 ? l.avgHr : null,
      })),
  };
  const warnings = warning ? [warning] : [];
  if (lapMoving === null) warnings.push("the TCX laps have no total time; times were computed from the track points");
  return { activity: result, warnings };
}

function activityResult(activity: XmlNode, nowMs: number): ActivityResult {
  const sport = normalizeSport(text(activity, "@_Sport"));
  if (isRunning(sport)) return buildActivity(activity, sport, nowMs);
  const laps = children(activity, "Lap").map(toLap);
  const startMs = laps[0]?.startMs ?? parseXmlTime(text(activity, "Id"));
  return {
    skipped: {
      sport,
      label: sport,
      startTime: startMs === null ? null : toIsoSecond(startMs),
      reason: skipReason(sport),
    },
    warnings: [],
  };
}

const ROOTLESS_WARNING =
  "the file lacks its <TrainingCenterDatabase> root element (it was damaged or cut out of a larger file); its activities were read anyway";

/**
 * The TCX document, or its <Activities> on their own when the root element is missing: everything
 * a run needs sits inside <Activities>, so a file that lost its root is still read, with a warning.
 */
function readTcx(text: string): { doc: XmlNode; salvaged: boolean; rootless: boolean } {
  const rootless = !TCX_ROOT.test(text.slice(0, 4096));
  const closing = rootless
    ? "</Track></Lap></Activity></Activities>"
    : "</Track></Lap></Activity></Activities></TrainingCenterDatabase>";
  const { doc, salvaged } = parseXml(text, "Trackpoint", closing);
  if (!rootless && !("TrainingCenterDatabase" in doc)) {
    throw new ActivityFileError("it has no <TrainingCenterDatabase> element");
  }
  if (rootless && !("Activities" in doc)) throw new ActivityFileError("it has no <TrainingCenterDatabase> element");
  return { doc, salvaged, rootless };
}

/** Plain <Activity> elements plus the legs of any <MultiSportSession>, in file order. */
function allActivities(activities: XmlNode | null): XmlNode[] {
  const legs = children(activities, "MultiSportSession").flatMap((session) => [
    ...children(child(session, "FirstSport"), "Activity"),
    ...children(session, "NextSport").flatMap((next) => children(next, "Activity")),
  ]);
  return [...children(activities, "Activity"), ...legs];
}

export function parseTcx(bytes: Uint8Array, nowMs: number): FormatParseOutput {
  const { doc, salvaged, rootless } = readTcx(decodeText(bytes));
  const root = rootless ? doc : child(doc, "TrainingCenterDatabase");
  const nodes = allActivities(child(root, "Activities"));
  if (nodes.length === 0)
    throw new ActivityFileError("the TCX holds no activity (courses and workouts are not imported)");
  const results = nodes.map((a) => activityResult(a, nowMs));
  const warnings = results.flatMap((r) => r.warnings);
  if (salvaged) warnings.unshift("the file is cut off; read up to the last complete track point");
  if (rootless) warnings.unshift(ROOTLESS_WARNING);
  return {
    activities: results.flatMap((r) => (r.activity ? [r.activity] : [])),
    skipped: results.flatMap((r) => (r.skipped ? [r.skipped] : [])),
    warnings,
  };
}
