/**
 * `npm run bench`: runs each bench section in turn and prints its table and verdict, then writes
 * them all to bench/results/report.json and report.md. To add a benchmark, append a section to
 * SECTIONS. The database sections share one bench database (database.ts) with the scale data, and
 * the HTTP sections one production server on it. Exits with status 1 if any section misses its target.
 * `npm run bench -- --only <text>` runs only the sections whose name contains <text> (case-insensitive).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { benchCalendar, CALENDAR_TARGET_P95_MS, CALENDAR_WEEKS } from "./calendar";
import { benchCluster, CLUSTER_CONNECTIONS, CLUSTER_SECONDS, CLUSTER_TARGET_RATIO } from "./cluster";
import { openBenchDatabase, removeLoggedRuns, type BenchDatabase } from "./database";
import { ENGINE_TARGET_RUNS_PER_SECOND, benchEngine } from "./engine";
import { benchFirstLoad, FIRST_LOAD_TARGET_KB } from "./first-load";
import { benchHttp, HTTP_CONNECTIONS, HTTP_SECONDS, LOG_RUN_MIN_SHARE_OF_NOOP } from "./http";
import { benchPostgresCeiling, PGBENCH_SECONDS } from "./pgbench";
import { benchMailLatency, MAIL_EVENTS, MAIL_LATENCY_TARGET_P95_MS } from "./mail-latency";
import { benchImports, IMPORT_REFUSAL_TARGET_MS, IMPORT_WAIT_TARGET_MS } from "./imports";
import { benchRoster, ROSTER_TARGET_P95_MS, ROSTER_TARGET_RATIO } from "./roster";
import { benchRosterPage, ROSTER_PAGE_TARGET_KB, ROSTER_PAGE_TARGET_P95_MS } from "./roster-page";
import { athleteEmail, BENCH_PASSWORD, BIG_ORG, currentMonday, uuidOf } from "./scale-data";
import { signIn, type Session } from "../scripts/lib/http-client";
import { startServer, type BenchServer } from "./server";
import { countStatements, RUN_LOG_STATEMENT_BUDGET, STATEMENT_BUDGET, statementBudgetOf } from "./statements";
import { ms } from "./stats";

interface SectionReport {
  /** Rows of a table; the first row is the header. */
  readonly table: string[][];
  readonly target: string;
  readonly pass: boolean;
  readonly notes?: string[];
}

interface BenchSection {
  readonly name: string;
  readonly run: () => Promise<SectionReport>;
}

const grouped = (n: number) => Math.round(n).toLocaleString("en-US");

/**
 * Time grows linearly with the number of runs when throughput does not fall as the size grows:
 * every size must keep at least this share of the smallest size's runs/s (a higher figure only
 * means fixed costs were spread over more runs). Compared on the median rounds: a short round is
 * likelier to land in a quiet moment of a shared machine, so fastest rounds flatter small sizes.
 */
const LINEAR_MIN_RATIO = 0.75;

const engineSection: BenchSection = {
  name: "Rules engine: evaluateWeek (weeks of 5–10 runs, with plan and 3 weeks of history; one core)",
  run: async () => {
    const result = await benchEngine();
    const base = result.scaling[0]?.medianRunsPerSecond ?? result.runsPerSecond;
    const ratios = result.scaling.map((row) => row.medianRunsPerSecond / base);
    const linear = ratios.every((ratio) => ratio >= LINEAR_MIN_RATIO);
    const fast = result.runsPerSecond >= ENGINE_TARGET_RUNS_PER_SECOND;
    return {
      table: [
        ["runs", "CPU s", "runs/s", "median runs/s", "median vs 10k", "elapsed s"],
        ...result.scaling.map((row, i) => [
          grouped(row.runs),
          row.seconds.toFixed(3),
          grouped(row.runsPerSecond),
          grouped(row.medianRunsPerSecond),
          `${(ratios[i] as number).toFixed(2)}×`,
          row.wallSeconds.toFixed(3),
        ]),
      ],
      target: `≥ ${grouped(ENGINE_TARGET_RUNS_PER_SECOND)} runs/s at 1M runs, and linear scaling (median runs/s at every size ≥ ${LINEAR_MIN_RATIO}× the 10k one)`,
      pass: fast && linear,
      notes: [
        "runs/s is per CPU second of the process: fastest of several rounds (other load only slows rounds down), and the median round",
        `throughput at the largest size: ${grouped(result.runsPerSecond)} runs/s (${fast ? "meets" : "misses"} the target)`,
        `scaling: ${linear ? "linear" : "NOT linear"}`,
      ],
    };
  },
};

