/**
 * Optional check of the activity importer against real device files (not part of the tests: a
 * user's clone has no such folders).
 *
 *   npx tsx scripts/check-activity-files.ts [folder ...]
 *   (default: ../shared/activity-files ../shared/activity-files/more)
 *
 * Every .fit/.gpx/.tcx(.gz) in each folder is imported, and each run is compared with a reference
 * read independently of the importer:
 * - FIT: fit-file-parser (a different decoder from Garmin's SDK, which the importer uses): the
 *   running sessions' start, timer time and distance, and the records inside each session;
 * - TCX: lap totals summed from the raw XML text, track points counted in it;
 * - GPX: track points, their times and the distance between them (per <trkseg>) read from the
 *   raw XML text inside each imported run's time window.
 * Exits 1 when a run is missing, distance or moving time is off by more than 1 %, a start differs
 * (unless the importer says it corrected it), or the importer read fewer records or points than the
 * reference (saying so in a warning is honest, but still a loss).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import FitParser from "fit-file-parser";
import { parseActivityFile, type ImportedActivity, type ParseResult } from "../src/server/activity-import";
import { detectFormat } from "../src/server/activity-import/detect-format";
import { decodeFit } from "../src/server/activity-import/fit-decode";
import { haversineM } from "../src/server/activity-import/track-summary";
import { children, decodeText, isNode, parseXml, text, type XmlNode } from "../src/server/activity-import/xml";

const TOLERANCE_PCT = 1;
const DEFAULT_FOLDERS = ["../shared/activity-files", "../shared/activity-files/more"];

/** A run as the reference reads it; null fields are not known to the reference. */
type RefRun = {
  startMs: number;
  endMs: number;
  movingS: number | null;
  distanceM: number | null;
  points: number;
};

type Reference =
  | {
      kind: "runs";
      source: string;
      runs: RefRun[];
      totalRecords: number | null;
      /** Times of every record or track point the reference read, to count them in any window. */
      pointTimes: Array<number | null>;
    }
  /** GPX has no summary: the reference is computed inside each imported run's window. */
  | { kind: "window"; source: string; measure: (startMs: number, endMs: number) => RefRun }
  | { kind: "none"; source: string; why: string };

const iso = (ms: number | null) => (ms === null ? "–" : new Date(ms).toISOString().replace(".000Z", "Z"));
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const dateMs = (v: unknown): number | null => (v instanceof Date && Number.isFinite(v.getTime()) ? v.getTime() : null);
const between = (t: number | null, start: number, end: number) => t !== null && t >= start && t <= end;

function unzipped(bytes: Uint8Array): Uint8Array {
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? new Uint8Array(gunzipSync(bytes)) : bytes;
}

// ---------------------------------------------------------------------------------------------
// FIT: fit-file-parser

type FfpSession = {
  sport?: string;
  start_time?: Date;
  timestamp?: Date;
  total_timer_time?: number;
  total_elapsed_time?: number;
  total_distance?: number;
};
type FfpData = { sessions?: FfpSession[]; records?: Array<{ timestamp?: Date }> };

async function readWithFitFileParser(bytes: Uint8Array): Promise<{ data: FfpData; note: string | null }> {
  const parse = (b: Uint8Array) =>
    new FitParser({ mode: "list", force: true }).parseAsync(Buffer.from(b)) as Promise<FfpData>;
  try {
    return { data: await parse(bytes), note: null };
  } catch (error) {
    if (!String(error).includes("exceeds input length")) throw error;
    // Truncated: fit-file-parser refuses a header promising more than there is. Promise only what is there.
    const copy = new Uint8Array(bytes.length + 2);
    copy.set(bytes);
    new DataView(copy.buffer).setUint32(4, bytes.length - (bytes[0] ?? 14), true);
    return { data: await parse(copy), note: "truncated; read up to its end" };
  }
}

async function fitReference(bytes: Uint8Array): Promise<Reference> {
  const source = "fit-file-parser";
  let read;
  try {
    read = await readWithFitFileParser(bytes);
  } catch (error) {
    return { kind: "none", source, why: `fit-file-parser could not read it either (${String(error)})` };
  }
  const recordTimes = (read.data.records ?? []).map((r) => dateMs(r.timestamp));
  const runs = (read.data.sessions ?? [])
    .filter((s) => s.sport === "running")
    .flatMap((s): RefRun[] => {
      const startMs = dateMs(s.start_time);
      if (startMs === null) return [];
      // Summaries written first carry an early timestamp; the later of the two ends is the session's.
      const endMs = Math.max(dateMs(s.timestamp) ?? -Infinity, startMs + (num(s.total_elapsed_time) ?? 0) * 1000);
      return [{ startMs, endMs, movingS: num(s.total_timer_time), distanceM: num(s.total_distance), points: 0 }];
    });
  const source2 = read.note ? `${source} (${read.note})` : source;
  if ((read.data.sessions ?? []).length === 0) {
    return { kind: "none", source: source2, why: "no session summary to compare with" };
  }
  return { kind: "runs", source: source2, runs, totalRecords: recordTimes.length, pointTimes: recordTimes };
}

