import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";

/** A page's main query: a missing or malformed object is the 404 page, like an unknown address. */
export async function queryOr404<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (
      error instanceof TRPCError &&
      (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST" || error.code === "FORBIDDEN")
    )
      notFound();
    throw error;
  }
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
