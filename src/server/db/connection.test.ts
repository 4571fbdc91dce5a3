import { afterEach, describe, expect, it } from "vitest";
import { connect, type Connection } from "./connection";

describe("the URL tells the driver a transaction pooler is in front (ADR 022)", () => {
  const opened: Connection[] = [];
  const open = (url: string) => {
    const connection = connect(url);
    opened.push(connection);
    return connection.sql.options;
  };
  afterEach(async () => {
    for (const c of opened.splice(0)) await c.close();
  });

  it("`?prepare=false`: unnamed statements only, and the parameter is not sent to the server", () => {
    const options = open("postgres://app:secret@127.0.0.1:6432/runbalance?prepare=false");
    expect(options.prepare).toBe(false);
    expect(options.connection).not.toHaveProperty("prepare");
    expect(options.database).toBe("runbalance");
  });

  it("without it: named prepared statements (a direct connection, or PgBouncer 1.21+ with max_prepared_statements)", () => {
    expect(open("postgres://app:secret@127.0.0.1:5432/runbalance").prepare).toBe(true);
  });
});