// ---------------------------------------------------------------------------------------------
// TCX and GPX: the raw text

function tag(xml: string, name: string): number | null {
  const m = new RegExp(`<${name}>\\s*([^<]+?)\\s*</${name}>`).exec(xml);
  return m?.[1] ? Number(m[1]) : null;
}

const pointTimesIn = (xml: string) =>
  [...xml.matchAll(/<Trackpoint>[\s\S]*?<Time>([^<]+)<\/Time>/g)].map((m) => Date.parse(m[1] ?? ""));

/** Lap totals summed from the text, track points cut out so their DistanceMeters do not count. */
function tcxReference(xml: string): Reference {
  const activities = xml
    .split(/<Activity\s/)
    .slice(1)
    .filter((a) => /^[^>]*Sport="running"/i.test(a));
  const runs = activities.map((activity): RefRun => {
    const laps = activity.split(/<Lap\s/).slice(1);
    const totals = laps.map((lap) => lap.replace(/<Track>[\s\S]*?<\/Track>/g, ""));
    const sum = (name: string) => totals.reduce((acc, lap) => acc + (tag(lap, name) ?? 0), 0);
    const start = /^[^>]*StartTime="([^"]+)"/.exec(laps[0] ?? "")?.[1];
    const startMs = start ? Date.parse(start) : NaN;
    const movingS = sum("TotalTimeSeconds");
    const times = pointTimesIn(activity);
    const endMs = Math.max(startMs + movingS * 1000, ...times.filter(Number.isFinite));
    return { startMs, endMs, movingS, distanceM: sum("DistanceMeters"), points: 0 };
  });
  return {
    kind: "runs",
    source: "TCX text (regex)",
    runs,
    totalRecords: null,
    pointTimes: activities.flatMap(pointTimesIn),
  };
}

type TextPoint = { t: number; lat: number; lon: number };

/** Every <trkseg> of the text as its timed points. */
function gpxSegments(xml: string): TextPoint[][] {
  return [...xml.matchAll(/<(?:\w+:)?trkseg[\s>][\s\S]*?<\/(?:\w+:)?trkseg>/g)].map((seg) =>
    [...(seg[0] ?? "").matchAll(/<(?:\w+:)?trkpt\s([^>]*)>([\s\S]*?)<\/(?:\w+:)?trkpt>/g)].flatMap((m) => {
      const lat = Number(/lat="([^"]+)"/.exec(m[1] ?? "")?.[1]);
      const lon = Number(/lon="([^"]+)"/.exec(m[1] ?? "")?.[1]);
      const t = Date.parse(/<(?:\w+:)?time>([^<]+)</.exec(m[2] ?? "")?.[1] ?? "");
      return Number.isFinite(t) && Number.isFinite(lat) && Number.isFinite(lon) ? [{ t, lat, lon }] : [];
    }),
  );
}

function gpxReference(xml: string): Reference {
  const segments = gpxSegments(xml);
  return {
    kind: "window",
    source: "GPX text (regex)",
    measure: (startMs, endMs) => {
      let distance = 0;
      let points = 0;
      let first = Infinity;
      let last = -Infinity;
      for (const segment of segments) {
        const inside = segment.filter((p) => between(p.t, startMs, endMs));
        points += inside.length;
        inside.forEach((p, i) => {
          first = Math.min(first, p.t);
          last = Math.max(last, p.t);
          const prev = inside[i - 1];
          if (prev) distance += haversineM(prev.lat, prev.lon, p.lat, p.lon);
        });
      }
      return { startMs: first, endMs: last, movingS: null, distanceM: distance, points };
    },
  };
}

async function reference(bytes: Uint8Array): Promise<Reference> {
  const format = detectFormat(bytes);
  if (format === "fit") return fitReference(bytes);
  const xml = decodeText(bytes);
  if (format === "tcx") return tcxReference(xml);
  if (format === "gpx") return gpxReference(xml);
  return { kind: "none", source: "–", why: "not a FIT, GPX or TCX file" };
}

// ---------------------------------------------------------------------------------------------
// What the importer itself read: its records or track points inside each run's window

