/**
 * Fuzzing every tRPC procedure's input: 1,000 generated inputs each, half shaped by the procedure's
 * own zod schema (with the organisation's slug and, half the time, ids that exist), half hostile
 * (anything, oversized strings, NaN, deep nesting, NUL characters, `__proto__` keys, extra fields).
 * Called through createCaller as an authorised principal: the organisation's owner; its athlete for
 * the athlete-only procedures; anonymous for public ones.
 *
 * Every failure must be a clear 4xx TRPCError (never INTERNAL_SERVER_ERROR), a refused call must
 * change no row anywhere, and Object.prototype must come out untouched.
 *
 * Runs in `npm run test:resilience`: about 2.5–3 minutes on two cores, against 30 s for the whole
 * integration project, so it stays out of `npm test`.
 * FUZZ_SEED=<n> replays a run.
 */
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import fc from "fast-check";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runFieldsSchema } from "~/domain/training/run-input";
import { isoDateSchema } from "~/domain/training/plan-inputs";
import { appRouter, createCaller } from "~/server/api/root";
import { profileSchema } from "~/server/api/routers/account";
import { orgSlugSchema } from "~/server/api/trpc";
import type { SessionUser } from "~/server/data/users";
import type { Database } from "~/server/db/connection";
import * as schema from "~/server/db/schema";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { useTestDatabase } from "~/test/test-database";
import { hostileValue, mergedInputSchema, zodArbitrary } from "~/test/zod-arbitrary";
import { inResilienceRun } from "./run-here";
import { contextFor } from "~/test/sessions";
import { now as clockNow } from "~/lib/clock";

// argon2id costs ~30 ms a call by design. The password procedures still run 1,000 times each, every
// line of them, with a cheap stand-in for the hash itself.
vi.mock("~/server/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("~/server/auth/password")>();
  const { createHash } = await import("node:crypto");
  // A PHC string of the real shape (the database checks it), whose hash part is what the proof is.
  const fakeProof = (password: string) => createHash("sha256").update(password).digest("base64").replace(/=+$/, "");
  return {
    ...real,
    hashPassword: async (password: string) => `$argon2id$v=19$m=19456,t=2,p=1$ZnV6enNhbHQ$${fakeProof(password)}`,
    passwordProof: async (_settings: string | null, password: string) => fakeProof(password),
  };
});

const RUNS_PER_PROCEDURE = 1_000;
/** Procedures fuzzed side by side, each on a connection pool of its own (see rowChanges). */
const LANES = 3;
/** Procedures anyone may call: fuzzed as anonymous. */
const PUBLIC = new Set(["auth.signUp", "invitations.preview", "invitations.accept"]);
/** Procedures only athletes have: as the owner every call would stop at the same FORBIDDEN. */
const ATHLETE_ONLY = new Set([
  "runs.allMine",
  "calendarFeeds.status",
  "calendarFeeds.create",
  "calendarFeeds.revoke",
  "athleteWeeks.feedback",
  "athletes.setRace",
]);

type Procedure = (input: unknown) => Promise<unknown>;
// The flat map of "router.procedure" paths (the static type only shows the nested routers).
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>;
const procedurePaths = Object.keys(procedures).sort();

interface Lane {
  name: string;
  db: Database;
  close: () => Promise<void>;
}

