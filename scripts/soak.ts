/**
 * Soak test (run by hand, not in CI): a steady load against the production server for a while,
 * watching the server's memory. Starts its own embedded PostgreSQL (one small organisation) and
 * `next start` on loopback; needs `npm run build` first.
 *
 *   npx tsx --conditions=react-server scripts/soak.ts                 # 10 minutes at 20 requests/s
 *   npx tsx --conditions=react-server scripts/soak.ts --minutes 2     # a quick run
 *   npx tsx --conditions=react-server scripts/soak.ts --rate 40
 *
 * After a 60 s warm-up, the server's resident memory (VmRSS in /proc/<pid>/status) is sampled every
 * 10 s. Prints one JSON document; passes (exit 0) when memory grew by less than 10 % (mean of the
 * last three samples against the first three) and no request failed.
 *
 * RSS also moves with V8's lazy heap sizing, so the server runs with --trace-gc and each sample also
 * records the live heap after the latest full collection (Mark-Compact): what a leak would grow.
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { FIXTURE_PASSWORD } from "~/test/fixtures";
import {
  hasProductionBuild,
  NO_BUILD_MESSAGE,
  prepareDatabase,
  residentKb,
  startProductionServer,
  startRestartableDatabase,
} from "~/test/resilience/production-server";
import { healthStatus, signIn, trpcMutation, trpcQuery, type Session, type TrpcResponse } from "./lib/http-client";

const { values: args } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    rate: { type: "string", default: "20" },
    "warmup-seconds": { type: "string", default: "60" },
  },
});
const MINUTES = Number(args.minutes);
const RATE = Number(args.rate);
const WARMUP_S = Number(args["warmup-seconds"]);
const SAMPLE_EVERY_S = 10;
/** Requests allowed in flight at once: a slow server makes the load wait, not pile up without bound. */
const MAX_IN_FLIGHT = 32;
const MAX_GROWTH_PERCENT = 10;

if (!hasProductionBuild()) {
  console.error(`[soak] ${NO_BUILD_MESSAGE}`);
  process.exit(1);
}
if (!(MINUTES > 0 && RATE > 0 && WARMUP_S >= 0 && WARMUP_S < MINUTES * 60)) {
  console.error("[soak] --minutes and --rate must be positive, and the warm-up shorter than the run");
  process.exit(1);
}

const log = (line: string) => console.error(`[soak] ${line}`);

/**
 * What a user of the app does, weighted: mostly reading their week and history, sometimes logging a
 * run. Logged runs are dated three years back, outside every window the reads look at: the data the
 * reads work on stays the same size, so memory that grows is the server's, not the workload's.
 */
function requestMix(org: { slug: string }, athlete: Session, coach: Session, baseUrl: string) {
  let n = 0;
  const day = () => new Date(Date.now() - (3 * 365 + (n % 200)) * 86_400_000).toISOString().slice(0, 10);
  const run = () => ({
    date: day(),
    time: "06:30",
    kind: "aerobic",
    durationS: 2400,
    distanceM: 7000,
    rpe: 4,
    notes: "soak",
  });
  const health = async (): Promise<TrpcResponse> => ({ status: await healthStatus(baseUrl, 15_000) });
  const mix: Array<[weight: number, name: string, send: () => Promise<TrpcResponse>]> = [
    [4, "athleteWeeks.thisWeek", () => trpcQuery(athlete, "athleteWeeks.thisWeek", { orgSlug: org.slug })],
    [2, "athleteWeeks.history", () => trpcQuery(athlete, "athleteWeeks.history", { orgSlug: org.slug, weeks: 12 })],
    [
      2,
      "runs.log",
      () => trpcMutation(athlete, "runs.log", { orgSlug: org.slug, idempotencyKey: randomUUID(), run: run() }),
    ],
    [2, "roster.list", () => trpcQuery(coach, "roster.list", { orgSlug: org.slug })],
    [1, "organisations.current", () => trpcQuery(coach, "organisations.current", { orgSlug: org.slug })],
    [1, "health", health],
  ];
  const wheel = mix.flatMap(([weight, name, send]) => Array.from({ length: weight }, () => ({ name, send })));
  return () => wheel[n++ % wheel.length]!;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!) : 0;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Growth in %, the mean of the last three samples against the first three (first and last when few). */