function importerPointTimes(bytes: Uint8Array): number[] {
  const format = detectFormat(bytes);
  if (format === "fit") {
    try {
      return (decodeFit(bytes).messages.recordMesgs ?? []).flatMap((r) => dateMs(r.timestamp) ?? []);
    } catch {
      return [];
    }
  }
  if (format === null) return [];
  const pointTag = format === "gpx" ? "trkpt" : "Trackpoint";
  const timeTag = format === "gpx" ? "time" : "Time";
  const times: number[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isNode(node)) return;
    for (const point of children(node, pointTag)) {
      const t = Date.parse(text(point, timeTag) ?? "");
      if (Number.isFinite(t)) times.push(t);
    }
    for (const [key, value] of Object.entries(node)) if (key !== pointTag) walk(value);
  };
  try {
    walk(parseXml(decodeText(bytes), pointTag, "").doc as XmlNode);
  } catch {
    return [];
  }
  return times;
}

// ---------------------------------------------------------------------------------------------
// Comparing

function pctDiff(actual: number | null, expected: number | null): number | null {
  if (actual === null || expected === null) return null;
  if (expected === 0) return actual === 0 ? 0 : Infinity;
  return (Math.abs(actual - expected) / expected) * 100;
}

type Row = string[];
type Verdict = { rows: Row[]; failures: string[]; notes: string[] };

const fmt = (n: number | null, digits = 1) => (n === null ? "–" : n.toFixed(digits));
const fmtPct = (n: number | null) => (n === null ? "–" : `${n.toFixed(3)} %`);
/** A loss is a failure either way; whether the importer said so is part of the verdict. */
const told = (result: ParseResult & { ok: true }) =>
  result.warnings.some((w) => /could not be read|truncated|cut off|not read|left out/.test(w))
    ? "a warning says some were lost"
    : "no warning says so";

function nearest(runs: RefRun[], startMs: number): RefRun | undefined {
  return [...runs].sort((a, b) => Math.abs(a.startMs - startMs) - Math.abs(b.startMs - startMs))[0];
}

function compareRun(
  file: string,
  a: ImportedActivity,
  ref: Reference,
  result: ParseResult & { ok: true },
  pointTimes: number[],
  failures: string[],
): Row {
  const startMs = Date.parse(a.startTime);
  const endMs = startMs + a.elapsedTimeS * 1000;
  const r =
    ref.kind === "runs" ? nearest(ref.runs, startMs) : ref.kind === "window" ? ref.measure(startMs, endMs) : undefined;
  // Points are counted on both sides in one window: the importer's run and the reference's together.
  const from = Math.min(startMs, r?.startMs ?? startMs);
  const to = Math.max(endMs, r?.endMs ?? endMs);
  const points = pointTimes.filter((t) => between(t, from, to)).length;
  if (r && ref.kind === "runs") r.points = ref.pointTimes.filter((t) => between(t, from, to)).length;
  const dDist = pctDiff(a.distanceM, r?.distanceM ?? null);
  const dMoving = pctDiff(a.movingTimeS, r?.movingS ?? null);
  const corrected = result.warnings.some((w) => w.includes("start_time"));
  const refStart = r ? Math.floor(r.startMs / 1000) * 1000 : null;
  const startOk = !r || refStart === startMs;
  const startCell = !r
    ? "no reference"
    : startOk
      ? "="
      : corrected
        ? `corrected (ref ${iso(refStart)})`
        : `≠ ${iso(refStart)}`;
  if (r && (dDist ?? 0) > TOLERANCE_PCT) failures.push(`${file}: distance off by ${fmtPct(dDist)}`);
  if (r && (dMoving ?? 0) > TOLERANCE_PCT) failures.push(`${file}: moving time off by ${fmtPct(dMoving)}`);
  if (r && !startOk && !corrected) failures.push(`${file}: start ${a.startTime} ≠ reference ${iso(refStart)}`);
  if (r && points < r.points) {
    failures.push(`${file}: ${r.points - points} of the run's ${r.points} points were not read (${told(result)})`);
  }
  const sport = a.subSport ? `${a.sport}/${a.subSport}` : a.sport;
  return [
    a.startTime,
    startCell,
    fmt(a.movingTimeS),
    fmt(r?.movingS ?? null),
    fmtPct(dMoving),
    fmt(a.distanceM),
    fmt(r?.distanceM ?? null),
    fmtPct(dDist),
    `${points}/${r ? r.points : "–"}`,
    a.avgHeartRate === null ? "–" : String(a.avgHeartRate),
    `${sport} ${a.source}${a.indoor ? " indoor" : ""}`,
  ];
}

