/**
 * Throughput through the local production topology (`npm run cluster`, ADR 022): HAProxy → `next
 * start` instances → PgBouncer → the pg_auto_failover primary, with one instance in rotation and then
 * two (the second is disabled and enabled on HAProxy's admin socket, so both measurements share one
 * cluster and one database). Logging a run (a fresh idempotency key per request, athletes in turn) and
 * the demo coach's roster. autocannon runs in this process with few connections: its own CPU is
 * reported, since it shares the machine's cores with everything it measures.
 */
import { randomUUID } from "node:crypto";
import { connect as netConnect } from "node:net";
import { join, resolve } from "node:path";
import autocannon from "autocannon";
import { demoAccounts } from "~/server/seed/seed-demo";
import { signIn } from "../scripts/lib/http-client";
import { startCluster, type Cluster } from "../scripts/cluster/cluster";
import { runInput } from "../scripts/cluster/load";

export const CLUSTER_CONNECTIONS = 8;
export const CLUSTER_SECONDS = 10;
/** Two instances must serve at least this many times one instance's requests per second. */
export const CLUSTER_TARGET_RATIO = 1.6;

export interface ClusterFigures {
  name: string;
  instances: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** CPU of this process (autocannon) per second of measurement, in ms: its share of the cores. */
  loadGeneratorCpuMsPerS: number;
}

const STATE_NAME = "bench";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One command on HAProxy's admin socket (the cluster's configuration puts it in .cluster/<name>/conf). */
function haproxyCommand(command: string): Promise<string> {
  return new Promise((done, fail) => {
    const socket = netConnect(join(resolve(".cluster", STATE_NAME, "conf"), "haproxy.sock"));
    let out = "";
    socket.on("data", (chunk) => (out += chunk.toString()));
    socket.on("error", fail);
    socket.on("end", () => done(out));
    socket.end(`${command}\n`);
  });
}

async function measure(
  name: string,
  instances: number,
  options: Parameters<typeof autocannon>[0],
): Promise<ClusterFigures> {
  const cpu = process.cpuUsage();
  const result = await autocannon({ connections: CLUSTER_CONNECTIONS, duration: CLUSTER_SECONDS, ...options });
  const used = process.cpuUsage(cpu);
  return {
    name,
    instances,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    loadGeneratorCpuMsPerS: (used.user + used.system) / 1000 / CLUSTER_SECONDS,
  };
}

export async function benchCluster(log: (line: string) => void): Promise<ClusterFigures[]> {
  let cluster: Cluster | undefined;
  try {
    cluster = await startCluster({ name: STATE_NAME, basePort: 55400, instances: 2, log });
    const url = cluster.url;
    const { coaches, athletes, password, orgSlug } = demoAccounts();
    const coach = await signIn(url, coaches[0]!.email, password);
    const athleteCookies = await Promise.all(athletes.map(async (a) => (await signIn(url, a.email, password)).cookie));
    const rosterInput = encodeURIComponent(JSON.stringify({ json: { orgSlug } }));
    let sent = 0;
    const logRun = (instances: number) =>
      measure(`POST runs.log (${athletes.length} athletes)`, instances, {
        url: `${url}/api/trpc/runs.log`,
        method: "POST",
        headers: { cookie: athleteCookies[0]!, "content-type": "application/json", origin: url },
        body: JSON.stringify({ json: runInput(orgSlug, randomUUID()) }),
        requests: [
          {
            method: "POST",
            // Spread over the past year, as in the HTTP section (bench/http.ts): a week that filled
            // up during the first measurement would make the second one slower than the first.
            setupRequest: (request) => {
              const n = sent++;
              return {
                ...request,
                headers: { ...request.headers, cookie: athleteCookies[n % athleteCookies.length]! },
                body: JSON.stringify({ json: runInput(orgSlug, randomUUID(), 1 + (n % 364)) }),
              };
            },
          },
        ],
      });
    const roster = (instances: number) =>
      measure(`GET roster.list (demo coach, ${athletes.length} athletes)`, instances, {
        url: `${url}/api/trpc/roster.list?input=${rosterInput}`,
        headers: { cookie: coach.cookie },
      });

    const figures: ClusterFigures[] = [];
    // One instance: app-2 out of rotation (its process keeps running, idle).
    await haproxyCommand("disable server instances/app-2");
    await sleep(1_000);
    figures.push(await logRun(1));
    await sleep(2_000);
    figures.push(await roster(1));
    await haproxyCommand("enable server instances/app-2");
    await sleep(3_000);
    figures.push(await logRun(2));
    await sleep(2_000);
    figures.push(await roster(2));
    return figures;
  } finally {
    await cluster?.stop();
  }
}