const log = (line: string) => console.log(`  ${line}`);
const verdict = (pass: boolean) => (pass ? "PASS" : "FAIL");

/** Opened on first use and shared by the sections after it; closed at the end. */
let database: Promise<BenchDatabase> | undefined;
const benchDatabase = () => (database ??= openBenchDatabase(log));
let server: Promise<{ server: BenchServer; coach: Session; athlete: Session; athletes: Session[] }> | undefined;
const benchServer = () =>
  (server ??= benchDatabase().then(async (db) => {
    const started = await startServer(db.appUrl, log);
    const coach = await signIn(started.baseUrl, db.coach.email, BENCH_PASSWORD);
    const athlete = await signIn(started.baseUrl, db.athlete.email, BENCH_PASSWORD);
    // One athlete per connection for logging runs; one at a time (argon2 is deliberately slow).
    const athletes: Session[] = [];
    for (let i = 1; i <= HTTP_CONNECTIONS; i++)
      athletes.push(await signIn(started.baseUrl, athleteEmail(BIG_ORG, i), BENCH_PASSWORD));
    return { server: started, coach, athlete, athletes };
  }));

const scaleDataSection: BenchSection = {
  name: "Scale data: 20 organisations, 2,000 athletes, 2 years of weekly plans and runs",
  run: async () => {
    const { data } = await benchDatabase();
    const fast = !data.regenerated || data.seconds <= 60;
    return {
      table: [
        ["athletes", "planned sessions", "runs", "generated now", "seconds", "verdict"],
        [
          grouped(data.athletes),
          grouped(data.plannedSessions),
          grouped(data.runs),
          data.regenerated ? "yes" : "no (reused)",
          data.seconds.toFixed(1),
          verdict(fast),
        ],
      ],
      target: "generation (when needed) under 60 s",
      pass: fast,
    };
  },
};

const rosterSection: BenchSection = {
  name: "Roster of the coach of 200 athletes (roster.list in-process) vs hand-written SQL (the floor)",
  run: async () => {
    const result = await benchRoster(await benchDatabase());
    const ratio = result.roster.p50 / result.floor.p50;
    const cachedRatio = result.roster.p50 / result.cachedFloor.p50;
    const fastEnough = result.roster.p95 <= ROSTER_TARGET_P95_MS;
    const nearFloor = ratio <= ROSTER_TARGET_RATIO;
    return {
      table: [
        ["measure", "athletes", "p50", "p95", "target", "verdict"],
        [
          "roster.list",
          String(result.athletes),
          ms(result.roster.p50),
          ms(result.roster.p95),
          `p95 ≤ ${ROSTER_TARGET_P95_MS} ms`,
          verdict(fastEnough),
        ],
        [
          "floor: one query computing the same numbers from runs and plans",
          String(result.floorRows),
          ms(result.floor.p50),
          ms(result.floor.p95),
          "",
          "",
        ],
        ["roster ÷ floor (p50)", "", `${ratio.toFixed(2)}×`, "", `≤ ${ROSTER_TARGET_RATIO}×`, verdict(nearFloor)],
        [
          "roster.list, no digest valid (first call after a change of defaults)",
          String(result.athletes),
          ms(result.cold.p50),
          ms(result.cold.p95),
          "",
          "",
        ],
        [
          "one query reading the same cached digests",
          String(result.cachedFloorRows),
          ms(result.cachedFloor.p50),
          ms(result.cachedFloor.p95),
          "",
          "",
        ],
        ["roster ÷ that query (p50)", "", `${cachedRatio.toFixed(2)}×`, "", "(for information)", ""],
      ],
      target: `p95 ≤ ${ROSTER_TARGET_P95_MS} ms and ≤ ${ROSTER_TARGET_RATIO}× the floor`,
      pass: fastEnough && nearFloor,
      notes: [
        "10 warm-up calls, then 60 timed calls each; all in a transaction as the app role with the organisation set",
        "the roster serves weeks from cached digests (week_digests; the current week is recomputed once a day, any week as soon as its data changes)",
        "no digest valid: the organisation's training version is bumped before each of 10 calls, so all 1,000 weeks are evaluated and stored again",
        "the last ratio compares with a query that only reads the cache, to show what the request itself costs on top (session, tenant transaction, engine summaries)",
      ],
    };
  },
};

