/**
 * `npm run test:cluster`: starts the cluster (cluster.ts) with two instances and proves, under a load
 * of writes over the real HTTP API (ADR 022, issue 18 points 2–4):
 * - read-your-writes: a user's history read right after their run shows it;
 * - replica lag: WAL position on the primary → replayed on the standby, p50/p95;
 * - failover: node A SIGKILLed mid-load: outage, 500s (0), lost acknowledged writes (0), duplicates
 *   per idempotency key (0), the app back by itself, every surface 503 + Retry-After meanwhile;
 * - instance loss: one `next start` SIGKILLed mid-load while it holds a mail job: HAProxy stops
 *   sending to it within its checks, each request fails at most once, no write lost, the job is
 *   finished by the other instance.
 * Prints a table of figures and each phase's duration; exits 1 when a check fails.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { demoAccounts } from "~/server/seed/seed-demo";
import { header, startTestSmtp, type TestSmtp } from "~/test/smtp";
import { signIn, trpcMutation, type Session } from "../lib/http-client";
import { HAPROXY_CHECK, startCluster, type Cluster } from "./cluster";
import { percentile, runInput, WriteLoad, type Answer } from "./load";

const INSTANCES = 2;
const CLIENTS = 4;
const BASE_PORT = 55450;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number) => (ms / 1000).toFixed(2);

interface Row {
  check: string;
  value: string;
  target: string;
  ok: boolean | null;
}
const rows: Row[] = [];
const record = (check: string, value: string | number, target: string, ok: boolean | null) =>
  rows.push({ check, value: String(value), target, ok });

const phases: { name: string; ms: number }[] = [];
async function phase<T>(name: string, body: () => Promise<T>): Promise<T> {
  console.log(`[test:cluster] ${name} …`);
  const started = performance.now();
  try {
    return await body();
  } finally {
    phases.push({ name, ms: performance.now() - started });
  }
}

async function until<T>(
  what: string,
  probe: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  timeoutMs: number,
  everyMs = 50,
) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`timed out (${timeoutMs} ms) waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** What the database holds for the keys a load sent: keys acknowledged but missing, and keys with more than one run. */
async function verifyWrites(cluster: Cluster, load: WriteLoad) {
  // Read from whichever node is the read-write one now (a superuser: row-level security does not hide rows).
  const hosts = Object.values(cluster.ports.nodes)
    .map((p) => `127.0.0.1:${p}`)
    .join(",");
  const sql = postgres(`postgres://postgres@${hosts}/runbalance?target_session_attrs=read-write`, {
    max: 1,
    onnotice: () => {},
  });
  try {
    const [node] = await sql<{ port: number; recovery: boolean }[]>`
      select inet_server_port() as port, pg_is_in_recovery() as recovery`;
    const keys = [...new Set(load.answers.map((a) => a.key))];
    const counts = await sql<{ notes: string; n: number }[]>`
      select notes, count(*)::int as n from runs where notes = any(${keys}) group by notes`;
    const found = new Map(counts.map((c) => [c.notes, c.n]));
    return {
      readFrom: node!.port,
      inRecovery: node!.recovery,
      acknowledged: load.acknowledged.length,
      lost: load.acknowledged.filter((a) => !found.has(a.key)).length,
      duplicates: counts.filter((c) => c.n > 1).length,
      unresolved: load.pending.size,
    };
  } finally {
    await sql.end({ timeout: 1 });
  }
}

const statusSummary = (answers: readonly Answer[]) => {
  const counts = new Map<string, number>();
  for (const a of answers) {
    const label = a.status === 0 ? `no answer (${a.error})` : `${a.status}${a.retryAfter ? " retry-after" : ""}`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, n]) => `${label} ×${n}`).join(", ") || "none";
};

/** The instance (index) whose process holds an open connection to `port` (the test SMTP server). */
function instanceConnectedTo(cluster: Cluster, port: number): number | null {
  const out = execFileSync("ss", ["-tnpH", "state", "established", `( dport = :${port} )`]).toString();
  const groups = cluster.instanceGroups();
  for (const match of out.matchAll(/pid=(\d+)/g)) {
    const stat = readFileSync(`/proc/${match[1]}/stat`, "utf8");
    // Field 5 is the process group; the command name (field 2) is parenthesised and may hold spaces.
    const pgid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
    const index = groups.indexOf(pgid);
    if (index >= 0) return index;
  }
  return null;
}

