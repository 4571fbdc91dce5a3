/**
 * Benchmark of the rules engine: how many runs per second evaluateWeek handles on one core.
 * Weeks (5–10 runs, a plan, 3 weeks of history) come from a seeded PRNG so every run of the
 * bench sees the same data. Only evaluation is timed: all weeks for a size are generated first
 * (about 0.5 GB for a million runs), then evaluated once each, over several rounds (see
 * `measure`). Generating and evaluating in interleaved chunks was tried and rejected: each
 * scavenge during evaluation then had to copy the freshly generated chunk, so the timing mostly
 * measured the generator's garbage.
 */
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import {
  formatDay,
  evaluateWeek,
  type HistoryRun,
  type PlannedSession,
  type RunInput,
  type SessionKind,
  type WeekInput,
} from "../src/domain/rules";

export interface ScalingRow {
  readonly runs: number;
  /** CPU time the process spent evaluating, in the fastest round (see `timeOnce`, `measure`). */
  readonly seconds: number;
  readonly runsPerSecond: number;
  /** runs/s of the median round, to show how much other load on the machine moved the figure. */
  readonly medianRunsPerSecond: number;
  /** Elapsed time of the fastest round; inflated whenever other processes compete for the cores. */
  readonly wallSeconds: number;
}

export interface EngineBenchResult {
  /** Throughput at the largest size. */
  readonly runsPerSecond: number;
  readonly scaling: ScalingRow[];
}

export const ENGINE_TARGET_RUNS_PER_SECOND = 1_000_000;
export const SCALING_SIZES = [10_000, 100_000, 1_000_000] as const;
const WARM_UP_RUNS = 100_000;
const SETTLE_MS = 100;
const ROUNDS = 5;

/** mulberry32: small, fast, good enough to vary benchmark data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_MONDAY = 18_267; // 2020-01-06
const DATE_TEXT = Array.from({ length: 11 * 366 }, (_, i) => formatDay(FIRST_MONDAY - 28 + i));
const dateText = (day: number) => DATE_TEXT[day - FIRST_MONDAY + 28] as string;

/**
 * A plausible week: about 25 % recovery, 55 % aerobic and 20 % quality sessions, RPE usually
 * fitting the kind but drifting by up to 2, so there are flags to word (7 or 8 a week).
 */
const KINDS: readonly SessionKind[] = [
  ...Array<SessionKind>(5).fill("recovery"),
  ...Array<SessionKind>(9).fill("aerobic"),
  ...Array<SessionKind>(2).fill("long"),
  "tempo",
  "tempo",
  "intervals",
  "hills",
];
const RPE_DRIFT = [-2, -1, -1, 0, 0, 0, 0, 1, 1, 2];
const TYPICAL_RPE: Readonly<Record<SessionKind, number>> = {
  recovery: 2,
  aerobic: 5,
  long: 5,
  tempo: 7,
  intervals: 8,
  hills: 8,
  race: 9,
};
const TYPICAL_MIN: Readonly<Record<SessionKind, number>> = {
  recovery: 30,
  aerobic: 50,
  long: 100,
  tempo: 45,
  intervals: 55,
  hills: 50,
  race: 25,
};

/** Ids are unique within a week, so a few shared strings do; this keeps the data set small. */
const ids = (prefix: string) => Array.from({ length: 10 }, (_, i) => `${prefix}${i}`);
const RUN_IDS = ids("r");
const PLAN_IDS = ids("p");
const HISTORY_IDS = [1, 2, 3].map((week) => ids(`h${week}-`));

/**
 * Runs are built in the shape parseEvaluateInput returns and app loaders should produce: every
 * field present, undefined when unknown (see schemas.ts on why one shape matters).
 */
function makeRun(random: () => number, id: string, day: number, plannedId?: string): RunInput & HistoryRun {
  const kind = KINDS[Math.floor(random() * KINDS.length)] as SessionKind;
  const drift = RPE_DRIFT[Math.floor(random() * RPE_DRIFT.length)] as number;
  const rpe = Math.min(10, Math.max(1, TYPICAL_RPE[kind] + drift));
  const durationMin = Math.max(10, Math.round(TYPICAL_MIN[kind] * (0.6 + random() * 0.8)));
  const distanceKm = random() < 0.9 ? Math.round((durationMin / (4.5 + random() * 2.5)) * 10) / 10 : undefined;
  return { id, date: dateText(day), kind, durationMin, distanceKm, rpe, plannedId };
}

function makeHistoryRun(random: () => number, id: string, day: number): HistoryRun {
  const { kind, durationMin, distanceKm, rpe, date } = makeRun(random, id, day);
  return { id, date, kind, durationMin, distanceKm, rpe };
}