const statementsSection: BenchSection = {
  name: "SQL statements per request (connect(url, { onQuery }), after a warm-up call)",
  run: async () => {
    const db = await benchDatabase();
    const started = new Date();
    const counts = await countStatements(db);
    await removeLoggedRuns(db, started);
    const within = (c: { endpoint: string; statements: number }) => c.statements <= statementBudgetOf(c.endpoint);
    return {
      table: [
        ["endpoint", "as", "statements", "target", "verdict"],
        ...counts.map((c) => [
          c.endpoint,
          c.caller,
          String(c.statements),
          `≤ ${statementBudgetOf(c.endpoint)}`,
          verdict(within(c)),
        ]),
      ],
      target: `≤ ${STATEMENT_BUDGET} statements per request, runs.log ≤ ${RUN_LOG_STATEMENT_BUDGET} (the session lookup, begin, tenant entry and commit included)`,
      pass: counts.every(within),
      notes: ["counted as a request sends them: the request context's session lookup, then the procedure's"],
    };
  },
};

const httpSection: BenchSection = {
  name: `HTTP throughput of the production server (autocannon, ${HTTP_CONNECTIONS} connections, ${HTTP_SECONDS} s each; pgbench for PostgreSQL's ceiling)`,
  run: async () => {
    const db = await benchDatabase();
    const { server: running, coach, athletes } = await benchServer();
    const started = new Date();
    const figures = await benchHttp(
      running,
      { coach: coach.cookie, athletes: athletes.map((a) => a.cookie) },
      db.orgSlug,
    );
    // PostgreSQL alone, on the same database with the server idle: the same SQL as runs.log sends.
    const postgres = await benchPostgresCeiling(db, HTTP_CONNECTIONS);
    const removed = await removeLoggedRuns(db, started);
    const [, logRun, ceiling, noop] = figures as [
      unknown,
      (typeof figures)[number],
      (typeof figures)[number],
      (typeof figures)[number],
    ];
    const [wholeRequest, insertAlone] = postgres as [(typeof postgres)[number], (typeof postgres)[number]];
    const shareOfNoop = logRun.requestsPerSecond / noop.requestsPerSecond;
    const fastEnough = shareOfNoop >= LOG_RUN_MIN_SHARE_OF_NOOP;
    const clean = figures.every((f) => f.errors === 0 && f.non2xx === 0) && postgres.every((p) => p.failed === 0);
    const percent = (x: number) => `${(x * 100).toFixed(0)} %`;
    const blank = ["", "", "", "", "", "", ""];
    return {
      table: [
        [
          "endpoint",
          "req/s",
          "vs ceiling",
          "p50",
          "p99",
          "requests",
          "non-2xx",
          "errors",
          "server CPU/req",
          "PostgreSQL CPU/req",
        ],
        ...figures.map((f) => [
          f.name,
          f.requestsPerSecond.toFixed(0),
          percent(f.requestsPerSecond / ceiling.requestsPerSecond),
          `${f.p50} ms`,
          `${f.p99} ms`,
          grouped(f.requests),
          String(f.non2xx),
          String(f.errors),
          f.serverCpuMs === null ? "n/a" : `${f.serverCpuMs.toFixed(2)} ms`,
          f.databaseCpuMs === null ? "n/a" : `${f.databaseCpuMs.toFixed(2)} ms`,
        ]),
        [
          `runs.log ÷ me.get (target ≥ ${percent(LOG_RUN_MIN_SHARE_OF_NOOP)})`,
          percent(shareOfNoop),
          verdict(fastEnough),
          ...blank,
        ],
        ...postgres.map((p) => [
          `${p.name}, ${p.statementsPerTransaction} statements`,
          p.transactionsPerSecond.toFixed(0),
          "",
          "",
          "",
          grouped(p.transactions),
          "",
          String(p.failed),
          "",
          "",
        ]),
        [
          "runs.log ÷ PostgreSQL running its whole SQL",
          percent(logRun.requestsPerSecond / wholeRequest.transactionsPerSecond),
          "",
          ...blank,
        ],
      ],
      target: `0 errors and 0 non-2xx; logging a run ≥ ${percent(LOG_RUN_MIN_SHARE_OF_NOOP)} of the signed-in no-op's req/s (me.get, same run)`,
      pass: clean && fastEnough,
      notes: [
        `logging a run: ${percent(shareOfNoop)} of me.get's req/s (${verdict(fastEnough)}); ${percent(logRun.requestsPerSecond / ceiling.requestsPerSecond)} of a bare select 1`,
        `PostgreSQL alone runs runs.log's SQL at ${wholeRequest.transactionsPerSecond.toFixed(0)} requests/s and its durable insert (begin, tenant entry, write, commit) at ${insertAlone.transactionsPerSecond.toFixed(0)}/s: the app reaches ${percent(logRun.requestsPerSecond / wholeRequest.transactionsPerSecond)} of the former`,
        `pgbench: ${PGBENCH_SECONDS} s per script, ${HTTP_CONNECTIONS} clients, 2 threads, simple protocol (each statement parsed and planned, where the app prepares them), as the app's own login; scripts in bench/results/pgbench/`,
        "CPU/req: user + system time of the server process tree and of the embedded PostgreSQL over the run, divided by the requests served (Node serves requests on one core)",
        `errors: ${clean ? "none" : "SOME"} (${verdict(clean)}); ${grouped(removed)} benchmark runs removed afterwards`,
      ],
    };
  },
};