/** Every HTTP surface while the database switches: tRPC, a route handler, a page, the health check. */
function probeSurfaces(cluster: Cluster, session: Session, orgSlug: string) {
  const statuses = new Map<string, Map<string, number>>();
  let running = true;
  const targets: Record<string, string> = {
    "tRPC query (history)": `/api/trpc/athleteWeeks.history?input=${encodeURIComponent(JSON.stringify({ json: { orgSlug, weeks: 2 } }))}`,
    "route handler (runs.csv)": `/o/${orgSlug}/runs.csv`,
    "page (athlete home)": `/o/${orgSlug}`,
    "/api/health": "/api/health",
  };
  const done = (async () => {
    while (running) {
      await Promise.all(
        Object.entries(targets).map(async ([name, path]) => {
          let label: string;
          try {
            const response = await fetch(`${cluster.url}${path}`, {
              headers: { cookie: session.cookie },
              redirect: "manual",
              signal: AbortSignal.timeout(10_000),
            });
            await response.arrayBuffer();
            // A page that finds the database down sends the reader to /unavailable (503, Retry-After).
            const to = response.headers.get("location");
            label = to?.startsWith("/unavailable?")
              ? `${response.status} to /unavailable`
              : `${response.status}${response.headers.get("retry-after") ? " retry-after" : ""}`;
          } catch {
            label = "no answer";
          }
          const forName = statuses.get(name) ?? new Map<string, number>();
          forName.set(label, (forName.get(label) ?? 0) + 1);
          statuses.set(name, forName);
        }),
      );
      await sleep(200);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return statuses;
    },
  };
}

async function main(): Promise<boolean> {
  let cluster: Cluster | undefined;
  let smtp: TestSmtp | undefined;
  const all500s: Answer[] = [];
  try {
    smtp = await startTestSmtp();
    const smtpPort = Number(new URL(smtp.url).port);
    cluster = await phase(`start the cluster (${INSTANCES} instances)`, () =>
      startCluster({
        name: "test",
        basePort: BASE_PORT,
        instances: INSTANCES,
        appEnv: { SMTP_URL: smtp!.url },
        log: (line) => console.log(`[cluster] ${line}`),
      }),
    );
    const c = cluster;
    const { athletes, coaches, password, orgSlug } = demoAccounts();
    const sessions = await phase("sign in (4 athletes, 1 coach)", () =>
      Promise.all(athletes.slice(0, CLIENTS).map((a) => signIn(c.url, a.email, password))),
    );
    const coach = await signIn(c.url, coaches[0]!.email, password);

    // 1. Read-your-writes: log a run, read the history at once (round-robin: often on the other instance).
    await phase("read-your-writes over HTTP", async () => {
      let misses = 0;
      const routes = new Map<string, number>();
      const reads = 20;
      for (let i = 0; i < reads; i++) {
        const session = sessions[i % sessions.length]!;
        const logged = await trpcMutation<{ run: { id: string } }>(
          session,
          "runs.log",
          runInput(orgSlug, randomUUID()),
        );
        if (logged.status !== 200) throw new Error(`runs.log answered ${logged.status} ${logged.error}`);
        const input = encodeURIComponent(JSON.stringify({ json: { orgSlug, weeks: 2 } }));
        const response = await fetch(`${c.url}/api/trpc/athleteWeeks.history?input=${input}`, {
          headers: { cookie: session.cookie },
        });
        const route = response.headers.get("x-runbalance-db") ?? "no x-runbalance-db header";
        routes.set(route, (routes.get(route) ?? 0) + 1);
        const body = (await response.json()) as { result: { data: { json: { weeks: { runs: { id: string }[] }[] } } } };
        const ids = body.result.data.json.weeks.flatMap((w) => w.runs.map((r) => r.id));
        if (!ids.includes(logged.data!.run.id)) misses++;
      }
      record(`read-your-writes: history reads missing the user's own new run (of ${reads})`, misses, "0", misses === 0);
      record(
        "read-your-writes: where the reads went",
        [...routes].map(([r, n]) => `${r} ×${n}`).join(", "),
        "info",
        null,
      );
    });

    // 2. Steady load; replica lag sampled meanwhile.
    const load = new WriteLoad(sessions, orgSlug);
    await phase("steady write load, replica lag sampled (5 s)", async () => {
      load.start();
      const primary = postgres(c.nodeUrl("a"), { max: 1, onnotice: () => {} });
      const standby = postgres(c.nodeUrl("b"), { max: 1, onnotice: () => {} });
      const lags: number[] = [];
      try {
        const end = performance.now() + 5_000;
        while (performance.now() < end) {
          const [{ lsn } = { lsn: "" }] = await primary<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`;
          const written = performance.now();
          for (;;) {
            const [{ replayed } = { replayed: false }] = await standby<{ replayed: boolean }[]>`
              select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as replayed`;
            if (replayed || performance.now() - written > 5_000) break;
          }
          lags.push(performance.now() - written);
          await sleep(50);
        }
      } finally {
        await primary.end({ timeout: 1 });
        await standby.end({ timeout: 1 });
      }
      const writes = load.acknowledged.length;
      record(
        `replica lag, WAL written on A → replayed on B (${lags.length} samples, ${writes} runs logged meanwhile)`,
        `p50 ${percentile(lags, 50).toFixed(1)} ms, p95 ${percentile(lags, 95).toFixed(1)} ms, max ${Math.max(...lags).toFixed(1)} ms`,
        "info",
        null,
      );
    });

    // 3. Failover: node A (the primary) SIGKILLed with its keeper, mid-load.
    await phase("failover: node A SIGKILLed under the write load", async () => {
      const surfaces = probeSurfaces(c, sessions[0]!, orgSlug);
      const crashAt = performance.now();
      await c.crashNode("a");
      const promotedAt = await until(
        "PgBouncer re-pointed at node B",
        () => (c.routing()?.primary.port === c.ports.nodes.b ? performance.now() : null),
        60_000,
      );
      const after = () => load.answers.filter((a) => a.answeredAt >= crashAt);
      const firstFailure = await until("a failed write", () => after().find((a) => a.status !== 200), 30_000).catch(
        () => null,
      );
      // Recovered: a write sent after the first failure (or after the crash) acknowledged.
      const since = firstFailure?.answeredAt ?? crashAt;
      const recovered = await until(
        "a write acknowledged after the switch",
        () => load.answers.find((a) => a.status === 200 && a.sentAt >= since),
        60_000,
      );
      await sleep(3_000);
      await load.stop();
      const surfaceStatuses = await surfaces.stop();

      const window = after();
      const failures = window.filter((a) => a.status !== 200);
      all500s.push(...load.answers.filter((a) => a.status === 500));
      const okTimes = window.filter((a) => a.status === 200).map((a) => a.answeredAt);
      const acknowledgedTimes = [crashAt, ...okTimes].sort((x, y) => x - y);
      const longestGap = Math.max(...acknowledgedTimes.slice(1).map((t, i) => t - acknowledgedTimes[i]!));
      record(
        "failover: node B promoted and PgBouncer re-pointed, after the crash",
        `${seconds(promotedAt - crashAt)} s`,
        "info",
        null,
      );
      record(
        "failover: outage, first failed write → first write acknowledged after it",
        firstFailure ? `${seconds(recovered.answeredAt - firstFailure.answeredAt)} s` : "no write failed",
        "≤ 30 s",
        !firstFailure || recovered.answeredAt - firstFailure.answeredAt <= 30_000,
      );
      record("failover: longest time without an acknowledged write", `${seconds(longestGap)} s`, "info", null);
      record("failover: failed answers during the switch", statusSummary(failures), "503 + Retry-After", null);
      const not503 = failures.filter((a) => !(a.status === 503 && a.retryAfter));
      record("failover: failed writes answered other than 503 + Retry-After", not503.length, "0", not503.length === 0);
      const verified = await verifyWrites(c, load);
      record(
        `failover: acknowledged writes lost (of ${verified.acknowledged}, read on port ${verified.readFrom}, ${verified.inRecovery ? "a standby!" : "the new primary"})`,
        verified.lost,
        "0",
        verified.lost === 0 && !verified.inRecovery && verified.readFrom === c.ports.nodes.b,
      );
      record("failover: idempotency keys with more than one run", verified.duplicates, "0", verified.duplicates === 0);
      record(
        "failover: writes never acknowledged (gave up after 60 s)",
        verified.unresolved,
        "0",
        verified.unresolved === 0,
      );
      const healthy = await Promise.all(
        c.instanceUrls.map(async (u) => (await fetch(`${u}/api/health`).catch(() => null))?.status ?? 0),
      );
      record(
        "failover: every instance healthy again by itself (no restart)",
        healthy.join(", "),
        "200 each",
        healthy.every((s) => s === 200),
      );
      for (const [surface, counts] of surfaceStatuses) {
        const labels = [...counts].map(([label, n]) => `${label} ×${n}`).join(", ");
        const bad = [...counts.keys()].filter((l) => !/^200$|^503 retry-after$|^307 to \/unavailable$/.test(l));
        record(
          `failover: ${surface} during the switch`,
          labels,
          "200 or 503 + Retry-After (pages: by way of /unavailable)",
          bad.length === 0,
        );
      }
    });

    // 4. Instance loss: the instance holding a mail job (its SMTP answer held) SIGKILLed mid-load.
    await phase("instance loss: the instance holding a mail job SIGKILLed under the write load", async () => {
      const loss = new WriteLoad(sessions, orgSlug);
      loss.start();
      smtp!.hold();
      const target = load.acknowledged[0]!;
      const athleteEmail = athletes[target.client]!.email;
      const body = `Held mail ${randomUUID()}`;
      const comment = await trpcMutation(coach, "comments.create", {
        orgSlug,
        athleteId: target.athleteId,
        runId: target.runId,
        body,
      });
      if (comment.status !== 200) throw new Error(`comments.create answered ${comment.status} ${comment.error}`);
      // Wrapped: instance 0 is a falsy answer.
      const { victim } = await until(
        "an instance's worker mid-delivery",
        () => {
          const index = instanceConnectedTo(c, smtpPort);
          return index === null ? null : { victim: index };
        },
        30_000,
        100,
      );
      const victimName = `app-${victim + 1}`;
      await sleep(1_000);
      const killAt = performance.now();
      await c.killInstance(victim);
      const downAt = await until(
        `HAProxy marking ${victimName} down`,
        async () => ((await c.haproxyStates()).get(victimName)?.startsWith("DOWN") ? performance.now() : null),
        30_000,
        25,
      );
      await sleep(3_000);
      await loss.stop();
      const dropAt = performance.now();
      smtp!.dropHeld();
      const delivered = await smtp!
        .waitFor((m) => m.at > dropAt && m.to.includes(athleteEmail), 1, 60_000)
        .catch(() => [] as { at: number; raw: string }[]);

      const window = loss.answers.filter((a) => a.answeredAt >= killAt);
      all500s.push(...loss.answers.filter((a) => a.status === 500));
      const failuresPerKey = new Map<string, number>();
      for (const a of loss.answers)
        if (a.status !== 200) failuresPerKey.set(a.key, (failuresPerKey.get(a.key) ?? 0) + 1);
      const worst = Math.max(0, ...failuresPerKey.values());
      const { interMs, fall } = HAPROXY_CHECK;
      record(
        `instance loss: ${victimName} SIGKILLed → HAProxy marks it DOWN`,
        `${seconds(downAt - killAt)} s`,
        `≤ ${seconds(interMs * (fall + 1))} s (inter ${interMs} ms × fall ${fall}, + one interval)`,
        downAt - killAt <= interMs * (fall + 1),
      );
      record("instance loss: failed answers", statusSummary(window.filter((a) => a.status !== 200)), "info", null);
      record("instance loss: most failures of one request (same key)", worst, "≤ 1", worst <= 1);
      const verified = await verifyWrites(c, loss);
      record(
        `instance loss: acknowledged writes lost (of ${verified.acknowledged})`,
        verified.lost,
        "0",
        verified.lost === 0,
      );
      record(
        "instance loss: idempotency keys with more than one run",
        verified.duplicates,
        "0",
        verified.duplicates === 0,
      );
      record(
        `instance loss: the mail job ${victimName} held, delivered by the other instance`,
        delivered.length > 0
          ? `${delivered.length} mail "${header(delivered[0]!.raw, "Subject")}", ${seconds(delivered[0]!.at - killAt)} s after the kill`
          : "not delivered within 60 s",
        "1 mail",
        delivered.length === 1 && instanceConnectedTo(c, smtpPort) !== victim,
      );
    });

    record("HTTP 500 answers to the write load (all phases)", all500s.length, "0", all500s.length === 0);
  } catch (error) {
    console.error(error);
    record("the test ran to the end", String(error instanceof Error ? error.message : error), "no error", false);
  } finally {
    await phase("stop the cluster", async () => {
      await cluster?.stop();
      await smtp?.close();
    });
  }

  const width = Math.max(...rows.map((r) => r.check.length));
  console.log("\n== npm run test:cluster");
  for (const r of rows) {
    const mark = r.ok === null ? "    " : r.ok ? "ok  " : "FAIL";
    console.log(`${mark} ${r.check.padEnd(width)}  ${r.value}${r.target === "info" ? "" : `   (target ${r.target})`}`);
  }
  console.log("\n== phases");
  for (const p of phases) console.log(`${seconds(p.ms).padStart(7)} s  ${p.name}`);
  const total = phases.reduce((sum, p) => sum + p.ms, 0);
  console.log(`${seconds(total).padStart(7)} s  in all`);
  return rows.every((r) => r.ok !== false);
}

const passed = await main();
process.exit(passed ? 0 : 1);
