/**
 * patches/postgres+3.4.9.patch: postgres.js 3.4.9 throws "Cannot read properties of null (reading
 * 'write')" from a timer when a connection closes after a write was scheduled (porsager/postgres#1154,
 * #1208): uncatchable, it escapes every request handler and leaves the query waiting. Behind PgBouncer
 * a failover closes server-side connections like that (ADR 022). Patched, the query is rejected with
 * CONNECTION_CLOSED, which the app answers 503 (src/server/db/unavailable.ts).
 */
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { isDatabaseUnavailable } from "./unavailable";

describe("postgres.js: a query on a connection whose backend was terminated (patched driver)", () => {
  const admin = postgres(inject("pgServerUrl"), { max: 1, onnotice: () => {} });
  const sql = postgres(inject("pgServerUrl"), { max: 1, onnotice: () => {} });
  afterAll(async () => {
    await sql.end({ timeout: 1 });
    await admin.end({ timeout: 1 });
  });

  it("is rejected with CONNECTION_CLOSED, never thrown from a timer", async () => {
    // A reserved connection: the pool cannot rotate it away, so the next query goes to the dead one.
    const reserved = await sql.reserve();
    const [{ pid } = { pid: 0 }] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`;
    await admin`select pg_terminate_backend(${pid})`;
    await new Promise((resolve) => setTimeout(resolve, 200));

    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.prependListener("uncaughtException", onUncaught);
    try {
      const outcome = await Promise.race([
        reserved`select 1`.then(
          () => "answered",
          (error: unknown) => error,
        ),
        new Promise((resolve) => setTimeout(() => resolve("still waiting after 3 s"), 3_000)),
      ]);
      expect(uncaught.map(String)).toEqual([]);
      expect(outcome).toMatchObject({ code: "CONNECTION_CLOSED" });
      expect(isDatabaseUnavailable(outcome)).toBe(true);
    } finally {
      process.off("uncaughtException", onUncaught);
    }
  });
});
