import "server-only";
import { databaseUnavailableCode, RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE_MESSAGE } from "~/server/db/unavailable";

/** 503 with Retry-After and the message clients show: as plain text, or as `{ ok: false, error }`. */
export function serviceUnavailableResponse(format: "text" | "json"): Response {
  const headers = { "retry-after": String(RETRY_AFTER_SECONDS), "cache-control": "no-store" };
  if (format === "json")
    return Response.json({ ok: false, error: SERVICE_UNAVAILABLE_MESSAGE }, { status: 503, headers });
  return new Response(SERVICE_UNAVAILABLE_MESSAGE, {
    status: 503,
    headers: { ...headers, "content-type": "text/plain; charset=utf-8" },
  });
}

/**
 * For route handlers outside tRPC that use the database: when the handler fails because the
 * database is unreachable (src/server/db/unavailable.ts), the answer is 503 with Retry-After, as
 * tRPC's SERVICE_UNAVAILABLE, rather than Next's generic 500. Other errors are thrown on, unchanged.
 */
export function answer503WhenDatabaseIsDown<Args extends unknown[]>(
  name: string,
  format: "text" | "json",
  handler: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      const code = databaseUnavailableCode(error);
      if (code === null) throw error;
      console.warn(`${name} answered 503: database unavailable (${code})`);
      return serviceUnavailableResponse(format);
    }
  };
}
