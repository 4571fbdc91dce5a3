import "server-only";
import { headers } from "next/headers";
import { getCurrentSession } from "~/server/auth/session";
import { getDb } from "~/server/db";
import { trustedProxyHops } from "~/server/env";
import { clientAddress } from "~/server/http/client-address";
import { databaseOutageAsServiceUnavailable, type Context } from "./trpc";

/**
 * The context of a real request (`request` when the caller has it, else Next's current one): the
 * app's database, the verified session user and the client's address. Reading the session is the request's first query, before any procedure middleware: a
 * database outage here is SERVICE_UNAVAILABLE too.
 */
export async function createRequestContext(request?: Request): Promise<Context> {
  try {
    const session = await getCurrentSession();
    return {
      db: getDb(),
      user: session?.user ?? null,
      sessionSecret: session?.secret ?? null,
      clientAddress: clientAddress(request?.headers ?? (await headers()), trustedProxyHops()),
    };
  } catch (error) {
    throw databaseOutageAsServiceUnavailable(error);
  }
}