const rosterPageSection: BenchSection = {
  name: "Roster page of the coach of 200 athletes (GET /o/<slug>, production server, one request at a time)",
  run: async () => {
    const db = await benchDatabase();
    const { server: running, coach } = await benchServer();
    const result = await benchRosterPage(running, coach, db.orgSlug);
    const fast = result.p95 <= ROSTER_PAGE_TARGET_P95_MS;
    const small = result.htmlKb <= ROSTER_PAGE_TARGET_KB;
    const complete = result.athleteLinks === 200;
    return {
      table: [
        ["measure", "p50", "p95", "server CPU/req", "HTML kB", "gzip kB", "athletes linked", "verdict"],
        [
          "GET roster page",
          ms(result.p50),
          ms(result.p95),
          result.serverCpuMs === null ? "n/a" : ms(result.serverCpuMs),
          result.htmlKb.toFixed(1),
          result.gzipKb.toFixed(1),
          String(result.athleteLinks),
          verdict(fast && small && complete),
        ],
      ],
      target: `p95 ≤ ${ROSTER_PAGE_TARGET_P95_MS} ms and ≤ ${ROSTER_PAGE_TARGET_KB} kB of HTML, with all 200 athletes on the page`,
      pass: fast && small && complete,
      notes: [
        "5 warm-up requests, then 40 timed ones, each waiting for the whole body; the server runs on this machine, so the time is the server's",
        "server CPU/req: user + system time of the server process tree over the timed requests, divided by their number (latency grows with other load on the machine, this much less)",
        `time: ${verdict(fast)}; size: ${verdict(small)}; every athlete listed: ${verdict(complete)}`,
      ],
    };
  },
};

const firstLoadSection: BenchSection = {
  name: "First-load JavaScript per route (production build, headless Chromium, gzipped here)",
  run: async () => {
    const { server: running, coach, athlete } = await benchServer();
    const db = await benchDatabase();
    const loads = await benchFirstLoad(
      running,
      { coach, athlete },
      {
        orgSlug: db.orgSlug,
        athleteId: uuidOf(`bench-athlete-${BIG_ORG}-1`),
        weekStart: currentMonday(),
      },
    );
    const within = (kb: number) => kb <= FIRST_LOAD_TARGET_KB;
    return {
      table: [
        ["route", "path", "scripts", "gzip kB", "target", "verdict"],
        ...loads.map((l) => [
          l.route,
          l.path,
          String(l.scripts),
          l.gzipKb.toFixed(1),
          `≤ ${FIRST_LOAD_TARGET_KB}`,
          verdict(within(l.gzipKb)),
        ]),
      ],
      target: `≤ ${FIRST_LOAD_TARGET_KB} kB of gzipped JavaScript on every route's first load`,
      pass: loads.every((l) => within(l.gzipKb)),
    };
  },
};

