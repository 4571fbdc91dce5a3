/**
 * Decoded FIT messages → runs. The device's own summary wins: session messages first, then laps,
 * and only when neither exists are totals computed from the records.
 */
import type { EventMesg, FitMessages, LapMesg, SessionMesg } from "@garmin/fitsdk";
import { fitMs, fitNumber, fitPositive, isDeviceClock, recordToPoint } from "./fit-values";
import { MAX_LAPS } from "./limits";
import { roundMetres, roundSeconds, weightedMean } from "./numbers";
import { isIndoorSubSport, isRunning, normalizeSport, normalizeSubSport, skipReason } from "./sport";
import { implausibleStartWarning, toIsoSecond } from "./time";
import { summarizeTrack, type TrackPoint, type TrackSummary } from "./track-summary";
import {
  ActivityFileError,
  type FormatParseOutput,
  type ImportedActivity,
  type ImportedLap,
  type SkippedPart,
} from "./types";

/** How far a session's start may be from "end − elapsed" before it is questioned. */
const START_TOLERANCE_MS = 60_000;

type Context = {
  records: TrackPoint[];
  laps: LapMesg[];
  events: EventMesg[];
  /** Sport from the file's sport message, for sessions or laps that do not say. */
  fileSport: { sport: unknown; subSport: unknown } | null;
  nowMs: number;
};

type Part = {
  activity?: ImportedActivity;
  skipped?: SkippedPart;
  warnings: string[];
};

function startWarnings(startMs: number, nowMs: number): string[] {
  if (isDeviceClock(startMs)) {
    return [`start time ${toIsoSecond(startMs)} is the device's own clock (it had no time fix), not a real date`];
  }
  const warning = implausibleStartWarning(startMs, nowMs);
  return warning ? [warning] : [];
}

/**
 * Times at which the device itself says something started: lap starts and the first record.
 * (Any later record is no evidence: records run continuously through a multisport file.)
 */
function startEvidence(ctx: Context): number[] {
  const times = [...ctx.laps.map((l) => fitMs(l.startTime)), ctx.records[0]?.timeMs ?? null];
  return times.filter((t): t is number => t !== null);
}

function evidenceNear(target: number, ctx: Context): number | null {
  return startEvidence(ctx).find((t) => Math.abs(t - target) <= START_TOLERANCE_MS) ?? null;
}

/**
 * Some devices write a session start_time that disagrees with the session's own end and elapsed
 * time (seen on a Fenix 2 multisport file). When a lap or the first record confirms "end − elapsed"
 * and nothing confirms the written time, the confirmed time is used, with a warning; otherwise the
 * written start_time stands.
 */
function sessionStart(s: SessionMesg, ctx: Context): { startMs: number | null; warnings: string[] } {
  const written = fitMs(s.startTime);
  const end = fitMs(s.timestamp);
  const elapsed = fitNumber(s.totalElapsedTime);
  if (end === null || elapsed === null) return { startMs: written, warnings: [] };
  const implied = end - elapsed * 1000;
  if (written !== null && Math.abs(written - implied) <= START_TOLERANCE_MS) return { startMs: written, warnings: [] };
  if (written !== null && evidenceNear(written, ctx) !== null) return { startMs: written, warnings: [] };
  const confirmed = evidenceNear(implied, ctx);
  if (confirmed === null) return { startMs: written ?? implied, warnings: [] };
  const was = written === null ? "is missing" : `says ${toIsoSecond(written)}`;
  return {
    startMs: confirmed,
    warnings: [
      `session start_time ${was} but its end, elapsed time, laps and records put the start at ${toIsoSecond(confirmed)}; used that`,
    ],
  };
}

function trackInWindow(ctx: Context, startMs: number, endMs: number): TrackSummary | null {
  const inside = ctx.records.filter((p) => p.timeMs !== null && p.timeMs >= startMs && p.timeMs <= endMs);
  return summarizeTrack([inside]);
}

function sportOf(raw: { sport?: unknown; subSport?: unknown }, ctx: Context) {
  const source = raw.sport !== undefined ? raw : (ctx.fileSport ?? raw);
  return { sport: normalizeSport(source.sport), subSport: normalizeSubSport(source.subSport) };
}

