import { describe, expect, it } from "vitest";
import { parseOptionalEnv } from "./env";

describe("optional configuration", () => {
  it("gives the documented defaults when unset, and treats an empty value as unset", () => {
    const empty = {
      SMTP_URL: "",
      MAIL_FROM: "",
      NEXTAUTH_URL: "",
      BENCH_ROUTES: "",
      TRUSTED_PROXY_HOPS: "",
      WORKER_DATABASE_URL: "",
      RUNBALANCE_WORKER: "",
      DATABASE_REPLICA_URL: "",
      RUNBALANCE_EXPOSE_DB_ROUTE: "",
    };
    for (const source of [{}, empty]) {
      expect(parseOptionalEnv(source)).toEqual({
        NODE_ENV: "development",
        MAIL_FROM: "Runbalance <no-reply@runbalance.example>",
        TRUSTED_PROXY_HOPS: 0,
        RUNBALANCE_WORKER: "inline",
      });
    }
  });

  it("keeps valid values", () => {
    expect(
      parseOptionalEnv({
        NODE_ENV: "production",
        SMTP_URL: "smtps://user:pass@smtp.example.com:465",
        MAIL_FROM: "Club <club@example.com>",
        NEXTAUTH_URL: "https://runbalance.example",
        BENCH_ROUTES: "1",
      }),
    ).toMatchObject({ SMTP_URL: "smtps://user:pass@smtp.example.com:465", BENCH_ROUTES: "1" });
  });

  it("refuses malformed values at start-up rather than at the first mail, naming the variable", () => {
    expect(() => parseOptionalEnv({ SMTP_URL: "smtp.example.com" })).toThrow(/SMTP_URL: SMTP_URL must be a URL/);
    expect(() => parseOptionalEnv({ NEXTAUTH_URL: "localhost:3000" })).toThrow(/NEXTAUTH_URL/);
    expect(() => parseOptionalEnv({ BENCH_ROUTES: "yes" })).toThrow(/BENCH_ROUTES/);
    expect(() => parseOptionalEnv({ DATABASE_REPLICA_URL: "standby:5432" })).toThrow(/DATABASE_REPLICA_URL/);
    expect(() => parseOptionalEnv({ RUNBALANCE_EXPOSE_DB_ROUTE: "yes" })).toThrow(/RUNBALANCE_EXPOSE_DB_ROUTE/);
    expect(parseOptionalEnv({ DATABASE_REPLICA_URL: "postgres://app@127.0.0.1:6432/replica" })).toMatchObject({
      DATABASE_REPLICA_URL: "postgres://app@127.0.0.1:6432/replica",
    });
    expect(() => parseOptionalEnv({ TRUSTED_PROXY_HOPS: "-1" })).toThrow(/TRUSTED_PROXY_HOPS must be a whole number/);
  });
});
