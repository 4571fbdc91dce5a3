/**
 * Replica reads through the real server (ADR 023): a primary and hot standby (src/test/streaming-pair.ts),
 * `next start` of the existing build (`npx next build` first) with DATABASE_REPLICA_URL and
 * RUNBALANCE_EXPOSE_DB_ROUTE=1, then sign-in, a logged run and reads over HTTP, with the standby's
 * replay paused and the standby stopped. Prints each step; exits 1 when one is not as ADR 023 says.
 * Run: `npx tsx --conditions=react-server scripts/replica-smoke.ts` (free ports from 55520; the app on
 * SMOKE_PORT, default 3420).
 */
import { spawn } from "node:child_process";
import postgres from "postgres";
import superjson from "superjson";
import { startStreamingPair } from "../src/test/streaming-pair";
import { applyMigrations } from "../src/server/db/migrate";
import { provisionAppLogin } from "../src/server/db/app-login";
import { connect } from "../src/server/db/connection";
import { createOrgFixture, FIXTURE_PASSWORD } from "../src/test/fixtures";
import { todayUtc } from "../src/lib/clock";

const PORT = Number(process.env.SMOKE_PORT ?? 3420);
let failures = 0;
/** Prints the step and whether it went as expected. */
function check(ok: boolean, step: string) {
  console.log(`${ok ? "ok  " : "FAIL"} ${step}`);
  if (!ok) failures++;
}
const base = `http://127.0.0.1:${PORT}`;
const pair = await startStreamingPair(55520);
const owner = connect(pair.primaryUrl);
let server: ReturnType<typeof spawn> | undefined;
try {
  await applyMigrations(pair.primaryUrl);
  const appUrl = await provisionAppLogin(pair.primaryUrl, { role: "rr_smoke_app", password: "smoke-password-123" });
  const a = await createOrgFixture(owner.db, "Smoke");
  await pair.waitForReplay();
  server = spawn("npx", ["next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: appUrl,
      DATABASE_REPLICA_URL: pair.onStandby(appUrl),
      RUNBALANCE_EXPOSE_DB_ROUTE: "1",
      NEXTAUTH_SECRET: "smoke-secret-smoke-secret-123456",
      NEXTAUTH_URL: base,
      RUNBALANCE_WORKER: "off",
    },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 120) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
  const cookiesOf = (r: Response, prev: Record<string, string> = {}) => {
    const jar = { ...prev };
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar[pair!.slice(0, i)] = pair!.slice(i + 1);
    }
    return jar;
  };
  const header = (jar: Record<string, string>) =>
    Object.entries(jar)
      .map(([k, v]) => `${k}=${v}`)
      .join("; ");
  async function signIn(email: string) {
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    let jar = cookiesOf(csrf);
    const r = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(jar), origin: base },
      body: new URLSearchParams({
        csrfToken,
        email,
        password: FIXTURE_PASSWORD,
        callbackUrl: `${base}/dashboard`,
        json: "true",
      }),
    });
    jar = cookiesOf(r, jar);
    check(
      r.status === 200 && !!jar["rb-wrote-lsn"],
      `sign-in ${email}: HTTP ${r.status}, marker ${jar["rb-wrote-lsn"] ?? "none"}`,
    );
    return jar;
  }
  const get = async (path: string, input: unknown, jar: Record<string, string>) => {
    const r = await fetch(
      `${base}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`,
      { headers: { cookie: header(jar) } },
    );
    const body = (await r.json()) as { result?: { data?: { json?: unknown } } };
    return {
      status: r.status,
      pool: r.headers.get("x-runbalance-db"),
      data: body.result?.data?.json,
      setCookie: r.headers.getSetCookie(),
    };
  };
  const athlete = await signIn(a.users.athlete1.email);
  delete athlete["rb-wrote-lsn"];
  let read = await get("runs.allMine", { orgSlug: a.slug }, athlete);
  check(
    read.status === 200 && read.pool === "replica",
    `allMine without marker: HTTP ${read.status}, pool ${read.pool}`,
  );
  const standby = postgres(pair.standbyUrl, { max: 1 });
  await standby`select pg_wal_replay_pause()`;
  const w = await fetch(`${base}/api/trpc/runs.log`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: header(athlete), origin: base },
    body: JSON.stringify(
      superjson.serialize({
        orgSlug: a.slug,
        idempotencyKey: crypto.randomUUID(),
        run: { date: todayUtc(), time: "06:30", kind: "recovery", durationS: 1500, distanceM: 4200, rpe: 3 },
      }),
    ),
  });
  const wrote = (await w.json()) as { result: { data: { json: { run: { id: string } } } } };
  const marker = cookiesOf(w)["rb-wrote-lsn"];
  check(
    w.status === 200 && w.headers.get("x-runbalance-db") === "primary" && !!marker,
    `runs.log: HTTP ${w.status}, pool ${w.headers.get("x-runbalance-db")}, set-cookie ${w.headers.getSetCookie().join(" | ")}`,
  );
  const id = wrote.result.data.json.run.id;
  read = await get("runs.allMine", { orgSlug: a.slug }, { ...athlete, "rb-wrote-lsn": marker! });
  let sees = (read.data as { id: string }[]).some((r) => r.id === id);
  check(
    read.pool === "primary" && sees,
    `allMine with marker (standby paused): pool ${read.pool}, sees the run: ${sees}`,
  );
  read = await get("runs.allMine", { orgSlug: a.slug }, athlete);
  sees = (read.data as { id: string }[]).some((r) => r.id === id);
  check(
    read.pool === "replica" && !sees,
    `allMine without marker (standby paused): pool ${read.pool}, sees the run: ${sees}`,
  );
  const coach = await signIn(a.users.coach.email);
  read = await get("roster.list", { orgSlug: a.slug }, coach);
  check(
    read.status === 200 && read.pool === "primary",
    `coach roster right after sign-in, standby paused, with sign-in marker: pool ${read.pool}, HTTP ${read.status}`,
  );
  delete coach["rb-wrote-lsn"];
  read = await get("roster.list", { orgSlug: a.slug }, coach);
  check(
    read.status === 200 && read.pool === "primary",
    `coach roster without marker, standby paused (session not replayed): pool ${read.pool}, HTTP ${read.status}`,
  );
  await standby`select pg_wal_replay_resume()`;
  await pair.waitForReplay();
  read = await get("roster.list", { orgSlug: a.slug }, coach);
  check(
    read.status === 200 && read.pool === "replica",
    `coach roster after replay: pool ${read.pool}, HTTP ${read.status}, rows ${(read.data as unknown[]).length}`,
  );
  const page = await fetch(`${base}/o/${a.slug}`, { headers: { cookie: header(coach) }, redirect: "manual" });
  const listed = (await page.text()).includes("Smoke athlete1");
  check(
    page.status === 200 && listed,
    `roster page (server component): HTTP ${page.status}, lists the athlete: ${listed}`,
  );
  const csv = await fetch(`${base}/o/${a.slug}/runs.csv`, {
    headers: { cookie: header({ ...athlete, "rb-wrote-lsn": "garbage';--" }) },
  });
  check(
    csv.status === 200,
    `runs.csv with a garbage marker: HTTP ${csv.status}, lines ${(await csv.text()).trim().split("\n").length}`,
  );
  await pair.stopStandby();
  read = await get("roster.list", { orgSlug: a.slug }, coach);
  check(
    read.status === 200 && read.pool === "primary",
    `coach roster with the standby stopped: pool ${read.pool}, HTTP ${read.status}`,
  );
  await standby.end({ timeout: 1 });
} finally {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
  await new Promise((r) => setTimeout(r, 1000));
  await owner.close();
  await pair.stop();
}
process.exit(failures === 0 ? 0 : 1);
