/**
 * `npm run bench`: runs each bench section in turn and prints its table and verdict.
 * To add a benchmark (database, HTTP, ...), append a section to SECTIONS.
 * Exits with status 1 if any section misses its target.
 */
import { ENGINE_TARGET_RUNS_PER_SECOND, benchEngine } from "./engine";

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

const SECTIONS: readonly BenchSection[] = [engineSection];

function printTable(rows: readonly string[][]): void {
  const widths = (rows[0] ?? []).map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  rows.forEach((row, index) => {
    console.log(`  ${row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join("   ")}`);
    if (index === 0) console.log(`  ${widths.map((width) => "-".repeat(width)).join("   ")}`);
  });
}

let failed = false;
for (const section of SECTIONS) {
  console.log(`\n${section.name}`);
  const report = await section.run();
  printTable(report.table);
  for (const note of report.notes ?? []) console.log(`  ${note}`);
  console.log(`  target: ${report.target}`);
  console.log(`  ${report.pass ? "PASS" : "FAIL"}`);
  failed ||= !report.pass;
}
if (failed) process.exitCode = 1;
