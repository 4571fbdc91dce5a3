import { getSql } from "~/server/db";
import { checkHealth } from "~/server/health/check";
import packageJson from "../../../../package.json";

export const dynamic = "force-dynamic";

/** Readiness: 200 when the database answers, 503 when it does not. */
export async function GET() {
  const health = await checkHealth(getSql(), packageJson.version);
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