const importsSection: BenchSection = {
  name: "Imports: hostile and large activity files through the worker pool, and one user's file while another's parses",
  run: async () => {
    const result = await benchImports(log);
    const refusals = result.cases.filter((c) => c.expected === "refused");
    const refusedFast = refusals.every((c) => c.outcome.startsWith("refused") && c.ms <= IMPORT_REFUSAL_TARGET_MS);
    const readAll = result.cases.filter((c) => c.expected === "read").every((c) => c.outcome.startsWith("read"));
    const pooled = result.fairness[0];
    const fair = pooled !== undefined && pooled.whileLargeMs <= IMPORT_WAIT_TARGET_MS;
    return {
      table: [
        ["file", "MB", "outcome", "wall ms", "CPU ms (all threads)", "peak RSS growth MB"],
        ...result.cases.map((c) => [
          c.name,
          (c.bytes / 1024 / 1024).toFixed(2),
          c.outcome.length > 80 ? `${c.outcome.slice(0, 77)}…` : c.outcome,
          c.ms.toFixed(0),
          c.cpuMs.toFixed(0),
          c.peakRssMb.toFixed(0),
        ]),
        ["", "", "", "", "", ""],
        ["another user's 3 KB FIT", "", "pool", "alone ms", "while a 24 MB GPX parses, ms", "the GPX took ms"],
        ...result.fairness.map((f) => [
          "",
          "",
          f.pool,
          f.aloneMs.toFixed(0),
          f.whileLargeMs.toFixed(0),
          f.largeMs.toFixed(0),
        ]),
      ],
      target: `hostile files refused within ${IMPORT_REFUSAL_TARGET_MS / 1000} s each, the largest accepted files read, and another user's small file answered within ${IMPORT_WAIT_TARGET_MS / 1000} s while a large one parses`,
      pass: refusedFast && readAll && fair,
      notes: [
        "wall ms: from handing the file to the pool to its answer (the worker is already running); CPU ms: the whole process, all threads; RSS: the whole process, sampled every 10 ms",
        `refusals: ${refusedFast ? "all within target" : "NOT all within target"}; large files: ${readAll ? "read" : "NOT all read"}; fairness: ${fair ? "within target" : "NOT within target"}`,
      ],
    };
  },
};

const calendarSection: BenchSection = {
  name: `Multi-week calendar, one athlete, ${CALENDAR_WEEKS} weeks with structured sessions (planCalendar.weeks in-process)`,
  run: async () => {
    const result = await benchCalendar(await benchDatabase());
    const pass = result.calendar.p95 <= CALENDAR_TARGET_P95_MS && result.weeks === CALENDAR_WEEKS;
    return {
      table: [
        ["weeks", "sessions", "p50", "p95", "verdict"],
        [
          String(result.weeks),
          String(result.sessions),
          ms(result.calendar.p50),
          ms(result.calendar.p95),
          verdict(pass),
        ],
      ],
      target: `p95 ≤ ${CALENDAR_TARGET_P95_MS} ms on the server`,
      pass,
      notes: [
        "three queries (weeks, sessions, runs) and the rules engine once per week",
        `for scale, the week builder's one week (weeks.get) at the same moment: p50 ${ms(result.oneWeek.p50)}, p95 ${ms(result.oneWeek.p95)}`,
      ],
    };
  },
};

const mailLatencySection: BenchSection = {
  name: `Mail latency: a comment's commit to the mail accepted by SMTP (${MAIL_EVENTS} events, job queue worker)`,
  run: async () => {
    const result = await benchMailLatency(log);
    return {
      table: [
        ["events", "p50", "p95", "max"],
        [String(result.samples.length), ms(result.p50), ms(result.p95), ms(result.max)],
      ],
      target: `p95 ≤ ${ms(MAIL_LATENCY_TARGET_P95_MS)}`,
      pass: result.p95 <= MAIL_LATENCY_TARGET_P95_MS,
      notes: ["one event at a time; the worker wakes on LISTEN/NOTIFY from the enqueuing transaction's commit"],
    };
  },
};

