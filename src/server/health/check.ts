import "server-only";
import type postgres from "postgres";

/** For the server's own use (logs, tests): /api/health shows anonymous callers only `status`. */
export interface Health {
  status: "ok" | "unavailable";
  database: { status: "up" | "down"; version?: string; latencyMs?: number; error?: string };
}

/** Asks the database for its version, giving up after `timeoutMs` so a dead server fails fast. */
export async function checkHealth(sql: postgres.Sql, timeoutMs = 1500): Promise<Health> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const [row] = await Promise.race([
      sql<{ version: string }[]>`select current_setting('server_version') as version`,
      timeout,
    ]);
    return {
      status: "ok",
      database: {
        status: "up",
        version: `PostgreSQL ${row?.version ?? "?"}`,
        latencyMs: Math.round(performance.now() - started),
      },
    };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return {
      status: "unavailable",
      database: { status: "down", error: code ?? (error instanceof Error ? error.message : "unknown error") },
    };
  } finally {
    clearTimeout(timer);
  }
}
