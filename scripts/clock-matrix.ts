/**
 * `npm run test:clock-matrix`: the suites at seven fixed moments of a week (Monday to Sunday, around
 * midnight in the demo athletes' zones and across a daylight-saving change) and with the machine in two
 * time zones, to prove they do not depend on the calendar (ADR 014). The app's clock is set per run
 * with RUNBALANCE_TEST_NOW (src/lib/clock.ts), the machine's zone with TZ; one build serves every run
 * (the clock is read at run time by a build made with RUNBALANCE_TEST_BUILD=1).
 *
 *   npm run test:clock-matrix -- [--only sat-morning,mon-late] [--zones Pacific/Auckland]
 *     [--suites unit,integration,e2e,resilience] [--resilience once|all|none] [--no-build]
 *     [--e2e-specs e2e/a.spec.ts,e2e/b.spec.ts]
 *   npm run --silent test:clock-matrix -- --print-instant sat-morning   (the instant only, for a script)
 *
 * Resilience runs once per zone (at the last moment chosen) unless `--resilience all` or `none`.
 * Integration runs use DATABASE_URL when set (the machine's PostgreSQL), else an embedded one.
 * Prints a table and exits non-zero when any run failed; each run's output goes to
 * .data/clock-matrix/<instant>-<zone>-<suite>.log.
 */
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { now } from "~/lib/clock";
import { zonedDateTimeToUtc, zonedParts } from "~/lib/zoned-time";

/** The demo athletes live in Europe and the Americas; the end-to-end athlete (Tom) is in Berlin. */
const BERLIN = "Europe/Berlin";
const LONDON = "Europe/London";
const DAY_MS = 86_400_000;
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

interface Moment {
  name: string;
  /** 0 = Sunday. */
  weekday: number;
  /** Wall-clock time ("HH:MM") in `zone`. */
  time: string;
  zone: string;
  why: string;
  /** Only on a day the zone changes its clocks (Europe: last Sunday of March and of October). */
  dstChange?: boolean;
}

export const MOMENTS: Moment[] = [
  { name: "mon-late", weekday: 1, time: "23:58", zone: BERLIN, why: "2 minutes before midnight in Berlin" },
  {
    name: "tue-midnight",
    weekday: 2,
    time: "00:02",
    zone: BERLIN,
    why: "just after midnight in Berlin, still Monday in London and New York",
  },
  { name: "wed-midnight-london", weekday: 3, time: "00:03", zone: LONDON, why: "just after midnight in London" },
  { name: "thu-noon", weekday: 4, time: "12:00", zone: BERLIN, why: "midday" },
  { name: "fri-evening", weekday: 5, time: "21:30", zone: BERLIN, why: "evening, the week almost over" },
  {
    name: "sat-morning",
    weekday: 6,
    time: "09:00",
    zone: BERLIN,
    why: "the issue's Saturday: a long run planned today",
  },
  {
    name: "sun-dst",
    weekday: 0,
    time: "03:30",
    zone: BERLIN,
    why: "the Sunday Europe changes its clocks, 30 minutes after the change",
    dstChange: true,
  },
];

export const MACHINE_ZONES = ["Pacific/Auckland", "America/Los_Angeles"];
const SUITES = ["unit", "integration", "e2e", "resilience"] as const;
type Suite = (typeof SUITES)[number];

/** Whether the wall-clock offset of `zone` changes during the calendar day `date` ("YYYY-MM-DD"). */
function clocksChangeOn(date: string, zone: string): boolean {
  return (
    zonedDateTimeToUtc(date, "00:00", zone).getTime() + DAY_MS !==
    zonedDateTimeToUtc(nextDay(date), "00:00", zone).getTime()
  );
}

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** The next occurrence of a moment strictly after `from` (realistic dates: the next such week). */
export function resolveMoment(moment: Moment, from: Date): Date {
  let date = zonedParts(from, moment.zone).date;
  for (let i = 0; i < 400; i++, date = nextDay(date)) {
    if (new Date(`${date}T00:00:00Z`).getUTCDay() !== moment.weekday) continue;
    if (moment.dstChange && !clocksChangeOn(date, moment.zone)) continue;
    const instant = zonedDateTimeToUtc(date, moment.time, moment.zone);
    if (instant.getTime() > from.getTime()) return instant;
  }
  throw new Error(`no ${moment.name} within 400 days`);
}

