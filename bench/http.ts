/**
 * HTTP throughput of the production server with autocannon: the coach's roster (GET), logging a
 * run (POST, a fresh idempotency key per request, so every request really inserts), and the
 * ceiling: a bare route doing `select 1` on the same pool. For scale, an authenticated call that
 * does nothing (me.get): what the fixed stack (next-auth session, tRPC, a tenant transaction) costs
 * before any work. Runs are logged by as many athletes as there are connections, as in real use:
 * one athlete logging a run per connection, not one athlete logging 20 runs at a time (their runs
 * would queue on that athlete's row, bumped by every run they log).
 */
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import { treeCpuMs } from "./process-cpu";
import type { BenchServer } from "./server";
import { benchRun } from "./statements";

export const HTTP_CONNECTIONS = 20;
export const HTTP_SECONDS = 20;
/**
 * Logging a run must keep this share of a signed-in call that does nothing (me.get): the write's own
 * cost on top of the fixed stack (session, tRPC, a tenant transaction), measured side by side (issue 18).
 */
export const LOG_RUN_MIN_SHARE_OF_NOOP = 0.5;

export interface HttpFigures {
  readonly name: string;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly requests: number;
  /** CPU per request of the app server, and of the embedded PostgreSQL (null when it is not ours). */
  readonly serverCpuMs: number | null;
  readonly databaseCpuMs: number | null;
}

/**
 * The embedded PostgreSQL is the bench process's own child, like the server: everything this process
 * started except the server (no browser runs during this section) is the database. The bench process
 * itself (autocannon) is left out. With BENCH_DATABASE_URL the database is not ours: its figure then
 * stays near 0 and means nothing.
 */
const cpu = (server: BenchServer) => ({
  server: treeCpuMs(server.pid),
  database: process.env.BENCH_DATABASE_URL
    ? null
    : treeCpuMs(process.pid, { exclude: [server.pid], descendantsOnly: true }),
});

async function measure(
  server: BenchServer,
  name: string,
  options: Parameters<typeof autocannon>[0],
): Promise<HttpFigures> {
  const before = cpu(server);
  const result = await autocannon({ connections: HTTP_CONNECTIONS, duration: HTTP_SECONDS, ...options });
  const after = cpu(server);
  const perRequest = (from: number | null, to: number | null) =>
    from === null || to === null || result.requests.total === 0 ? null : (to - from) / result.requests.total;
  return {
    serverCpuMs: perRequest(before.server, after.server),
    databaseCpuMs: perRequest(before.database, after.database),
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    requests: result.requests.total,
  };
}

/**
 * Requests autocannon gave up on (timeouts) are still being served: let the server drain them so
 * one measurement's backlog does not slow the next one down.
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10_000));

export async function benchHttp(
  server: BenchServer,
  sessions: { coach: string; athletes: readonly string[] },
  orgSlug: string,
): Promise<HttpFigures[]> {
  const rosterInput = encodeURIComponent(JSON.stringify({ json: { orgSlug } }));
  const roster = await measure(server, "GET roster.list (coach of 200)", {
    url: `${server.baseUrl}/api/trpc/roster.list?input=${rosterInput}`,
    headers: { cookie: sessions.coach },
  });
  await settle();
  let sent = 0;
  const logRun = await measure(server, `POST runs.log (${sessions.athletes.length} athletes)`, {
    url: `${server.baseUrl}/api/trpc/runs.log`,
    method: "POST",
    headers: { cookie: sessions.athletes[0]!, "content-type": "application/json", origin: server.baseUrl },
    // autocannon applies setupRequest only per entry of `requests`; the top-level body is still
    // needed (without it, requests went out without a body: 400s).
    body: JSON.stringify({ json: benchRun(randomUUID(), orgSlug) }),
    requests: [
      {
        method: "POST",
        // Each athlete's runs spread over the past year, as a real log is: one or two more a week.
        // All on one day, every athlete's day held ~75 runs by the end, which each log read and judged.
        setupRequest: (request) => {
          const n = sent++;
          return {
            ...request,
            headers: { ...request.headers, cookie: sessions.athletes[n % sessions.athletes.length]! },
            body: JSON.stringify({ json: benchRun(randomUUID(), orgSlug, 1 + (n % 364)) }),
          };
        },
      },
    ],
  });
  await settle();
  const ceiling = await measure(server, "GET select 1 (ceiling)", { url: `${server.baseUrl}/api/bench/select-1` });
  await settle();
  const noop = await measure(server, "GET me.get (signed in, no work)", {
    url: `${server.baseUrl}/api/trpc/me.get`,
    headers: { cookie: sessions.athletes[0]! },
  });
  return [roster, logRun, ceiling, noop];
}
