import "server-only";
import { requestClientAddress } from "~/server/auth/client-address";
import { getCurrentSession } from "~/server/auth/session";
import { requestWriteMarker } from "~/server/auth/write-marker";
import { getDb, getReplicaDb } from "~/server/db";
import { requestReadRouting, type ReadRouting } from "~/server/db/replica";
import { appUrl, optionalEnv } from "~/server/env";
import { databaseOutageAsServiceUnavailable, type Context } from "./trpc";

/**
 * The context of a real request (`request` when the caller has it, else Next's current one): the
 * app's database, the verified session user and the client's address. Reading the session is the
 * request's first query, before any procedure middleware: a database outage here is SERVICE_UNAVAILABLE too.
 * `resHeaders` are the response's, where a write marker or the pool header can go (tRPC over HTTP).
 */
export async function createRequestContext(request?: Request, resHeaders?: Headers): Promise<Context> {
  try {
    const session = await getCurrentSession();
    return {
      db: getDb(),
      user: session?.user ?? null,
      sessionSecret: session?.secret ?? null,
      clientAddress: await requestClientAddress(request),
      readRouting: await readRoutingOf(request, resHeaders),
    };
  } catch (error) {
    throw databaseOutageAsServiceUnavailable(error);
  }
}

/** Where this request's opted-in reads may go (ADR 023); undefined without a replica or the header. */
export async function readRoutingOf(request?: Request, resHeaders?: Headers): Promise<ReadRouting | undefined> {
  const replica = getReplicaDb();
  const exposeRoute = optionalEnv().RUNBALANCE_EXPOSE_DB_ROUTE === "1";
  if (!replica && !exposeRoute) return undefined;
  return requestReadRouting({
    replica,
    markerCookie: replica ? await requestWriteMarker(request) : undefined,
    resHeaders: resHeaders ?? null,
    secure: appUrl().startsWith("https:"),
    exposeRoute,
  });
}