interface Options {
  only: string[] | null;
  zones: string[];
  suites: Suite[];
  resilience: "once" | "all" | "none";
  build: boolean;
  /** Only these browser specs (CI's second moment runs the calendar-dependent ones), else all. */
  e2eSpecs: string[];
  printInstant: string | null;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      only: { type: "string" },
      zones: { type: "string" },
      suites: { type: "string" },
      resilience: { type: "string", default: "once" },
      "no-build": { type: "boolean", default: false },
      "e2e-specs": { type: "string" },
      "print-instant": { type: "string" },
    },
  });
  const list = (value: string | undefined) => (value ? value.split(",").map((s) => s.trim()) : null);
  const only = list(values.only);
  for (const name of [...(only ?? []), ...(values["print-instant"] ? [values["print-instant"]] : [])]) {
    if (!MOMENTS.some((m) => m.name === name)) {
      throw new Error(`unknown instant ${name}; one of ${MOMENTS.map((m) => m.name).join(", ")}`);
    }
  }
  const suites = (list(values.suites) ?? [...SUITES]) as Suite[];
  for (const suite of suites) if (!SUITES.includes(suite)) throw new Error(`unknown suite ${suite}`);
  const resilience = values.resilience as Options["resilience"];
  if (!["once", "all", "none"].includes(resilience)) throw new Error("--resilience is once, all or none");
  return {
    only,
    zones: list(values.zones) ?? MACHINE_ZONES,
    suites,
    resilience,
    build: !values["no-build"],
    e2eSpecs: list(values["e2e-specs"]) ?? [],
    printInstant: values["print-instant"] ?? null,
  };
}

const logDir = resolve(".data/clock-matrix");

/** Runs a command with its output in a log file; resolves to whether it passed. */
function run(command: string, args: string[], env: Record<string, string>, log: string): Promise<boolean> {
  return new Promise((done) => {
    const out = createWriteStream(log);
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on("error", (error) => {
      out.end(`\n${String(error)}\n`);
      done(false);
    });
    child.on("close", (code) => {
      out.end(`\nexit ${code}\n`, () => {
        // A failure's end is printed too, so that CI's output says what failed.
        if (code !== 0) console.log(`\n--- last lines of ${log} ---\n${readFileSync(log, "utf8").slice(-6000)}`);
        done(code === 0);
      });
    });
  });
}

const npx = (args: string[]) => ["npx", args] as const;
const commands: Record<Suite, readonly [string, string[]]> = {
  unit: npx(["vitest", "run", "--project", "unit"]),
  integration: npx(["vitest", "run", "--project", "integration"]),
  e2e: ["bash", ["scripts/e2e.sh"]],
  resilience: npx(["vitest", "run", "-c", "vitest.resilience.config.ts"]),
};

/** Whether the build in .next honours the test clock (next.config.ts inlined RUNBALANCE_TEST_BUILD="1"). */
export function isTestBuild(dir = resolve(".next/server")): boolean {
  if (!existsSync(dir)) return false;
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
  return files.some((f) => readFileSync(join(dir, f), "utf8").includes("RUNBALANCE_TEST_NOW"));
}

interface Row {
  moment: Moment;
  instant: Date;
  zone: string;
  results: Partial<Record<Suite, { ok: boolean; seconds: number }>>;
}

