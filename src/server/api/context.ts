import "server-only";
import { getCurrentUser } from "~/server/auth/session";
import { getDb } from "~/server/db";
import { databaseOutageAsServiceUnavailable, type Context } from "./trpc";

/**
 * The context of a real request: the app's database and the verified session user. Reading the user
 * is the request's first query, before any procedure middleware: a database outage here is
 * SERVICE_UNAVAILABLE too.
 */
export async function createRequestContext(): Promise<Context> {
  try {
    return { db: getDb(), user: await getCurrentUser() };
  } catch (error) {
    throw databaseOutageAsServiceUnavailable(error);
  }
}
