/**
 * PostgreSQL's own ceiling for logging a run: pgbench sending exactly the SQL one `runs.log` request
 * sends (captured with connect(url, { onQuery }) from a real call per athlete, parameters written in as
 * literals), with a fresh idempotency key and run id per transaction from `\set` random numbers, as
 * the app's own login (row-level security and its functions apply), with as many clients as the HTTP
 * section has connections. Two scripts: the whole request (session lookup, BEGIN, organisation entry,
 * the read, the write, COMMIT) and the durable insert alone (BEGIN, the tenant entry row-level
 * security needs, the write, COMMIT). Durable as the
 * app is: the server's own synchronous_commit, nothing turned off.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { createCaller } from "~/server/api/root";
import { findSessionAccount } from "~/server/data/accounts";
import { findSessionUser, findUserByEmail } from "~/server/data/users";
import { connect } from "~/server/db/connection";
import { openSession } from "~/test/sessions";
import type { BenchDatabase } from "./database";
import { athleteEmail, BIG_ORG } from "./scale-data";
import { benchRun } from "./statements";

export const PGBENCH_SECONDS = 5;

export interface PgbenchFigures {
  readonly name: string;
  readonly transactionsPerSecond: number;
  readonly transactions: number;
  readonly failed: number;
  readonly statementsPerTransaction: number;
}

/** Debian's pgbench: the server's version's, else the one on PATH. */
function pgbenchBinary(): string {
  const debian = "/usr/lib/postgresql/15/bin/pgbench";
  return existsSync(debian) ? debian : "pgbench";
}

/** A bound parameter as an SQL literal (the values drizzle sends: strings, numbers, booleans, null). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return `'${value.toISOString()}'`;
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** `query` with $1…$n replaced by literals (highest first, so $1 does not eat $10's prefix). */
function inlined(query: string, parameters: readonly unknown[]): string {
  let text = query;
  for (let i = parameters.length; i >= 1; i--) text = text.replaceAll(`$${i}`, literal(parameters[i - 1]));
  return text;
}

/** A UUID made of a pgbench random variable: fresh per transaction, the same SQL otherwise. */
const uuidOfVariable = (variable: string) => `00000000-0000-4000-8000-:${variable}`;

interface CapturedRequest {
  readonly statements: string[];
}

/**
 * One `runs.log` per athlete through the app's own login, its statements captured as a request sends
 * them: the request context's session lookup first, then the procedure's. The key and the run id
 * become the script's `:k` and `:r`.
 */
async function captureRunLogs(bench: BenchDatabase, athletes: number): Promise<CapturedRequest[]> {
  let log: Array<{ query: string; parameters: readonly unknown[] }> = [];
  const counted = connect(bench.appUrl, { max: 1, onQuery: (query, parameters) => log.push({ query, parameters }) });
  const captured: CapturedRequest[] = [];
  try {
    for (let i = 1; i <= athletes; i++) {
      const user = await findUserByEmail(bench.connection.db, athleteEmail(BIG_ORG, i));
      const sessionUser = user && (await findSessionUser(bench.connection.db, user.id));
      if (!sessionUser) throw new Error(`bench athlete ${i} is missing`);
      const secret = await openSession(bench.connection.db, sessionUser.id);
      const key = randomUUID();
      // A first call warms the connection (type lookups); the second is the one captured.
      for (const round of [0, 1]) {
        log = [];
        const account = await findSessionAccount(counted.db, secret);
        const caller = createCaller({ db: counted.db, user: account, sessionSecret: secret, clientAddress: null });
        const { run } = await caller.runs.log(benchRun(round === 0 ? randomUUID() : key, bench.orgSlug));
        if (round === 1)
          captured.push({
            statements: log.map(({ query, parameters }) =>
              inlined(query, parameters).replaceAll(key, uuidOfVariable("k")).replaceAll(run.id, uuidOfVariable("r")),
            ),
          });
      }
    }
  } finally {
    await counted.close();
  }
  return captured;
}

/** pgbench's "tps = …" and transaction counts from its summary. */
function parseSummary(output: string) {
  const tps = /tps = ([\d.]+)/.exec(output);
  const processed = /number of transactions actually processed: (\d+)/.exec(output);
  const failed = /number of failed transactions: (\d+)/.exec(output);
  if (!tps || !processed) throw new Error(`pgbench's output was not understood:\n${output}`);
  return { tps: Number(tps[1]), processed: Number(processed[1]), failed: failed ? Number(failed[1]) : 0 };
}

function runPgbench(url: string, scripts: string[], clients: number): ReturnType<typeof parseSummary> {
  const output = execFileSync(
    pgbenchBinary(),
    [
      "--no-vacuum",
      `--client=${clients}`,
      "--jobs=2",
      `--time=${PGBENCH_SECONDS}`,
      "--protocol=simple",
      ...scripts.flatMap((script) => ["--file", `${script}@1`]),
      url,
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 16 * 1024 * 1024 },
  );
  return parseSummary(output);
}

/**
 * Both scripts, one per athlete each (pgbench picks one at random per transaction, as the HTTP bench
 * spreads requests over its athletes). Returns the figures; the runs it logged are the caller's to remove.
 */
export async function benchPostgresCeiling(bench: BenchDatabase, clients: number): Promise<PgbenchFigures[]> {
  const captured = await captureRunLogs(bench, clients);
  const folder = resolve("bench/results/pgbench");
  mkdirSync(folder, { recursive: true });
  const header = ["\\set k random(100000000000, 999999999999)", "\\set r random(100000000000, 999999999999)"];
  const write = (name: string, statements: string[]) => {
    const path = resolve(folder, name);
    writeFileSync(path, `${[...header, ...statements.map((s) => `${s.trim()};`)].join("\n")}\n`);
    return path;
  };
  const whole = captured.map((request, i) => write(`run-log-${i + 1}.sql`, request.statements));
  // The durable insert alone: the statement that writes (the one claiming the key) in its transaction,
  // after the tenant entry that row-level security needs.
  const isInsert = (s: string) => /^(begin|commit)\b|^with claim as|app\.enter_member_session/i.test(s.trim());
  const inserts = captured.map((request, i) => write(`run-insert-${i + 1}.sql`, request.statements.filter(isInsert)));
  const figures: PgbenchFigures[] = [];
  for (const [name, scripts, count] of [
    [`pgbench: runs.log's SQL, whole request (${clients} clients)`, whole, captured[0]!.statements.length],
    [`pgbench: the durable insert alone: begin, tenant entry, write, commit (${clients} clients)`, inserts, 4],
  ] as const) {
    const result = runPgbench(bench.appUrl, [...scripts], clients);
    figures.push({
      name,
      transactionsPerSecond: result.tps,
      transactions: result.processed,
      failed: result.failed,
      statementsPerTransaction: count,
    });
  }
  return figures;
}
