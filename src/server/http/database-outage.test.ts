import { DrizzleQueryError } from "drizzle-orm/errors";
import postgres from "postgres";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SERVICE_UNAVAILABLE_MESSAGE } from "~/server/db/unavailable";
import { answer503WhenDatabaseIsDown } from "./database-outage";

const shutdown = () =>
  new DrizzleQueryError(
    "select 1",
    [],
    new postgres.PostgresError({ code: "57P01", message: "terminating connection" } as never),
  );

describe("route handlers outside tRPC during a database outage", () => {
  afterEach(() => vi.restoreAllMocks());

  it("answers 503 with Retry-After, as text or as the upload's JSON, and logs one line", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const text = answer503WhenDatabaseIsDown("feed", "text", async () => Promise.reject(shutdown()));
    const response = await text();
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toBe(SERVICE_UNAVAILABLE_MESSAGE);

    const json = answer503WhenDatabaseIsDown("upload", "json", async (_request: Request) => Promise.reject(shutdown()));
    const answer = await json(new Request("http://app.test/"));
    expect(answer.status).toBe(503);
    expect(await answer.json()).toEqual({ ok: false, error: SERVICE_UNAVAILABLE_MESSAGE });
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      "feed answered 503: database unavailable (57P01)",
      "upload answered 503: database unavailable (57P01)",
    ]);
  });

  it("passes answers through and throws other errors on unchanged", async () => {
    const ok = answer503WhenDatabaseIsDown("feed", "text", async (n: number) => new Response(`n=${n}`));
    expect(await (await ok(3)).text()).toBe("n=3");
    const bug = new TypeError("x is undefined");
    await expect(answer503WhenDatabaseIsDown("feed", "text", async () => Promise.reject(bug))()).rejects.toBe(bug);
    const constraint = new DrizzleQueryError(
      "insert …",
      [],
      new postgres.PostgresError({ code: "23505", message: "duplicate key" } as never),
    );
    await expect(answer503WhenDatabaseIsDown("feed", "text", async () => Promise.reject(constraint))()).rejects.toBe(
      constraint,
    );
  });
});