async function checkFile(dir: string, file: string): Promise<Verdict> {
  const raw = readFileSync(path.join(dir, file));
  const bytes = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  const result = parseActivityFile({ fileName: file, bytes });
  const plain = unzipped(bytes);
  const ref = await reference(plain);
  const failures: string[] = [];
  const refRuns = ref.kind === "runs" ? ref.runs.length : null;
  const refCell = ref.kind === "none" ? "–" : ref.source;
  if (!result.ok) {
    if (refRuns) failures.push(`${file}: not imported although the reference has ${refRuns} run(s)`);
    return {
      rows: [[file, "no", `0/${refRuns ?? "–"}`, result.error, "", "", "", "", "", "", "", "", "", "", "", refCell]],
      failures,
      notes: [],
    };
  }
  if (refRuns !== null && refRuns !== result.activities.length) {
    failures.push(`${file}: ${result.activities.length} run(s) imported, the reference has ${refRuns}`);
  }
  const pointTimes = importerPointTimes(plain);
  const runs = `${result.activities.length}/${refRuns ?? "–"}`;
  const rows = result.activities.map((a, i) => [
    i === 0 ? file : "",
    i === 0 ? "yes" : "",
    i === 0 ? runs : "",
    ...compareRun(file, a, ref, result, pointTimes, failures),
    i === 0 ? String(result.skipped.length) : "",
    i === 0 ? String(result.warnings.length) : "",
    i === 0 ? refCell : "",
  ]);
  if (rows.length === 0) {
    rows.push([
      file,
      "yes",
      runs,
      "(no runs)",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      String(result.skipped.length),
      String(result.warnings.length),
      refCell,
    ]);
  }
  const notes = [
    ...(ref.kind === "none" ? [`reference: ${ref.why}`] : []),
    ...(ref.kind === "runs" && ref.totalRecords !== null
      ? [`records in the file: importer ${pointTimes.length}, ${ref.source} ${ref.totalRecords}`]
      : []),
    ...result.skipped.map((s) => `skipped ${s.label} ${s.startTime ?? ""}: ${s.reason}`),
    ...result.warnings.map((w) => `warning: ${w}`),
  ];
  if (ref.kind === "runs" && ref.totalRecords !== null && pointTimes.length < ref.totalRecords) {
    failures.push(
      `${file}: the importer read ${pointTimes.length} records, the reference ${ref.totalRecords} (${told(result)})`,
    );
  }
  return { rows, failures, notes };
}

const HEADER = [
  "file",
  "ok",
  "runs imp/ref",
  "start (UTC)",
  "start vs ref",
  "moving s",
  "ref",
  "Δ moving",
  "distance m",
  "ref",
  "Δ distance",
  "points imp/ref",
  "HR",
  "sport / source",
  "skipped",
  "warnings",
  "reference",
];

function printTable(rows: Row[]): void {
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: Row) => `| ${widths.map((w, i) => (cells[i] ?? "").padEnd(w)).join(" | ")} |`;
  console.log(line(HEADER));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  rows.forEach((r) => console.log(line(r)));
}

async function checkFolder(dir: string): Promise<{ files: number; failures: string[] }> {
  console.log(`\n## ${dir}\n`);
  if (!existsSync(dir)) {
    console.log("No such folder; nothing to check.");
    return { files: 0, failures: [] };
  }
  const files = readdirSync(dir)
    .filter((f) => /\.(fit|gpx|tcx)(\.gz)?$/i.test(f))
    .sort();
  const verdicts = [];
  for (const file of files) verdicts.push({ file, ...(await checkFile(dir, file)) });
  printTable(verdicts.flatMap((v) => v.rows));
  console.log("");
  for (const v of verdicts.filter((x) => x.notes.length > 0)) {
    console.log(`${v.file}:`);
    v.notes.forEach((n) => console.log(`  - ${n}`));
  }
  return { files: files.length, failures: verdicts.flatMap((v) => v.failures) };
}

async function main(): Promise<void> {
  const folders = (process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_FOLDERS).map((f) => path.resolve(f));
  let files = 0;
  const failures: string[] = [];
  for (const folder of folders) {
    const checked = await checkFolder(folder);
    files += checked.files;
    failures.push(...checked.failures);
  }
  console.log("");
  if (failures.length > 0) {
    failures.forEach((f) => console.log(`FAIL ${f}`));
    process.exitCode = 1;
    return;
  }
  console.log(
    `OK: ${files} files in ${folders.length} folder(s); every run within ${TOLERANCE_PCT} % of the reference, every record and point the reference read was read.`,
  );
}

await main();
