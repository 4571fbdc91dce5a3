import { resolve } from "node:path";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../../../scripts/lib/embedded-postgres";
import { checkHealth } from "./check";

describe("health check", () => {
  it("reports the database version while it runs and 'down' once it is stopped", async () => {
    // A server of this test's own, so stopping it disturbs no other test.
    const server = await startEmbeddedPostgres({
      dataDir: resolve(`.data/test-health-${process.pid}`),
      persistent: false,
      preferredPort: 56432,
    });
    const sql = postgres(server.serverUrl, { max: 1, connect_timeout: 1, onnotice: () => {} });
    try {
      const up = await checkHealth(sql);
      expect(up).toMatchObject({ status: "ok", database: { status: "up" } });
      expect(up.database.version).toMatch(/^PostgreSQL \d+/);

      await server.stop();
      const down = await checkHealth(sql);
      expect(down).toMatchObject({ status: "unavailable", database: { status: "down" } });
    } finally {
      await sql.end({ timeout: 1 });
      await server.stop();
    }
  }, 60_000);
});
