/**
 * Activity imports under hostile and heavy uploads (issue #12, point 7), through the server's worker
 * pool settings (SERVER_POOL) with the real parse worker (started through tsx). For each file: the
 * time from handing it to the pool to its answer, the process CPU time it cost (all threads), and the
 * peak growth of the process's resident memory while it was handled. Then one user's small file
 * while another user's large one is parsing, with the pool and with a single worker (the design
 * before: one queue for everyone).
 */
import { gzipSync } from "node:zlib";
import { MAX_POINTS } from "../src/server/activity-import/limits";
import { SERVER_POOL } from "../src/server/activity-import/parse-off-thread";
import { ParsePool, type ParsePoolOptions } from "../src/server/activity-import/parse-pool";
import type { ParseResult } from "../src/server/activity-import/types";
import { startTsWorker } from "../src/test/ts-worker";
import {
  activityFileId,
  encodeTestFit,
  manyRecordsFit,
  testRecords,
} from "../src/server/activity-import/encode-test-fit";

/** A refusal of a hostile file must come within this (issue #12: "within a second or two"). */
export const IMPORT_REFUSAL_TARGET_MS = 2_000;
/** Another user's small file must not wait longer than this while a large one parses. */
export const IMPORT_WAIT_TARGET_MS = 3_000;

const MB = 1024 * 1024;
const WORKER = new URL("../src/server/activity-import/parse-worker.ts", import.meta.url);

export type ImportCase = {
  name: string;
  bytes: number;
  expected: "refused" | "read";
  outcome: string;
  ms: number;
  cpuMs: number;
  peakRssMb: number;
};

export type ImportsBench = {
  cases: ImportCase[];
  fairness: Array<{ pool: string; aloneMs: number; whileLargeMs: number; largeMs: number }>;
};

function gpx(points: number, extra = ""): Uint8Array {
  const start = Date.UTC(2024, 0, 1);
  const rows = Array.from(
    { length: points },
    (_, i) =>
      `<trkpt lat="${(46 + i * 1e-5).toFixed(6)}" lon="14.0"><ele>300</ele><time>${new Date(start + i * 1000).toISOString()}</time>${extra}</trkpt>\n`,
  );
  return new TextEncoder().encode(
    `<?xml version="1.0"?><gpx version="1.1" creator="bench"><trk><trkseg>\n${rows.join("")}</trkseg></trk></gpx>`,
  );
}

function gpxBomb(): Uint8Array {
  const point = `<trkpt lat="46.0" lon="14.0"><time>2024-01-01T00:00:00Z</time></trkpt>`;
  const body = point.repeat(Math.floor((95 * MB) / point.length));
  return new Uint8Array(
    gzipSync(`<?xml version="1.0"?><gpx version="1.1"><trk><trkseg>${body}</trkseg></trk></gpx>`, { level: 9 }),
  );
}

function pool(options: Partial<ParsePoolOptions> = {}): ParsePool {
  return new ParsePool({
    ...SERVER_POOL,
    spawn: (resourceLimits) => startTsWorker(WORKER, { resourceLimits }),
    ...options,
  });
}

/** Starts the pool's workers (a tiny file per owner), so start-up is not measured. */
async function warm(parser: ParsePool, owners: string[]): Promise<void> {
  const tiny = encodeTestFit([
    activityFileId("2024-01-01T00:00:00Z"),
    ...testRecords("2024-01-01T00:00:00Z", 60, 10, 3, 150),
  ]);
  await Promise.all(owners.map((o) => parser.parse(o, "warm.fit", tiny)));
}

/** Runs `work`, sampling the process's RSS every 10 ms; the peak growth over the start, in MB. */
async function measured<T>(
  work: () => Promise<T>,
): Promise<{ value: T; ms: number; cpuMs: number; peakRssMb: number }> {
  const base = process.memoryUsage.rss();
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, ms, cpuMs: (used.user + used.system) / 1000, peakRssMb: (peak - base) / MB };
  } finally {
    clearInterval(sampler);
  }
}

const outcomeOf = (r: ParseResult) =>
  r.ok ? `read: ${r.activities.length} run(s)` : `refused: ${r.error.replace(/^"[^"]*" could not be imported: /, "")}`;

export async function benchImports(log: (line: string) => void): Promise<ImportsBench> {
  const inputs: Array<{ name: string; expected: ImportCase["expected"]; make: () => Uint8Array; fileName: string }> = [
    {
      name: "FIT of 5,000,000 records",
      expected: "refused",
      make: () => manyRecordsFit(5_000_000),
      fileName: "huge.fit",
    },
    { name: ".gpx.gz inflating to 95 MB of XML", expected: "refused", make: gpxBomb, fileName: "bomb.gpx.gz" },
    {
      name: `GPX of ${(MAX_POINTS + 1).toLocaleString("en-US")} points`,
      expected: "refused",
      make: () => gpx(MAX_POINTS + 1),
      fileName: "many.gpx",
    },
    {
      name: "FIT of 250,000 records (the most accepted)",
      expected: "read",
      make: () => manyRecordsFit(MAX_POINTS),
      fileName: "long.fit",
    },
    { name: "GPX of 190,000 points (53 h at 1 s)", expected: "read", make: () => gpx(190_000), fileName: "ultra.gpx" },
  ];
  const cases: ImportCase[] = [];
  const parser = pool();
  await warm(parser, ["bench"]);
  for (const input of inputs) {
    const bytes = input.make();
    const run = await measured(() => parser.parse("bench", input.fileName, bytes));
    const row: ImportCase = {
      name: input.name,
      bytes: bytes.length,
      expected: input.expected,
      outcome: outcomeOf(run.value),
      ms: run.ms,
      cpuMs: run.cpuMs,
      peakRssMb: run.peakRssMb,
    };
    log(`${row.name}: ${row.outcome.slice(0, 90)} in ${row.ms.toFixed(0)} ms`);
    cases.push(row);
  }
  await parser.close();

  const large = gpx(190_000);
  const small = encodeTestFit([
    activityFileId("2024-06-01T07:00:00Z"),
    ...testRecords("2024-06-01T07:00:00Z", 600, 10, 3, 150),
  ]);
  const fairness: ImportsBench["fairness"] = [];
  for (const [label, options] of [
    [`pool of ${SERVER_POOL.size}, one file per user at a time`, {}],
    ["one worker for everyone (before)", { size: 1 }],
  ] as const) {
    const p = pool(options);
    await warm(p, ["ada", "ben"]);
    const alone = await measured(() => p.parse("ben", "small.fit", small));
    const largeDone = measured(() => p.parse("ada", "ultra.gpx", large));
    await new Promise((r) => setTimeout(r, 100)); // the large file is being parsed
    const waited = await measured(() => p.parse("ben", "small.fit", small));
    const largeRun = await largeDone;
    fairness.push({ pool: label, aloneMs: alone.ms, whileLargeMs: waited.ms, largeMs: largeRun.ms });
    log(`${label}: small file alone ${alone.ms.toFixed(0)} ms, while a 24 MB GPX parses ${waited.ms.toFixed(0)} ms`);
    await p.close();
  }
  return { cases, fairness };
}
