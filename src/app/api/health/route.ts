import { getSql } from "~/server/db";
import { RETRY_AFTER_SECONDS } from "~/server/db/unavailable";
import { checkHealth } from "~/server/health/check";

export const dynamic = "force-dynamic";

/**
 * Readiness: 200 `{ status: "ok" }` when the database answers, 503 `{ status: "unavailable" }` with
 * Retry-After when not (like every other answer during an outage; load balancers take the instance
 * out of rotation on it). Anyone may ask, so it says nothing more (no versions, no latency); why it
 * is down goes to the server's log.
 */
export async function GET() {
  const health = await checkHealth(getSql());
  if (health.status !== "ok") console.warn(`/api/health answered 503: database ${health.database.error ?? "down"}`);
  const ok = health.status === "ok";
  return Response.json(
    { status: health.status },
    {
      status: ok ? 200 : 503,
      headers: { "cache-control": "no-store", ...(ok ? {} : { "retry-after": String(RETRY_AFTER_SECONDS) }) },
    },
  );
}
