/**
 * Optional check of the activity importer against real device files (not part of the tests: a
 * user's clone has no such folder).
 *
 *   npx tsx scripts/check-activity-files.ts [dir]     (default ../shared/activity-files)
 *
 * Parses every .fit/.gpx/.tcx(.gz) in the folder and compares each imported run with the device's
 * own summary, read independently: FIT session messages straight from the SDK, TCX laps summed from
 * the raw XML text. Exits 1 when a run is missing or distance / moving time is off by more than 1 %,
 * or the start time differs (unless the importer says it corrected a bad start time).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { Decoder, Stream } from "@garmin/fitsdk";
import { parseActivityFile, type ImportedActivity, type ParseResult } from "../src/server/activity-import";

const TOLERANCE_PCT = 1;

type Reference = {
  startTime: string | null;
  movingS: number | null;
  distanceM: number | null;
  heartRate: number | null;
};

const iso = (d: unknown): string | null => (d instanceof Date ? d.toISOString().replace(".000Z", "Z") : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function unzipped(bytes: Uint8Array): Uint8Array {
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
}

/** Running sessions exactly as the SDK decodes them, no corrections. */
function fitReference(bytes: Uint8Array): Reference[] {
  const { messages } = new Decoder(Stream.fromBuffer(bytes)).read();
  return (messages.sessionMesgs ?? [])
    .filter((s) => s.sport === "running")
    .map((s) => ({
      startTime: iso(s.startTime),
      movingS: num(s.totalTimerTime),
      distanceM: num(s.totalDistance),
      heartRate: num(s.avgHeartRate),
    }));
}

function tag(xml: string, name: string): number | null {
  const m = new RegExp(`<${name}>\\s*([^<]+?)\\s*</${name}>`).exec(xml);
  return m?.[1] ? Number(m[1]) : null;
}

/** Lap totals summed from the text, track points cut out so their DistanceMeters do not count. */
function tcxReference(xml: string): Reference[] {
  const activities = xml
    .split(/<Activity\s/)
    .slice(1)
    .filter((a) => /^[^>]*Sport="running"/i.test(a));
  return activities.map((activity) => {
    const laps = activity
      .split(/<Lap\s/)
      .slice(1)
      .map((lap) => lap.replace(/<Track>[\s\S]*?<\/Track>/g, ""));
    const sum = (name: string) => laps.reduce((acc, lap) => acc + (tag(lap, name) ?? 0), 0);
    const start = /^[^>]*StartTime="([^"]+)"/.exec(laps[0] ?? "")?.[1];
    return {
      startTime: start ? new Date(start).toISOString().replace(".000Z", "Z") : null,
      movingS: sum("TotalTimeSeconds"),
      distanceM: sum("DistanceMeters"),
      heartRate: null,
    };
  });
}

function reference(bytes: Uint8Array): Reference[] | null {
  if (Decoder.isFIT(Stream.fromBuffer(bytes))) return fitReference(bytes);
  const text = new TextDecoder().decode(bytes);
  return text.includes("<TrainingCenterDatabase") ? tcxReference(text) : null;
}

function pctDiff(actual: number | null, expected: number | null): number | null {
  if (actual === null || expected === null) return null;
  if (expected === 0) return actual === 0 ? 0 : Infinity;
  return (Math.abs(actual - expected) / expected) * 100;
}

type Row = string[];
type Verdict = { rows: Row[]; failures: string[]; notes: string[] };

const fmt = (n: number | null, digits = 1) => (n === null ? "–" : n.toFixed(digits));
const fmtPct = (n: number | null) => (n === null ? "–" : `${n.toFixed(3)} %`);

