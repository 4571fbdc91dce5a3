import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";

/** The refusals a page shows as its 404: a missing, malformed or out-of-reach object, like an unknown address. */
const NOT_FOUND_CODES = new Set<TRPCError["code"]>(["NOT_FOUND", "BAD_REQUEST", "FORBIDDEN"]);

/** A page's main query: any of those refusals is the 404 page. The one place pages map errors to it. */
export async function queryOr404<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof TRPCError && NOT_FOUND_CODES.has(error.code)) notFound();
    throw error;
  }
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