describe.runIf(inResilienceRun)("fuzzing every procedure's input", () => {
  const t = useTestDatabase();
  const fuzzed: string[] = [];
  const timings: string[] = [];
  const prototypeBefore = prototypeSnapshot();
  const freeLanes: Lane[] = [];
  const laneWaiters: Array<(lane: Lane) => void> = [];

  beforeAll(async () => {
    await installRowChangeCounter();
    for (let i = 0; i < LANES; i++) freeLanes.push(openLane(`fuzz-lane-${i}`));
  });

  afterAll(async () => {
    await Promise.all(freeLanes.map((lane) => lane.close()));
    console.log(`fuzz: ${fuzzed.length} procedures × ${RUNS_PER_PROCEDURE} inputs\n${timings.sort().join("\n")}`);
  });

  /** A pool whose connections carry the lane's name, so the row-change trigger can tell lanes apart. */
  function openLane(name: string): Lane {
    const client = postgres(t.url, { max: 3, onnotice: () => {}, connection: { application_name: name } });
    return { name, db: drizzle(client, { schema }), close: () => client.end({ timeout: 5 }) };
  }

  async function withLane<T>(work: (lane: Lane) => Promise<T>): Promise<T> {
    const lane = freeLanes.pop() ?? (await new Promise<Lane>((resolve) => laneWaiters.push(resolve)));
    try {
      return await work(lane);
    } finally {
      const next = laneWaiters.shift();
      if (next) next(lane);
      else freeLanes.push(lane);
    }
  }

  /**
   * Counts committed row changes in every table, per lane: a row trigger bumps the counter of the
   * connection's application_name. Rolled-back changes roll their count back too, so "refused and
   * nothing changed" is one read per call.
   */
  async function installRowChangeCounter() {
    await t.db.execute(sql`create table fuzz_row_changes (lane text primary key, n bigint not null)`);
    await t.db
      .execute(sql`create function fuzz_count_row_change() returns trigger language plpgsql security definer as $$
      begin
        insert into fuzz_row_changes values (current_setting('application_name'), 1)
          on conflict (lane) do update set n = fuzz_row_changes.n + 1;
        return null;
      end $$`);
    const tables = await t.db.execute<{ tablename: string }>(
      sql`select tablename from pg_tables where schemaname = 'public' and tablename <> 'fuzz_row_changes'`,
    );
    for (const { tablename } of tables) {
      await t.db.execute(
        sql`create trigger fuzz_count after insert or update or delete on ${sql.identifier(tablename)} for each row execute function fuzz_count_row_change()`,
      );
    }
  }

  async function rowChanges(lane: Lane): Promise<number> {
    const [row] = await t.db.execute<{ n: string | null }>(
      sql`select sum(n) as n from fuzz_row_changes where lane = ${lane.name}`,
    );
    return Number(row?.n ?? 0);
  }

  /** The organisation's rows and its members' accounts (as in isolation.int.test.ts), hashed. */
  async function fingerprintOfOrg(org: OrgFixture): Promise<string> {
    const tables = await t.db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'org_id' order by 1`,
    );
    const parts: string[] = [];
    for (const { table_name } of tables) {
      const [row] = await t.db.execute<{ h: string | null }>(
        sql`select md5(string_agg(x::text, '|' order by x::text)) as h from ${sql.identifier(table_name)} x where org_id = ${org.orgId}`,
      );
      parts.push(`${table_name}:${row?.h}`);
    }
    const [users] = await t.db.execute<{ h: string }>(
      sql`select md5(string_agg(u::text, '|' order by u::text)) as h from users u where id in (select user_id from memberships where org_id = ${org.orgId})`,
    );
    return [...parts, `users:${users?.h}`].join("\n");
  }

  it("has the procedure list from the router itself", () => {
    expect(procedurePaths.length).toBeGreaterThan(40);
  });

  for (const path of procedurePaths) {
    it.concurrent(
      `${path}: ${RUNS_PER_PROCEDURE} inputs, only 4xx refusals, no row changed by a refusal`,
      async ({ expect }) => {
        // Each procedure gets an organisation of its own: accepted inputs really act (a role changed,
        // a run deleted), and the next procedure should still meet an owner who is an owner.
        const org = await createOrgFixture(t.db, "Fuzz");
        const knownIds = await idsOf(t.db, org);
        const fingerprintBefore = await fingerprintOfOrg(org);

        let elapsedMs = 0;
        const accepted = await withLane(async (lane) => {
          const started = performance.now();
          const call = procedureOf(createCaller(contextFor(lane.db, principalFor(path, org))), path);
          let changes = await rowChanges(lane);
          let acceptedCalls = 0;
          await fc.assert(
            fc.asyncProperty(inputsFor(path, org, knownIds), async (input) => {
              const error = await callAndCatch(call, input);
              const changesNow = await rowChanges(lane);
              if (error === undefined) {
                acceptedCalls++;
                changes = changesNow;
                return;
              }
              expectClearRefusal(path, input, error);
              if (changesNow !== changes)
                throw new Error(`${path} changed rows although it refused ${describeInput(input)}`);
            }),
            { numRuns: RUNS_PER_PROCEDURE, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
          );
          elapsedMs = performance.now() - started;
          return acceptedCalls;
        });

        if (accepted === 0) expect(await fingerprintOfOrg(org)).toBe(fingerprintBefore);
        expect(prototypeSnapshot()).toEqual(prototypeBefore);
        fuzzed.push(path);
        timings.push(`  ${path.padEnd(32)} ${String(accepted).padStart(4)} accepted  ${Math.round(elapsedMs)} ms`);
      },
      240_000,
    );
  }

  it("fuzzed every procedure of the router", () => {
    expect([...fuzzed].sort()).toEqual(procedurePaths);
  });
});

function principalFor(path: string, org: OrgFixture): SessionUser | null {
  if (PUBLIC.has(path)) return null;
  return ATHLETE_ONLY.has(path) ? org.users.athlete1 : org.users.owner;
}

function procedureOf(caller: ReturnType<typeof createCaller>, path: string): Procedure {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as Procedure;
}

async function callAndCatch(call: Procedure, input: unknown): Promise<unknown> {
  try {
    await call(input);
    return undefined;
  } catch (error) {
    return error ?? new Error("thrown without a value");
  }
}

/** Ids that exist in the organisation: generated ids pick one of them half the time. */
async function idsOf(db: Database, org: OrgFixture): Promise<string[]> {
  const [template] = await db.execute<{ id: string }>(sql`select id from week_templates where org_id = ${org.orgId}`);
  return [
    ...Object.values(org.athleteIds),
    ...Object.values(org.runIds),
    ...Object.values(org.users).map((u) => u.id),
    org.plannedSessionId,
    org.weekId,
    org.invitationId,
    org.importId,
    template!.id,
  ];
}

/** Half schema-shaped, half hostile; both with the organisation's slug where the schema has one. */
function inputsFor(path: string, org: OrgFixture, knownIds: string[]): fc.Arbitrary<unknown> {
  const schema = mergedInputSchema(procedures[path]!._def.inputs);
  if (!schema) return fc.oneof(fc.constant(undefined), hostileValue);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const now = clockNow().getTime();
  // Mostly past days (runs cannot be logged ahead), some in the next two months (plans can).
  const nearDates = fc
    .date({ min: new Date(now - 2 * 365 * 86_400_000), max: new Date(now + 60 * 86_400_000), noInvalidDate: true })
    .map(day);
  const options = {
    overrides: new Map<unknown, fc.Arbitrary<unknown>>([
      [orgSlugSchema, fc.constant(org.slug)],
      [isoDateSchema, nearDates],
      [runFieldsSchema.shape.date, nearDates],
      [
        profileSchema.shape.timeZone,
        fc.constantFrom("Europe/London", "America/New_York", "Asia/Kolkata", "Pacific/Kiritimati", "UTC"),
      ],
    ]),
    formats: { uuid: fc.oneof(fc.constantFrom(...knownIds), fc.uuid()) },
  };
  return fc.oneof(zodArbitrary(schema, options), zodArbitrary(schema, { ...options, mode: "hostile" }));
}

/** A refusal a client can act on: a TRPCError mapping to a 4xx status, never an internal error. */
function expectClearRefusal(path: string, input: unknown, error: unknown) {
  if (!(error instanceof TRPCError))
    throw new Error(`${path} with ${describeInput(input)} threw a non-tRPC error: ${String(error)}`);
  const status = getHTTPStatusCodeFromError(error);
  if (error.code === "INTERNAL_SERVER_ERROR" || status < 400 || status >= 500) {
    throw new Error(
      `${path} with ${describeInput(input)} failed with ${error.code} (${status}): ${String(error.cause ?? error.message)}`,
      { cause: error },
    );
  }
}

/** The input, short enough for a failure message (some are megabytes long). Only built on failure. */
function describeInput(input: unknown): string {
  try {
    const text = JSON.stringify(input, (_key, value: unknown) => (typeof value === "bigint" ? `${value}n` : value));
    return text === undefined
      ? String(input)
      : text.length > 300
        ? `${text.slice(0, 300)}… (${text.length} chars)`
        : text;
  } catch (error) {
    return `<unprintable input: ${String(error)}>`;
  }
}

/** Object.prototype and Array.prototype as they are: any pollution shows up as a difference. */
function prototypeSnapshot(): Record<string, unknown> {
  const snapshot: Record<string, unknown> = {};
  for (const [name, proto] of [
    ["Object", Object.prototype],
    ["Array", Array.prototype],
  ] as const) {
    for (const key of Reflect.ownKeys(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, key)!;
      snapshot[`${name}.${String(key)}`] = descriptor.value ?? descriptor.get;
    }
  }
  return snapshot;
}