function compareActivity(
  file: string,
  a: ImportedActivity,
  ref: Reference | undefined,
  result: ParseResult & { ok: true },
  failures: string[],
): Row {
  const dDist = pctDiff(a.distanceM, ref?.distanceM ?? null);
  const dMoving = pctDiff(a.movingTimeS, ref?.movingS ?? null);
  const corrected = result.warnings.some((w) => w.includes("start_time"));
  const startOk = !ref || ref.startTime === a.startTime;
  const startCell = !ref
    ? "no summary"
    : startOk
      ? "= device"
      : corrected
        ? `corrected (device ${ref.startTime})`
        : `≠ ${ref.startTime}`;
  if (ref && (dDist ?? 0) > TOLERANCE_PCT) failures.push(`${file}: distance off by ${fmtPct(dDist)}`);
  if (ref && (dMoving ?? 0) > TOLERANCE_PCT) failures.push(`${file}: moving time off by ${fmtPct(dMoving)}`);
  if (ref && !startOk && !corrected) failures.push(`${file}: start ${a.startTime} ≠ device ${ref.startTime}`);
  const hr =
    a.avgHeartRate === null ? "–" : `${a.avgHeartRate}${ref?.heartRate == null ? "" : ` (dev ${ref.heartRate})`}`;
  const sport = a.subSport ? `${a.sport}/${a.subSport}` : a.sport;
  return [
    a.startTime,
    fmt(a.movingTimeS),
    fmt(a.elapsedTimeS),
    fmt(a.distanceM),
    hr,
    `${sport}${a.indoor ? " indoor" : ""} ${a.source}`,
    fmtPct(dDist),
    fmtPct(dMoving),
    startCell,
  ];
}

function checkFile(dir: string, file: string): Verdict {
  const raw = readFileSync(path.join(dir, file));
  const bytes = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  const result = parseActivityFile({ fileName: file, bytes });
  const refs = reference(unzipped(bytes));
  const failures: string[] = [];
  if (!result.ok) {
    if (refs && refs.length > 0)
      failures.push(`${file}: not imported although the device summary has ${refs.length} run(s)`);
    return { rows: [[file, "no", "0", result.error]], failures, notes: [] };
  }
  if (refs && refs.length !== result.activities.length) {
    failures.push(`${file}: ${result.activities.length} run(s) imported, the device summary has ${refs.length}`);
  }
  const skipped = result.skipped.map((s) => s.sport).join(", ") || "–";
  const rows = result.activities.map((a, i) => [
    i === 0 ? file : "",
    i === 0 ? "yes" : "",
    i === 0 ? String(result.activities.length) : "",
    ...compareActivity(file, a, refs?.[i], result, failures),
    i === 0 ? skipped : "",
    i === 0 ? String(result.warnings.length) : "",
  ]);
  if (rows.length === 0)
    rows.push([file, "yes", "0", "(no runs)", "", "", "", "", "", "", "", "", skipped, String(result.warnings.length)]);
  const notes = [
    ...result.skipped.map((s) => `skipped ${s.sport} ${s.startTime ?? ""}: ${s.reason}`),
    ...result.warnings.map((w) => `warning: ${w}`),
  ];
  return { rows, failures, notes };
}

const HEADER = [
  "file",
  "ok",
  "runs",
  "start (UTC)",
  "moving s",
  "elapsed s",
  "distance m",
  "HR",
  "sport / source",
  "Δ distance",
  "Δ moving",
  "start",
  "skipped",
  "warnings",
];

function printTable(rows: Row[]): void {
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: Row) => `| ${widths.map((w, i) => (cells[i] ?? "").padEnd(w)).join(" | ")} |`;
  console.log(line(HEADER));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  rows.forEach((r) => console.log(line(r)));
}

function main(): void {
  const dir = path.resolve(process.argv[2] ?? "../shared/activity-files");
  if (!existsSync(dir)) {
    console.log(`No activity-files folder at ${dir}; nothing to check.`);
    return;
  }
  const files = readdirSync(dir)
    .filter((f) => /\.(fit|gpx|tcx)(\.gz)?$/i.test(f))
    .sort();
  const verdicts = files.map((f) => ({ file: f, ...checkFile(dir, f) }));
  printTable(verdicts.flatMap((v) => v.rows));
  console.log("");
  for (const v of verdicts.filter((x) => x.notes.length > 0)) {
    console.log(`${v.file}:`);
    v.notes.forEach((n) => console.log(`  - ${n}`));
  }
  const failures = verdicts.flatMap((v) => v.failures);
  console.log("");
  if (failures.length > 0) {
    failures.forEach((f) => console.log(`FAIL ${f}`));
    process.exitCode = 1;
    return;
  }
  console.log(`OK: ${files.length} files; every run within ${TOLERANCE_PCT} % of the device's own summary.`);
}

main();