function growthOf(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return null;
  const window = known.length >= 6 ? 3 : 1;
  const first = mean(known.slice(0, window));
  return Math.round(((mean(known.slice(-window)) - first) / first) * 1000) / 10;
}

/** The heap size after a full collection, from a --trace-gc line: "Mark-Compact 61.2 (75.0) -> 48.3 (70.1) MB, …". */
function heapAfterFullGc(line: string): number | null {
  const match = /Mark-Compact(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/.exec(line);
  return match ? Number(match[1]) : null;
}

async function main() {
  log("starting PostgreSQL and the production server");
  const database = await startRestartableDatabase("soak");
  const org = await prepareDatabase(database.url);
  let liveHeapMb: number | null = null;
  const server = await startProductionServer(database.url, {
    nodeArgs: ["--trace-gc"],
    onOutput: (line) => (liveHeapMb = heapAfterFullGc(line) ?? liveHeapMb),
  });
  const athlete = await signIn(server.baseUrl, org.users.athlete1.email, FIXTURE_PASSWORD);
  const coach = await signIn(server.baseUrl, org.users.owner.email, FIXTURE_PASSWORD);
  const next = requestMix(org, athlete, coach, server.baseUrl);
  log(`server pid ${server.pid} on ${server.baseUrl}; ${MINUTES} min at ${RATE} requests/s, warm-up ${WARMUP_S} s`);

  const started = Date.now();
  const endAt = started + MINUTES * 60_000;
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const samples: Array<{ atS: number; rssKb: number | null; liveHeapMb: number | null }> = [];
  let sent = 0;
  let inFlight = 0;
  let serverExited = false;
  void server.exited.then(() => (serverExited = true));

  const sampler = setInterval(() => {
    const atS = Math.round((Date.now() - started) / 1000);
    if (atS >= WARMUP_S) void residentKb(server.pid).then((rssKb) => samples.push({ atS, rssKb, liveHeapMb }));
  }, SAMPLE_EVERY_S * 1000);

  // A fixed schedule: request i is due at started + i / RATE; the total is bounded by time × rate.
  const pending = new Set<Promise<void>>();
  while (Date.now() < endAt && !serverExited) {
    const due = started + (sent * 1000) / RATE;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    if (inFlight >= MAX_IN_FLIGHT) {
      await Promise.race(pending);
      continue;
    }
    const { name, send } = next();
    const t0 = performance.now();
    inFlight++;
    sent++;
    const request: Promise<void> = send().then((response) => {
      inFlight--;
      pending.delete(request);
      latencies.push(performance.now() - t0);
      if (response.status !== 200) {
        const kind = `${name}: ${response.status} ${response.error ?? ""}`.trim();
        errors[kind] = (errors[kind] ?? 0) + 1;
      }
    });
    pending.add(request);
  }
  await Promise.all(pending);
  clearInterval(sampler);

  const growthPercent = growthOf(samples.map((s) => s.rssKb));
  const liveHeapGrowthPercent = growthOf(samples.map((s) => s.liveHeapMb));
  const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
  const sorted = [...latencies].sort((a, b) => a - b);
  const report = {
    minutes: MINUTES,
    ratePerSecond: RATE,
    warmupSeconds: WARMUP_S,
    requests: sent,
    achievedRatePerSecond: Math.round((sent / ((Date.now() - started) / 1000)) * 10) / 10,
    errors: errorCount,
    errorKinds: errors,
    latencyMs: {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: percentile(sorted, 100),
    },
    rssSamples: samples,
    growthPercent,
    liveHeapGrowthPercent,
    serverExited,
    pass: !serverExited && errorCount === 0 && growthPercent !== null && growthPercent < MAX_GROWTH_PERCENT,
  };
  console.log(JSON.stringify(report, null, 2));

  await server.stop();
  await database.destroy();
  process.exit(report.pass ? 0 : 1);
}

await main();
