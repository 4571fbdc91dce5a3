import "server-only";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeReturnPath } from "~/lib/safe-return-path";
import { isDatabaseUnavailable } from "~/server/db/unavailable";

/**
 * Pages while the database is unreachable (a restart, a failover). A server-rendered page cannot set
 * its own status: an error thrown while rendering is a 500, which tells people and load balancers
 * that something is broken rather than "try again in a moment". So a page's data loads go through
 * `forPage`, which sends the reader to /unavailable (503 with Retry-After, and back to this page
 * shortly). Any other error is rethrown as it is.
 */

/** The request header, set by src/proxy.ts, naming the page being rendered ("/o/club?x=1"). */
export const PAGE_PATH_HEADER = "x-runbalance-page";

/** Whether `error` means "the database is unreachable", as tRPC's SERVICE_UNAVAILABLE or raw. */
export const isOutage = (error: unknown): boolean =>
  (error instanceof TRPCError && error.code === "SERVICE_UNAVAILABLE") || isDatabaseUnavailable(error);

/** Where a page goes while the database is down: /unavailable, which comes back to `page`. */
export const unavailablePath = (page: string | null) =>
  `/unavailable?from=${encodeURIComponent(safeReturnPath(page, "/dashboard"))}`;

/** Runs a page's data load; an outage becomes a redirect to /unavailable instead of a 500. */
export async function forPage<T>(load: () => Promise<T>): Promise<T> {
  let outage: unknown;
  try {
    return await load();
  } catch (error) {
    if (!isOutage(error)) throw error;
    outage = error;
  }
  console.warn(`[runbalance] page answered 503 (database unavailable): ${String(outage)}`);
  redirect(unavailablePath((await headers()).get(PAGE_PATH_HEADER)));
}
