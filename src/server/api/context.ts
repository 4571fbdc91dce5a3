import "server-only";
import { getCurrentUser } from "~/server/auth/session";
import { getDb } from "~/server/db";
import type { Context } from "./trpc";

/** The context of a real request: the app's database and the verified session user. */
export async function createRequestContext(): Promise<Context> {
  return { db: getDb(), user: await getCurrentUser() };
}