const clusterSection: BenchSection = {
  name: `Cluster: HAProxy → 1 and 2 next start instances → PgBouncer → pg_auto_failover primary (npm run cluster; autocannon, ${CLUSTER_CONNECTIONS} connections, ${CLUSTER_SECONDS} s each)`,
  run: async () => {
    const figures = await benchCluster(log);
    const rps = (name: string, instances: number) =>
      figures.find((f) => f.name === name && f.instances === instances)?.requestsPerSecond ?? 0;
    const names = [...new Set(figures.map((f) => f.name))];
    const ratios = names.map((name) => ({ name, ratio: rps(name, 2) / Math.max(rps(name, 1), 1e-9) }));
    const clean = figures.every((f) => f.errors === 0 && f.non2xx === 0);
    const scales = ratios.every((r) => r.ratio >= CLUSTER_TARGET_RATIO);
    return {
      table: [
        ["endpoint", "instances", "req/s", "p50", "p99", "non-2xx", "errors", "autocannon CPU"],
        ...figures.map((f) => [
          f.name,
          String(f.instances),
          f.requestsPerSecond.toFixed(0),
          `${f.p50} ms`,
          `${f.p99} ms`,
          String(f.non2xx),
          String(f.errors),
          `${(f.loadGeneratorCpuMsPerS / 10).toFixed(0)} % of a core`,
        ]),
      ],
      target: `0 errors and 0 non-2xx; 2 instances ≥ ${CLUSTER_TARGET_RATIO}× the req/s of 1, for each endpoint`,
      pass: clean && scales,
      notes: [
        ...ratios.map(
          (r) => `${r.name}: 2 instances give ${r.ratio.toFixed(2)}× one (${verdict(r.ratio >= CLUSTER_TARGET_RATIO)})`,
        ),
        "everything shares the machine's cores: both instances, PgBouncer, HAProxy, the two PostgreSQL nodes (synchronous replication: each commit waits for the standby's flush) and autocannon",
        `errors: ${clean ? "none" : "SOME"} (${verdict(clean)}); the cluster's data is thrown away when it stops`,
      ],
    };
  },
};

const SECTIONS: readonly BenchSection[] = [
  engineSection,
  importsSection,
  scaleDataSection,
  rosterSection,
  rosterPageSection,
  calendarSection,
  statementsSection,
  httpSection,
  firstLoadSection,
  mailLatencySection,
  clusterSection,
];

/** The sections to run: all of them, or with `--only <text>` those whose name contains <text>. */
function selectedSections(argv: readonly string[]): readonly BenchSection[] {
  const at = argv.indexOf("--only");
  if (at === -1) return SECTIONS;
  const text = argv[at + 1]?.toLowerCase();
  if (!text) throw new Error("--only needs the text of a section name");
  const chosen = SECTIONS.filter((section) => section.name.toLowerCase().includes(text));
  if (chosen.length === 0) throw new Error(`no bench section's name contains "${argv[at + 1]}"`);
  return chosen;
}

function printTable(rows: readonly string[][]): void {
  const widths = (rows[0] ?? []).map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  rows.forEach((row, index) => {
    console.log(`  ${row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join("   ")}`);
    if (index === 0) console.log(`  ${widths.map((width) => "-".repeat(width)).join("   ")}`);
  });
}

function markdownTable(rows: readonly string[][]): string {
  const [header = [], ...body] = rows;
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...body.map(line)].join("\n");
}

/** bench/results/ (git-ignored): the same tables, as JSON for tools and Markdown for people. */
function writeReports(results: ReadonlyArray<{ name: string } & SectionReport>): void {
  mkdirSync("bench/results", { recursive: true });
  const at = new Date().toISOString();
  writeFileSync(
    "bench/results/report.json",
    `${JSON.stringify({ at, pass: results.every((r) => r.pass), sections: results }, null, 2)}\n`,
  );
  const markdown = results.map((r) =>
    [
      `## ${r.name}`,
      "",
      markdownTable(r.table),
      "",
      ...(r.notes ?? []).map((n) => `- ${n}`),
      `- target: ${r.target}`,
      `- **${verdict(r.pass)}**`,
    ].join("\n"),
  );
  writeFileSync("bench/results/report.md", `# Benchmarks (${at})\n\n${markdown.join("\n\n")}\n`);
}

async function runSection(section: BenchSection): Promise<SectionReport> {
  try {
    return await section.run();
  } catch (error) {
    // One broken section must not hide the others' figures.
    return {
      table: [["error"], [String(error instanceof Error ? error.message : error)]],
      target: "runs to completion",
      pass: false,
    };
  }
}

const sections = selectedSections(process.argv.slice(2));
const results: Array<{ name: string } & SectionReport> = [];
try {
  for (const section of sections) {
    console.log(`\n${section.name}`);
    const report = await runSection(section);
    printTable(report.table);
    for (const note of report.notes ?? []) console.log(`  ${note}`);
    console.log(`  target: ${report.target}`);
    console.log(`  ${verdict(report.pass)}`);
    results.push({ name: section.name, ...report });
  }
} finally {
  if (server) await (await server).server.stop();
  if (database) await (await database).stop();
}
writeReports(results);
console.log("\nreport: bench/results/report.json, bench/results/report.md");
if (results.some((r) => !r.pass)) process.exitCode = 1;