function skippedPart(sport: string, startMs: number | null): Part {
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

/**
 * A session with the device's totals. Heart rate and distance fall back to the session's records
 * when the device left them out (a Fenix 2 writes no average heart rate although records carry it).
 */
function sessionPart(s: SessionMesg, ctx: Context): Part {
  const { sport, subSport } = sportOf(s, ctx);
  const { startMs, warnings } = sessionStart(s, ctx);
  if (!isRunning(sport)) return skippedPart(sport, startMs);
  if (startMs === null) return { warnings: ["a running session has no start time and was left out"] };
  const timer = fitNumber(s.totalTimerTime);
  const elapsed = fitNumber(s.totalElapsedTime);
  const endMs = fitMs(s.timestamp) ?? startMs + (elapsed ?? timer ?? 0) * 1000;
  const track = trackInWindow(ctx, startMs, endMs > startMs ? endMs : Infinity);
  const moving = timer ?? elapsed ?? track?.movingS ?? 0;
  const activity: ImportedActivity = {
    startTime: toIsoSecond(startMs),
    movingTimeS: roundSeconds(moving),
    elapsedTimeS: roundSeconds(Math.max(elapsed ?? track?.elapsedS ?? moving, moving)),
    distanceM: roundMetres(fitNumber(s.totalDistance) ?? track?.distanceM ?? null),
    avgHeartRate: fitPositive(s.avgHeartRate) ?? track?.avgHeartRate ?? null,
    sport,
    subSport,
    source: timer !== null || elapsed !== null ? "summary" : "track",
    indoor: isIndoorSubSport(subSport) || (fitNumber(s.startPositionLat) === null && !track?.hasPosition),
    laps: importedLaps(lapsWithin(ctx, startMs, endMs > startMs ? endMs : Infinity)),
  };
  return { activity, warnings: [...warnings, ...startWarnings(startMs, ctx.nowMs)] };
}

/** The device's laps with a timer time, as the run keeps them. */
function importedLaps(laps: LapMesg[]): ImportedLap[] {
  return laps
    .filter((l) => fitPositive(l.totalTimerTime) !== null)
    .slice(0, MAX_LAPS)
    .map((l) => ({
      durationS: roundSeconds(fitNumber(l.totalTimerTime) ?? 0),
      distanceM: roundMetres(fitNumber(l.totalDistance)),
      avgHeartRate: fitPositive(l.avgHeartRate),
    }));
}

/** A session's own laps: those that start inside it (a multisport file's laps cover every leg). */
function lapsWithin(ctx: Context, startMs: number, endMs: number): LapMesg[] {
  return ctx.laps.filter((l) => {
    const t = fitMs(l.startTime);
    return t !== null && t >= startMs - 1000 && t < endMs;
  });
}

function weightedLapHeartRate(laps: LapMesg[]): number | null {
  const mean = weightedMean(
    laps.map((l) => ({ value: fitPositive(l.avgHeartRate), weight: fitPositive(l.totalTimerTime) })),
  );
  return mean === null ? null : Math.round(mean);
}

type LapTotals = {
  startMs: number;
  endMs: number;
  movingS: number;
  distanceM: number | null;
  heartRate: number | null;
};

/** Sums of the laps' own totals; null unless every lap has a timer time. */
function lapTotals(laps: LapMesg[]): LapTotals | null {
  const timers = laps.map((l) => fitNumber(l.totalTimerTime));
  const startMs = laps[0] ? fitMs(laps[0].startTime) : null;
  if (startMs === null || timers.some((t) => t === null)) return null;
  const distances = laps.map((l) => fitNumber(l.totalDistance));
  const endMs = Math.max(startMs, ...laps.map((l) => fitMs(l.timestamp) ?? 0));
  return {
    startMs,
    endMs,
    movingS: timers.reduce<number>((a, t) => a + (t ?? 0), 0),
    distanceM: distances.every((d) => d !== null) ? distances.reduce<number>((a, d) => a + (d ?? 0), 0) : null,
    heartRate: weightedLapHeartRate(laps),
  };
}

/** Records after the last lap: a file cut off mid-lap still holds the part of the run it recorded. */
function tailAfter(ctx: Context, endMs: number): TrackSummary | null {
  const tail = ctx.records.filter((p) => p.timeMs !== null && p.timeMs >= endMs);
  return tail.length >= 2 ? summarizeTrack([tail]) : null;
}

/** No session: the laps are still the device's own totals; one activity from all of them. */
function lapsPart(laps: LapMesg[], ctx: Context): Part | null {
  const totals = lapTotals(laps);
  if (!totals) return null;
  const { sport, subSport } = sportOf(laps.find((l) => l.sport !== undefined) ?? {}, ctx);
  const track = trackInWindow(ctx, totals.startMs, totals.endMs > totals.startMs ? totals.endMs : Infinity);
  const tail = tailAfter(ctx, totals.endMs);
  const moving = totals.movingS + (tail?.movingS ?? 0);
  const distance = totals.distanceM ?? track?.distanceM ?? null;
  const heartRate = weightedMean([
    { value: totals.heartRate ?? track?.avgHeartRate ?? null, weight: totals.movingS },
    { value: tail?.avgHeartRate ?? null, weight: tail?.movingS ?? null },
  ]);
  const activity: ImportedActivity = {
    startTime: toIsoSecond(totals.startMs),
    movingTimeS: roundSeconds(moving),
    elapsedTimeS: roundSeconds(Math.max(moving, ((tail?.endMs ?? totals.endMs) - totals.startMs) / 1000)),
    distanceM: roundMetres(distance === null ? null : distance + (tail?.distanceM ?? 0)),
    avgHeartRate: heartRate === null ? null : Math.round(heartRate),
    sport,
    subSport,
    source: "summary",
    indoor: isIndoorSubSport(subSport) || !(track?.hasPosition || tail?.hasPosition),
    laps: importedLaps(laps),
  };
  const plusTail = tail ? ", plus what the records after the last lap show" : "";
  return finishFallback(
    activity,
    `the file has no session summary; totals are the sum of its ${laps.length} laps${plusTail}`,
    ctx,
  );
}

/**
 * The device's timer time rebuilt from its timer start/stop events, up to the last record. Time in
 * motion computed from the track is not the same thing: a watch without auto-pause keeps timing
 * through stops (on one real file the track gives 21 % less than the timer).
 */
function timerFromEvents(events: EventMesg[], endMs: number): number | null {
  const timer = events
    .filter((e) => e.event === "timer")
    .map((e) => ({ t: fitMs(e.timestamp), type: String(e.eventType) }))
    .filter((e): e is { t: number; type: string } => e.t !== null)
    .sort((a, b) => a.t - b.t);
  if (!timer.some((e) => e.type === "start")) return null;
  let since: number | null = null;
  let total = 0;
  for (const e of timer) {
    if (e.type === "start") since ??= e.t;
    else if (e.type.startsWith("stop") && since !== null) {
      total += e.t - since;
      since = null;
    }
  }
  if (since !== null) total += Math.max(0, endMs - since);
  return total / 1000;
}

/** Neither sessions nor laps: compute from the records, like a GPX track. */
function recordsPart(ctx: Context): Part | null {
  const track = summarizeTrack([ctx.records]);
  if (!track) return null;
  const { sport, subSport } = sportOf({}, ctx);
  const timer = timerFromEvents(ctx.events, track.endMs);
  const activity: ImportedActivity = {
    startTime: toIsoSecond(track.startMs),
    movingTimeS: roundSeconds(timer ?? track.movingS),
    elapsedTimeS: roundSeconds(track.elapsedS),
    distanceM: roundMetres(track.distanceM),
    avgHeartRate: track.avgHeartRate,
    sport,
    subSport,
    source: "track",
    indoor: isIndoorSubSport(subSport) || !track.hasPosition,
    laps: [],
  };
  const how = timer === null ? "" : " (moving time from the device's timer events)";
  return finishFallback(
    activity,
    `the file has no session or lap summary; totals were computed from its ${ctx.records.length} records${how}`,
    ctx,
  );
}

/** Fallback parts share the sport rule of GPX: a file that names no sport is taken as a run. */
function finishFallback(activity: ImportedActivity, note: string, ctx: Context): Part {
  const warnings = [note, ...startWarnings(Date.parse(activity.startTime), ctx.nowMs)];
  if (activity.sport === "generic") {
    warnings.push("the FIT file names no sport; assumed running");
    return { activity: { ...activity, sport: "running" }, warnings };
  }
  return isRunning(activity.sport)
    ? { activity, warnings }
    : { ...skippedPart(activity.sport, Date.parse(activity.startTime)), warnings };
}

function assertActivityFile(messages: FitMessages): void {
  const type = messages.fileIdMesgs?.[0]?.type;
  if (type !== undefined && type !== "activity") {
    throw new ActivityFileError(`it is a FIT "${String(type)}" file, not a recorded activity`);
  }
}

export function fitActivities(messages: FitMessages, nowMs: number): FormatParseOutput {
  assertActivityFile(messages);
  const sportMesg = messages.sportMesgs?.[0];
  const ctx: Context = {
    records: (messages.recordMesgs ?? []).map(recordToPoint),
    laps: messages.lapMesgs ?? [],
    events: messages.eventMesgs ?? [],
    fileSport: sportMesg ? { sport: sportMesg.sport, subSport: sportMesg.subSport } : null,
    nowMs,
  };
  const sessions = messages.sessionMesgs ?? [];
  const parts =
    sessions.length > 0 ? sessions.map((s) => sessionPart(s, ctx)) : [lapsPart(ctx.laps, ctx) ?? recordsPart(ctx)];
  const found = parts.filter((p): p is Part => p !== null);
  if (found.length === 0) throw new ActivityFileError("no activity summary, laps or records could be read from it");
  return {
    activities: found.flatMap((p) => (p.activity ? [p.activity] : [])),
    skipped: found.flatMap((p) => (p.skipped ? [p.skipped] : [])),
    warnings: found.flatMap((p) => p.warnings),
  };
}
