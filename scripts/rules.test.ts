/**
 * The command-line contract, end to end: each case spawns the real CLI
 * (node node_modules/tsx/dist/cli.mjs scripts/rules.ts <command>) with a JSON document on stdin.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SPEC_EXAMPLES, WEEK_START, assertExpectations, run } from "../src/domain/rules/spec-examples.fixture";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TIMEOUT_MS = 60_000;

interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runCli(args: readonly string[], stdin: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/rules.ts", ...args], {
      cwd: ROOT,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** Runs the CLI and parses its stdout, which must be exactly one JSON document. */
async function cli(
  command: string,
  input: unknown,
): Promise<{ status: number | null; output: Record<string, unknown> }> {
  const result = await runCli([command], typeof input === "string" ? input : JSON.stringify(input));
  return { status: result.status, output: JSON.parse(result.stdout) as Record<string, unknown> };
}

async function expectInputError(command: string, input: unknown, path: (string | number)[]): Promise<void> {
  const { status, output } = await cli(command, input);
  expect(status).toBe(2);
  expect(Object.keys(output)).toEqual(["error"]);
  const error = output.error as { message: unknown; path: unknown };
  expect(Object.keys(error).sort()).toEqual(["message", "path"]);
  expect(typeof error.message).toBe("string");
  expect((error.message as string).length).toBeGreaterThan(0);
  expect(error.path).toEqual(path);
}

describe.concurrent("rules CLI: the spec's examples", () => {
  for (const example of SPEC_EXAMPLES) {
    it(
      example.name,
      async () => {
        const { status, output } = await cli(example.command, example.input);
        expect(status).toBe(0);
        assertExpectations(example.expectations(output), expect);
      },
      TIMEOUT_MS,
    );
  }

  it(
    "the contract's example document gives the documented shape",
    async () => {
      const { status, output } = await cli("evaluate", {
        weekStart: "2026-11-23",
        asOf: "2026-11-29",
        settings: { basis: "time" },
        plan: [{ id: "p1", date: "2026-11-23", kind: "recovery", durationMin: 30 }],
        runs: [
          { id: "r1", date: "2026-11-23", kind: "recovery", durationMin: 32, distanceKm: 4.6, rpe: 5, plannedId: "p1" },
        ],
        history: [{ id: "h1", date: "2026-11-01", kind: "aerobic", durationMin: 50, distanceKm: 9, rpe: 5 }],
        historyFrom: "2026-10-26",
        unknownField: "ignored",
      });
      expect(status).toBe(0);
      expect(Object.keys(output)).toEqual(["week", "basis", "plan", "actual", "compliance", "flags"]);
      expect(output.week).toEqual({ start: "2026-11-23", end: "2026-11-29" });
      expect(output.plan).toEqual({ status: "insufficient_data", proportions: null });
      expect(Object.keys(output.actual as object)).toEqual(["status", "proportions", "effortProportions", "load"]);
      expect(Object.keys((output.actual as { load: object }).load)).toEqual([
        "weekly",
        "daily",
        "monotony",
        "strain",
        "ratio",
      ]);
      expect(output.compliance).toEqual([{ plannedId: "p1", runId: "r1", percent: (32 * 100) / 30, color: "green" }]);
      expect(output.flags).toMatchObject([
        { code: "recovery_too_hard", severity: "warning", audience: "both", runId: "r1", values: { rpe: 5, max: 3 } },
      ]);
      const [flag] = output.flags as Record<string, unknown>[];
      expect(Object.keys(flag!).sort()).toEqual(
        ["audience", "code", "coachMessage", "message", "runId", "severity", "values"].sort(),
      );
      expect(flag!.coachMessage).toMatch(/^Recovery run on Monday at RPE 5 \(target 1–3\)/);
    },
    TIMEOUT_MS,
  );

  it(
    "plan checks, audience and excused days: one week through the command line",
    async () => {
      const { status, output } = await cli("evaluate", {
        weekStart: "2026-11-23",
        asOf: "2026-11-30",
        settings: { nearEdge: 0.05 },
        plan: [
          { id: "p1", date: "2026-11-23", kind: "recovery", durationMin: 45 },
          { id: "p2", date: "2026-11-24", kind: "aerobic", durationMin: 20 },
          { id: "p3", date: "2026-11-25", kind: "tempo", durationMin: 50 },
          { id: "p4", date: "2026-11-27", kind: "long", durationMin: 100 },
        ],
        runs: [
          { id: "r1", date: "2026-11-23", kind: "recovery", durationMin: 45, rpe: 2, plannedId: "p1" },
          { id: "r2", date: "2026-11-25", kind: "recovery", durationMin: 30, rpe: 2 },
        ],
        excused: [
          { date: "2026-11-25", reason: "travel" },
          { date: "2026-11-27", reason: "injured", note: "ignored" },
        ],
      });
      expect(status).toBe(0);
      expect(output.compliance).toEqual([
        { plannedId: "p1", runId: "r1", percent: 100, color: "green" },
        { plannedId: "p2", runId: null, percent: 0, color: "red" },
        { plannedId: "p3", runId: null, percent: null, color: "excused" },
        { plannedId: "p4", runId: null, percent: null, color: "excused" },
      ]);
      const flags = output.flags as Array<Record<string, unknown>>;
      const summary = flags
        .filter((flag) => flag.code !== "unplanned_session" && flag.measure !== undefined)
        .map((flag) => [flag.code, flag.measure, flag.audience, flag.plannedId ?? flag.runId])
        .sort();
      expect(summary).toEqual(
        [
          ["recovery_too_long", "plan", "coach", "p1"],
          ["aerobic_too_short", "plan", "coach", "p2"],
          // Of 215 planned minutes, 45 recovery (20.9 %) and 120 aerobic (55.8 %): both within 5 points.
          ["recovery_high", "plan", "coach", undefined],
          ["aerobic_low", "plan", "coach", undefined],
        ].sort(),
      );
      const planMix = flags.filter((flag) => flag.code === "recovery_high" || flag.code === "aerobic_low");
      expect(planMix.map((flag) => flag.severity)).toEqual(["info", "info"]);
      expect(flags.filter((flag) => flag.code === "missed_session").map((flag) => flag.plannedId)).toEqual(["p2"]);
      expect(flags.find((flag) => flag.code === "recovery_too_long" && flag.runId === "r1")?.audience).toBe("both");
    },
    TIMEOUT_MS,
  );

  it(
    "paces gives VDOT, training paces and predictions in seconds",
    async () => {
      const { status, output } = await cli("paces", { distanceM: 5000, timeS: 1200 });
      expect(status).toBe(0);
      expect(Object.keys(output)).toEqual(["vdot", "paces", "predictions"]);
      expect(Object.keys(output.paces as object)).toEqual([
        "easy",
        "marathonSPerKm",
        "thresholdSPerKm",
        "intervalSPerKm",
        "repetitionSPer400m",
      ]);
      expect(Object.keys((output.paces as { easy: object }).easy)).toEqual(["fromSPerKm", "toSPerKm"]);
    },
    TIMEOUT_MS,
  );
});

