/**
 * A database outage through tRPC, without a database: the app's pool points at a port where nothing
 * listens, so every query fails the way it does while PostgreSQL restarts (ECONNREFUSED). The real
 * route handler answers 503 with Retry-After; other failures keep their status. The same against a
 * PostgreSQL that really restarts: src/test/resilience/database-restart.test.ts.
 */
import { createServer } from "node:net";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { connect, type Connection } from "~/server/db/connection";
import type { SessionUser } from "~/server/data/users";
import { SERVICE_UNAVAILABLE_MESSAGE } from "~/server/db/unavailable";

const state = vi.hoisted(() => ({ db: null as unknown, currentUser: async (): Promise<unknown> => null }));
vi.mock("~/server/db", () => ({ getDb: () => state.db, getSql: () => null, getReplicaDb: () => null }));
vi.mock("~/server/auth/session", () => ({
  getCurrentUser: () => state.currentUser(),
  getCurrentSession: async () => {
    const user = await state.currentUser();
    return user ? { user, secret: "s" } : null;
  },
}));

const { POST, GET } = await import("~/app/api/trpc/[trpc]/route");
const { createRouter, publicProcedure, protectedProcedure, createCallerFactory } = await import("./trpc");

const user: SessionUser = {
  id: "00000000-0000-4000-8000-000000000001",
  email: "ada@example.test",
  name: "Ada",
  units: "km",
  timeZone: "Europe/London",
  weekStartDay: 1,
} as SessionUser;

let dead: Connection;
let deadPort: number;

beforeAll(async () => {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  deadPort = (server.address() as { port: number }).port;
  await new Promise((done) => server.close(done));
  dead = connect(`postgres://nobody@127.0.0.1:${deadPort}/nothing`, { max: 2 });
  state.db = dead.db;
});
afterAll(() => dead.close());
const logged = { warn: [] as string[], error: [] as string[] };
beforeEach(() => {
  state.currentUser = async () => user;
  logged.warn = [];
  logged.error = [];
  vi.spyOn(console, "warn").mockImplementation(
    (...args: unknown[]) => void logged.warn.push(args.map(String).join(" ")),
  );
  vi.spyOn(console, "error").mockImplementation(
    (...args: unknown[]) => void logged.error.push(args.map(String).join(" ")),
  );
});
afterEach(() => vi.restoreAllMocks());

async function call(method: "GET" | "POST", path: string, input?: unknown) {
  const query =
    method === "GET" && input !== undefined ? `?input=${encodeURIComponent(JSON.stringify({ json: input }))}` : "";
  const request = new Request(`http://app.test/api/trpc/${path}${query}`, {
    method,
    headers: { host: "app.test", "content-type": "application/json" },
    body: method === "POST" ? JSON.stringify({ json: input }) : undefined,
  });
  const response = await (method === "GET" ? GET : POST)(request);
  const body = (await response.json()) as {
    error?: { json: { message: string; data: { code: string; httpStatus: number } } };
  };
  return { status: response.status, retryAfter: response.headers.get("retry-after"), error: body.error?.json };
}

describe("tRPC over HTTP while the database cannot be reached", () => {
  it("a signed-in call (its transaction cannot begin) is 503 with Retry-After and a plain message", async () => {
    const { status, retryAfter, error } = await call("GET", "me.get");
    expect(status).toBe(503);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(error?.data.code).toBe("SERVICE_UNAVAILABLE");
    expect(error?.message).toBe(SERVICE_UNAVAILABLE_MESSAGE);
    expect(JSON.stringify(error)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|select|Failed query/i);
    // Logged as one line with the reason, not as an internal error with a stack.
    expect(logged.warn).toEqual(["tRPC me.get answered 503: database unavailable (ECONNREFUSED)"]);
    expect(logged.error).toEqual([]);
  });

  it("a write is 503 too", async () => {
    const { status, error } = await call("POST", "account.signOutEverywhere");
    expect(status).toBe(503);
    expect(error?.data.code).toBe("SERVICE_UNAVAILABLE");
  });

  it("reading the session user (the request context, before any procedure) is 503", async () => {
    state.currentUser = () => dead.sql`select 1`;
    const { status, retryAfter, error } = await call("GET", "me.get");
    expect(status).toBe(503);
    expect(retryAfter).not.toBeNull();
    expect(error?.data.code).toBe("SERVICE_UNAVAILABLE");
  });

  it("refusals keep their status and need no database: 401 signed out, 400 bad input", async () => {
    state.currentUser = async () => null;
    expect(await call("GET", "me.get")).toMatchObject({ status: 401, retryAfter: null });
    expect(await call("POST", "auth.signUp", { email: "not an address" })).toMatchObject({
      status: 400,
      retryAfter: null,
    });
  });

  it("a context failure that is not an outage stays a 500 with the generic message", async () => {
    state.currentUser = async () => {
      throw new postgres.PostgresError({ code: "42P01", message: 'relation "users" does not exist' } as never);
    };
    const { status, retryAfter, error } = await call("GET", "me.get");
    expect(status).toBe(500);
    expect(retryAfter).toBeNull();
    expect(error?.data.code).toBe("INTERNAL_SERVER_ERROR");
    expect(error?.message).not.toContain("relation");
    expect(logged.error.join("\n")).toContain("tRPC me.get failed");
  });
});

describe("procedures called in process (server components, runs.csv)", () => {
  const router = createRouter({
    failsWith: publicProcedure.query(() => {
      throw new postgres.PostgresError({
        code: "57P01",
        message: "terminating connection due to administrator command",
      } as never);
    }),
    uniqueViolation: publicProcedure.mutation(() => {
      throw new postgres.PostgresError({
        code: "23505",
        message: 'duplicate key value violates unique constraint "runs_pkey"',
      } as never);
    }),
    refused: publicProcedure.query(() => {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: "No.",
        cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }),
      });
    }),
    inTransaction: protectedProcedure.query(() => "never reached"),
  });
  const caller = createCallerFactory(router)({ db: null as never, user, sessionSecret: "s", clientAddress: null });

  async function failureOf(promise: Promise<unknown>): Promise<TRPCError> {
    const error = await promise.then(
      () => expect.fail("should have failed"),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCError);
    return error as TRPCError;
  }

  it("PostgreSQL shutting down (57P01) is SERVICE_UNAVAILABLE, HTTP 503", async () => {
    const error = await failureOf(caller.failsWith());
    expect(error.code).toBe("SERVICE_UNAVAILABLE");
    expect(getHTTPStatusCodeFromError(error)).toBe(503);
    expect(error.message).toBe(SERVICE_UNAVAILABLE_MESSAGE);
  });

  it("the transaction of a protected procedure failing to begin is SERVICE_UNAVAILABLE", async () => {
    const error = await failureOf(
      createCallerFactory(router)({ db: dead.db, user, sessionSecret: "s", clientAddress: null }).inTransaction(),
    );
    expect(error.code).toBe("SERVICE_UNAVAILABLE");
  });

  it("other database errors stay INTERNAL_SERVER_ERROR; deliberate refusals keep their code", async () => {
    expect((await failureOf(caller.uniqueViolation())).code).toBe("INTERNAL_SERVER_ERROR");
    expect((await failureOf(caller.refused())).code).toBe("FORBIDDEN");
  });
});
