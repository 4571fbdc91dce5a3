import "server-only";
import { requestClientAddress } from "~/server/auth/client-address";
import { getCurrentSession } from "~/server/auth/session";
import { getDb } from "~/server/db";
import { databaseOutageAsServiceUnavailable, type Context } from "./trpc";

/**
 * The context of a real request (`request` when the caller has it, else Next's current one): the
 * app's database, the verified session user and the client's address. Reading the session is the
 * request's first query, before any procedure middleware: a database outage here is SERVICE_UNAVAILABLE too.
 */
export async function createRequestContext(request?: Request): Promise<Context> {
  try {
    const session = await getCurrentSession();
    return {
      db: getDb(),
      user: session?.user ?? null,
      sessionSecret: session?.secret ?? null,
      clientAddress: await requestClientAddress(request),
    };
  } catch (error) {
    throw databaseOutageAsServiceUnavailable(error);
  }
}