/** A Markdown table: instant, its weekday and wall-clock time in the moment's zone, the machine's TZ, results. */
function table(rows: Row[], suites: Suite[]): string {
  const header = ["instant", "UTC", "weekday, time (zone)", "machine TZ", ...suites, "seconds"];
  const lines = rows.map((r) => {
    const local = zonedParts(r.instant, r.moment.zone);
    const weekday = WEEKDAYS[new Date(`${local.date}T00:00:00Z`).getUTCDay()];
    const cells = suites.map((s) => (r.results[s] ? (r.results[s].ok ? "pass" : "FAIL") : "–"));
    const seconds = Object.values(r.results).reduce((sum, x) => sum + x.seconds, 0);
    return [
      r.moment.name,
      r.instant.toISOString().slice(0, 16) + "Z",
      `${weekday} ${local.date} ${local.time} (${r.moment.zone})`,
      r.zone,
      ...cells,
      String(seconds),
    ];
  });
  return [header, header.map(() => "---"), ...lines].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

async function main() {
  const opts = options();
  if (opts.printInstant) {
    console.log(
      resolveMoment(
        MOMENTS.find((m) => m.name === opts.printInstant)!,
        now(),
      ).toISOString(),
    );
    return;
  }
  mkdirSync(logDir, { recursive: true });
  const moments = MOMENTS.filter((m) => !opts.only || opts.only.includes(m.name));
  const from = now();

  if (opts.suites.includes("e2e") || opts.suites.includes("resilience")) {
    if (opts.build) {
      console.log("building once with RUNBALANCE_TEST_BUILD=1 (npx next build)…");
      const built = await run("npx", ["next", "build"], { RUNBALANCE_TEST_BUILD: "1" }, join(logDir, "build.log"));
      if (!built) throw new Error(`the build failed: see ${join(logDir, "build.log")}`);
      const worker = await run("npx", ["tsx", "scripts/build-service-worker.ts"], {}, join(logDir, "sw.log"));
      if (!worker) throw new Error(`the service worker's build failed: see ${join(logDir, "sw.log")}`);
    } else if (!isTestBuild()) {
      throw new Error("--no-build needs a build made with RUNBALANCE_TEST_BUILD=1 in .next (scripts/e2e.sh makes one)");
    }
  }

  const rows: Row[] = [];
  // Moment by moment, both zones each: a run cut short still covers both zones for what it did.
  for (const [index, moment] of moments.entries()) {
    const instant = resolveMoment(moment, from);
    for (const zone of opts.zones) {
      const row: Row = { moment, instant, zone, results: {} };
      rows.push(row);
      const suites = opts.suites.filter(
        (s) =>
          s !== "resilience" ||
          opts.resilience === "all" ||
          (opts.resilience === "once" && index === moments.length - 1),
      );
      for (const suite of suites) {
        const started = performance.now();
        const env = { RUNBALANCE_TEST_NOW: instant.toISOString(), TZ: zone, E2E_SKIP_BUILD: "1" };
        const log = join(logDir, `${moment.name}-${zone.replace(/\W/g, "_")}-${suite}.log`);
        process.stdout.write(`${moment.name} (${instant.toISOString()}) TZ=${zone} ${suite}… `);
        const [command, args] = commands[suite];
        const ok = await run(command, suite === "e2e" ? [...args, ...opts.e2eSpecs] : args, env, log);
        const seconds = Math.round((performance.now() - started) / 1000);
        row.results[suite] = { ok, seconds };
        console.log(ok ? `pass (${seconds} s)` : `FAIL (${seconds} s): ${log}`);
      }
      // The table so far, in case the run is stopped before the end.
      writeFileSync(join(logDir, `table-${opts.only?.join("+") ?? "all"}.md`), `${table(rows, opts.suites)}\n`);
    }
  }

  console.log(`\n${table(rows, opts.suites)}\n`);
  const failed = rows.some((r) => Object.values(r.results).some((x) => !x.ok));
  console.log(failed ? "clock matrix: FAILED" : "clock matrix: all passed");
  process.exit(failed ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
