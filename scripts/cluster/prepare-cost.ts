/**
 * What `prepare: false` costs (ADR 022): the same tRPC procedures, called in-process on one
 * connection pool, with named prepared statements (postgres.js's default) and with unnamed ones only
 * (`?prepare=false`, required behind PgBouncer 1.18 in transaction mode). Rounds alternate so that
 * both modes see the same machine. Usage, on an empty database you may throw away:
 *   createdb -h 127.0.0.1 -U postgres rb_prepare_cost
 *   PREPARE_COST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/rb_prepare_cost \
 *     npx tsx --conditions=react-server scripts/cluster/prepare-cost.ts
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createCaller } from "~/server/api/root";
import { verifyCredentials } from "~/server/auth/credentials";
import { findSessionAccount } from "~/server/data/accounts";
import { provisionAppLogin } from "~/server/db/app-login";
import { connect } from "~/server/db/connection";
import { applyMigrations } from "~/server/db/migrate";
import { demoAccounts, seedDemo } from "~/server/seed/seed-demo";
import { now } from "~/lib/clock";
import { runInput } from "./load";

const url = process.env.PREPARE_COST_DATABASE_URL;
if (!url) {
  console.error("PREPARE_COST_DATABASE_URL (a superuser's URL of a database to throw away) is not set");
  process.exit(2);
}
const CALLS = 300;
const ROUNDS = 4;

await applyMigrations(url);
const owner = connect(url, { max: 2 });
await seedDemo(owner.db, now());
await owner.close();
const appUrl = await provisionAppLogin(url, { role: "rb_prepare_cost_web", password: randomBytes(12).toString("hex") });

async function callerOn(databaseUrl: string) {
  const connection = connect(databaseUrl, { max: 4 });
  const { coaches, athletes, password, orgSlug } = demoAccounts();
  const signIn = async (email: string) => {
    const signedIn = await verifyCredentials(connection.db, { email, password }, null);
    const user = (await findSessionAccount(connection.db, signedIn!.sessionSecret))!;
    return createCaller({ db: connection.db, user, sessionSecret: signedIn!.sessionSecret, clientAddress: null });
  };
  return { connection, coach: await signIn(coaches[0]!.email), athlete: await signIn(athletes[0]!.email), orgSlug };
}

const modes = {
  "prepared (default)": await callerOn(appUrl),
  "unnamed (?prepare=false)": await callerOn(`${appUrl}${appUrl.includes("?") ? "&" : "?"}prepare=false`),
};
const procedures = {
  "roster.list (coach)": (m: (typeof modes)[keyof typeof modes]) => m.coach.roster.list({ orgSlug: m.orgSlug }),
  "runs.log (athlete)": (m: (typeof modes)[keyof typeof modes]) =>
    m.athlete.runs.log(runInput(m.orgSlug, randomUUID())),
};

const totals = new Map<string, { wallMs: number; cpuMs: number; calls: number }>();
for (let round = 0; round < ROUNDS; round++) {
  for (const [procedure, call] of Object.entries(procedures)) {
    for (const [mode, m] of round % 2 === 0 ? Object.entries(modes) : Object.entries(modes).reverse()) {
      for (let i = 0; i < 20; i++) await call(m); // warm-up
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < CALLS; i++) await call(m);
      const wallMs = performance.now() - started;
      const used = process.cpuUsage(cpu);
      const key = `${procedure}|${mode}`;
      const t = totals.get(key) ?? { wallMs: 0, cpuMs: 0, calls: 0 };
      totals.set(key, {
        wallMs: t.wallMs + wallMs,
        cpuMs: t.cpuMs + (used.user + used.system) / 1000,
        calls: t.calls + CALLS,
      });
    }
  }
}
console.log(
  `procedure             mode                       ms/call  Node CPU ms/call  (${ROUNDS} rounds × ${CALLS} calls)`,
);
for (const [key, t] of totals) {
  const [procedure, mode] = key.split("|");
  console.log(
    `${procedure!.padEnd(21)} ${mode!.padEnd(26)} ${(t.wallMs / t.calls).toFixed(3).padStart(7)}  ${(t.cpuMs / t.calls).toFixed(3).padStart(16)}`,
  );
}
for (const m of Object.values(modes)) await m.connection.close();
process.exit(0);