function makeWeek(random: () => number): WeekInput {
  const start = FIRST_MONDAY + 7 * Math.floor(random() * 520);
  const count = 5 + Math.floor(random() * 6);
  const plan: PlannedSession[] = [];
  const runs: RunInput[] = [];
  for (let i = 0; i < count; i++) {
    const day = start + Math.floor(random() * 7);
    const planned = random() < 0.85;
    const planId = PLAN_IDS[i] as string;
    const run = makeRun(random, RUN_IDS[i] as string, day, planned && random() < 0.5 ? planId : undefined);
    runs.push(run);
    if (planned) {
      const durationMin = Math.round(run.durationMin * (0.8 + random() * 0.4));
      plan.push({ id: planId, date: run.date, kind: run.kind, durationMin, distanceKm: undefined });
    }
  }
  const history: HistoryRun[] = [];
  for (let week = 1; week <= 3; week++) {
    const n = 5 + Math.floor(random() * 6);
    const weekIds = HISTORY_IDS[week - 1] as string[];
    for (let i = 0; i < n; i++)
      history.push(makeHistoryRun(random, weekIds[i] as string, start - 7 * week + Math.floor(random() * 7)));
  }
  return {
    weekStart: dateText(start),
    asOf: dateText(start + Math.floor(random() * 8)),
    plan,
    runs,
    history,
    historyFrom: dateText(start - 21),
  };
}

/** Weeks holding at least `runs` runs in total. */
export function makeWeeks(random: () => number, runs: number): { weeks: WeekInput[]; runs: number } {
  const weeks: WeekInput[] = [];
  let total = 0;
  while (total < runs) {
    const week = makeWeek(random);
    weeks.push(week);
    total += week.runs.length;
  }
  return { weeks, runs: total };
}

/** Keeps the results observable so the JIT cannot drop the work. */
let sink = 0;

/**
 * A full garbage collection, to start each timed section with freshly generated data already
 * promoted and an empty young generation: otherwise the first scavenges inside the timed loop
 * copy the generator's output, which has nothing to do with the engine (and dominated the 10k
 * timing). `--expose-gc` cannot be passed through `npm run bench`, hence the flag set at runtime.
 */
const collectGarbage: () => void = (() => {
  v8.setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
})();

interface Timing {
  readonly runs: number;
  readonly seconds: number;
  readonly wallSeconds: number;
}

function evaluateAll(weeks: readonly WeekInput[]): void {
  for (const week of weeks) {
    const evaluation = evaluateWeek(week);
    sink += evaluation.flags.length + evaluation.compliance.length;
  }
}

/** A small, separate set evaluated just before each timed section (see timeOnce). */
const primer = makeWeeks(seededRandom(7), 2_000).weeks;

/**
 * Generates weeks holding at least `runs` runs (untimed), then times evaluating each once. The
 * time is the process's CPU time (user + system): evaluation runs on one thread, so this is the
 * one-core cost the target is about, and it stays meaningful on a busy shared machine where
 * elapsed time also counts waiting for a core. It includes V8's helper threads (GC, compiler),
 * so it errs on the slow side.
 */
async function timeOnce(seed: number, runs: number): Promise<Timing> {
  const { weeks, runs: total } = makeWeeks(seededRandom(seed), runs);
  collectGarbage();
  // V8 sweeps after a full GC on helper threads; let that finish so its CPU time is not counted.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  // After the pause the core's caches and predictors are cold, which would weigh on small sizes
  // only; the primer warms them without touching the data about to be timed.
  evaluateAll(primer);
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  evaluateAll(weeks);
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  return { runs: total, seconds: (cpu.user + cpu.system) / 1e6, wallSeconds };
}

/**
 * Several rounds (different seeds; the same count for every size, so sizes compare fairly),
 * reporting the fastest. On a shared machine other processes only ever slow a round down (they
 * evict caches and take the core's time), so the fastest round is the best estimate of what the
 * engine costs; the median is reported too.
 */
async function measure(size: number): Promise<ScalingRow> {
  const timings: Timing[] = [];
  for (let round = 0; round < ROUNDS; round++) timings.push(await timeOnce(42 + round, size));
  const perSecond = (timing: Timing) => timing.runs / timing.seconds;
  timings.sort((a, b) => perSecond(b) - perSecond(a));
  const fastest = timings[0] as Timing;
  const median = timings[Math.floor(ROUNDS / 2)] as Timing;
  return { ...fastest, runsPerSecond: perSecond(fastest), medianRunsPerSecond: perSecond(median) };
}

export async function benchEngine(sizes: readonly number[] = SCALING_SIZES): Promise<EngineBenchResult> {
  await timeOnce(1, WARM_UP_RUNS);
  const scaling: ScalingRow[] = [];
  for (const size of sizes) scaling.push(await measure(size));
  if (sink < 0) console.log(sink);
  const largest = scaling[scaling.length - 1] as ScalingRow;
  return { runsPerSecond: largest.runsPerSecond, scaling };
}