describe.concurrent("rules CLI: invalid input exits 2 with {error: {message, path}}", () => {
  const week = (runs: unknown[]) => ({ weekStart: WEEK_START, runs });
  const recovery = run("r1", 1, "recovery", 30, 2);

  it.each([
    ["unknown kind", week([{ ...recovery, kind: "jog" }]), ["runs", 0, "kind"]],
    ["RPE 0", week([{ ...recovery, rpe: 0 }]), ["runs", 0, "rpe"]],
    ["RPE 11", week([{ ...recovery, rpe: 11 }]), ["runs", 0, "rpe"]],
    ["RPE 4.5", week([{ ...recovery, rpe: 4.5 }]), ["runs", 0, "rpe"]],
    ["negative duration", week([{ ...recovery, durationMin: -30 }]), ["runs", 0, "durationMin"]],
    [
      "missing duration",
      week([{ id: "r1", date: "2026-11-24", kind: "recovery", rpe: 2 }]),
      ["runs", 0, "durationMin"],
    ],
    ["malformed date 2026-02-30", week([{ ...recovery, date: "2026-02-30" }]), ["runs", 0, "date"]],
    ["run outside the week", week([recovery, { ...recovery, id: "r2", date: "2026-11-30" }]), ["runs", 1, "date"]],
    ["malformed weekStart", { weekStart: "2026/11/23", runs: [] }, ["weekStart"]],
    [
      "excused day with an unknown reason",
      { ...week([]), excused: [{ date: "2026-11-24", reason: "tired" }] },
      ["excused", 0, "reason"],
    ],
    [
      "excused day with a malformed date",
      {
        ...week([]),
        excused: [
          { date: "2026-11-24", reason: "ill" },
          { date: "2026-11-31", reason: "ill" },
        ],
      },
      ["excused", 1, "date"],
    ],
    ["excused not a list", { ...week([]), excused: "2026-11-24" }, ["excused"]],
    ["nearEdge above 1", { ...week([]), settings: { nearEdge: 2 } }, ["settings", "nearEdge"]],
  ])("%s", async (_name, input, path) => expectInputError("evaluate", input, path), TIMEOUT_MS);

  it("invalid JSON", async () => expectInputError("evaluate", "{ not json", []), TIMEOUT_MS);
  it("a JSON document that is not an object", async () => expectInputError("evaluate", "[]", []), TIMEOUT_MS);
  it(
    "paces with a negative distance",
    async () => expectInputError("paces", { distanceM: -1, timeS: 1200 }, ["distanceM"]),
    TIMEOUT_MS,
  );
  it("an unknown command", async () => expectInputError("evaluat", { weekStart: WEEK_START }, []), TIMEOUT_MS);

  it(
    "no command at all",
    async () => {
      const result = await runCli([], "{}");
      expect(result.status).toBe(2);
      expect(JSON.parse(result.stdout)).toMatchObject({ error: { path: [] } });
    },
    TIMEOUT_MS,
  );
});
