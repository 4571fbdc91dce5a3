import { getSql } from "~/server/db";
import { optionalEnv } from "~/server/env";

/**
 * The HTTP benchmark's ceiling (bench/http.ts): a request that does nothing but `select 1` on the
 * app's own pool. Hidden unless the server was started by the bench with BENCH_ROUTES=1.
 */
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  if (optionalEnv().BENCH_ROUTES !== "1") return new Response("Not found", { status: 404 });
  const [row] = await getSql()`select 1 as one`;
  return Response.json(row);
}
