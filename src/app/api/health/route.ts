import { getSql } from "~/server/db";
import { checkHealth } from "~/server/health/check";

export const dynamic = "force-dynamic";

/**
 * Readiness: 200 `{ status: "ok" }` when the database answers, 503 `{ status: "unavailable" }` when
 * not. Anyone may ask, so it says nothing more (no versions, no latency); why it is down goes to the
 * server's log.
 */
export async function GET() {
  const health = await checkHealth(getSql());
  if (health.status !== "ok") console.warn(`/api/health answered 503: database ${health.database.error ?? "down"}`);
  return Response.json(
    { status: health.status },
    { status: health.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
