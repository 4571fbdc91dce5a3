import { createServer, type Server, type Socket } from "node:net";
import { TRPCError } from "@trpc/server";
import { sql as drizzleSql } from "drizzle-orm";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterEach, describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./unavailable";

const pgError = (code: string, message = "…") =>
  new postgres.PostgresError({ code, message, severity: "FATAL" } as never);
const withCode = (code: unknown, message = "failed") => Object.assign(new Error(message), { code });

describe("which failures mean the database is unreachable", () => {
  it.each([
    "ECONNREFUSED",
    "ECONNRESET",
    "EPIPE",
    "ETIMEDOUT",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "EAI_AGAIN",
    "CONNECTION_CLOSED",
    "CONNECTION_ENDED",
    "CONNECTION_DESTROYED",
    "CONNECT_TIMEOUT",
  ])("the connection error %s", (code) => {
    expect(isDatabaseUnavailable(withCode(code))).toBe(true);
  });

  it.each(["57P01", "57P02", "57P03", "53300", "08000", "08001", "08003", "08004", "08006", "08007"])(
    "the SQLSTATE %s",
    (code) => {
      expect(isDatabaseUnavailable(pgError(code))).toBe(true);
    },
  );

  it.each([
    "server conn crashed?",
    "pgbouncer cannot connect to server",
    "server login has been failing, try again later (server_login_retry)",
    "query_wait_timeout",
  ])("PgBouncer's 08P01 %j (its primary is gone or not back yet)", (message) => {
    expect(isDatabaseUnavailable(pgError("08P01", message))).toBe(true);
  });

  it("25006 read_only_sql_transaction: a write that reached a standby or a demoted primary", () => {
    expect(isDatabaseUnavailable(pgError("25006", "cannot execute INSERT in a read-only transaction"))).toBe(true);
  });

  it.each([
    ["PgBouncer refusing a login", "no such user"],
    ["PgBouncer refusing a start-up parameter", "unsupported startup parameter: search_path"],
    ["PgBouncer's client limit", "no more connections allowed (max_client_conn)"],
    ["a message that only contains PgBouncer's words", "invalid packet: server conn crashed?"],
  ])("not 08P01 for %s", (_what, message) => {
    expect(isDatabaseUnavailable(pgError("08P01", message))).toBe(false);
  });

  it("not PgBouncer's words under another SQLSTATE", () => {
    expect(isDatabaseUnavailable(pgError("XX000", "server conn crashed?"))).toBe(false);
  });

  it.each([
    ["a unique violation", "23505"],
    ["a syntax error", "42601"],
    ["a row-level security refusal", "42501"],
    ["a cancelled statement (statement_timeout)", "57014"],
    ["a dropped database", "57P04"],
    ["a protocol violation", "08P01"],
    ["a serialization failure", "40001"],
    ["a text with NUL", "22021"],
  ])("not %s (%s)", (_what, code) => {
    expect(isDatabaseUnavailable(pgError(code))).toBe(false);
  });

  it("not errors without a connection code", () => {
    expect(isDatabaseUnavailable(new Error("ECONNREFUSED in a message is not a code"))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable(withCode("MAX_PARAMETERS_EXCEEDED"))).toBe(false);
    expect(isDatabaseUnavailable(withCode("ENOENT"))).toBe(false);
    expect(isDatabaseUnavailable(withCode(-111))).toBe(false);
    expect(isDatabaseUnavailable(withCode("econnrefused"))).toBe(false);
    expect(isDatabaseUnavailable(new TRPCError({ code: "BAD_REQUEST", message: "no" }))).toBe(false);
  });

  it("not values that are not errors", () => {
    for (const value of [undefined, null, "ECONNREFUSED", 57, { code: 57 }, [withCode("EPIPE")]])
      expect(isDatabaseUnavailable(value)).toBe(false);
  });

  it("looks through wrappers: Drizzle's query error, tRPC's error, plain causes, AggregateError", () => {
    const refused = withCode("ECONNREFUSED");
    expect(isDatabaseUnavailable(new DrizzleQueryError("select 1", [], pgError("57P01")))).toBe(true);
    expect(
      isDatabaseUnavailable(
        new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: new DrizzleQueryError("select 1", [], refused) }),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error("outer", { cause: new Error("middle", { cause: refused }) }))).toBe(true);
    expect(
      isDatabaseUnavailable(
        new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")], "every address refused"),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(new DrizzleQueryError("insert …", [], pgError("23505")))).toBe(false);
    expect(isDatabaseUnavailable(new AggregateError([new Error("a"), new Error("b")]))).toBe(false);
  });

  it("ends on cyclic causes", () => {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    Object.assign(a, { cause: b });
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});

/** The real driver against servers that misbehave on purpose: the errors the app actually meets. */
describe("errors from postgres.js and Drizzle, as they really come", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function listen(onSocket: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
    const server = createServer(onSocket);
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    cleanups.push(() => new Promise((done) => server.close(() => done())));
    return { server, port: (server.address() as { port: number }).port };
  }

  function client(port: number) {
    const sql = postgres({
      host: "127.0.0.1",
      port,
      user: "nobody",
      database: "nothing",
      max: 1,
      connect_timeout: 2,
      fetch_types: false,
      onnotice: () => {},
    });
    cleanups.push(() => sql.end({ timeout: 0 }));
    return { sql, db: drizzle(sql) };
  }

  /** The first thing a failed query throws, through Drizzle like the app's queries. */
  async function failureOf(db: ReturnType<typeof drizzle>): Promise<unknown> {
    return db.execute(drizzleSql`select 1`).then(
      () => expect.fail("the query should have failed"),
      (error: unknown) => error,
    );
  }

  it("a refused connection (nothing listens on the port)", async () => {
    const { server, port } = await listen(() => {});
    await new Promise((done) => server.close(done));
    const error = await failureOf(client(port).db);
    expect(isDatabaseUnavailable(error), String(error)).toBe(true);
  });

  it("a connection cut while a query is in flight", async () => {
    const { port } = await listen((socket) => {
      // Accept the startup (AuthenticationOk, ReadyForQuery "idle"), then drop the line on the query.
      socket.once("data", () => {
        socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0, 0x5a, 0, 0, 0, 5, 0x49]));
        socket.once("data", () => socket.destroy());
      });
    });
    const error = await failureOf(client(port).db);
    expect(isDatabaseUnavailable(error), String(error)).toBe(true);
  });

  it('"the database system is starting up" (57P03), answered to the startup message', async () => {
    const { port } = await listen((socket) => {
      socket.once("data", () => {
        // ErrorResponse: 'E', length, then fields (type byte + C string), ended by a zero byte.
        const fields = Buffer.from("SFATAL\0VFATAL\0C57P03\0Mthe database system is starting up\0\0");
        const header = Buffer.alloc(5);
        header.write("E", 0);
        header.writeInt32BE(fields.length + 4, 1);
        socket.end(Buffer.concat([header, fields]));
      });
    });
    const error = await failureOf(client(port).db);
    expect(error).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(error), String(error)).toBe(true);
  });

  /** A server that accepts the startup, then answers the first query with PgBouncer's ErrorResponse. */
  it('PgBouncer\'s "server conn crashed?" (08P01) in answer to a query', async () => {
    const { port } = await listen((socket) => {
      socket.once("data", () => {
        socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0, 0x5a, 0, 0, 0, 5, 0x49]));
        socket.once("data", () => {
          const fields = Buffer.from("SERROR\0VERROR\0C08P01\0Mserver conn crashed?\0\0");
          const header = Buffer.alloc(5);
          header.write("E", 0);
          header.writeInt32BE(fields.length + 4, 1);
          socket.end(Buffer.concat([header, fields]));
        });
      });
    });
    const error = await failureOf(client(port).db);
    expect(isDatabaseUnavailable(error), String(error)).toBe(true);
  });

  it("a pool that was ended (the server shutting down)", async () => {
    const { port } = await listen(() => {});
    const { sql, db } = client(port);
    await sql.end({ timeout: 0 });
    const error = await failureOf(db);
    expect(isDatabaseUnavailable(error), String(error)).toBe(true);
  });
});
