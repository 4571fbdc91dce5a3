import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createRequestContext } from "~/server/api/context";
import { appRouter } from "~/server/api/root";
import { databaseUnavailableCode, RETRY_AFTER_SECONDS } from "~/server/db/unavailable";

// Bounded requests: no batch of hundreds of calls, no megabyte bodies.
const MAX_BODY_BYTES = 1_000_000;
const MAX_BATCH = 20;

/**
 * Cookie-authenticated mutations must come from our own pages: a POST whose Origin names another
 * site is refused (tRPC already refuses form-encoded bodies, which browsers could send cross-site).
 */
function isCrossSite(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (req.method !== "POST" || !origin) return false;
  try {
    return new URL(origin).host !== (req.headers.get("x-forwarded-host") ?? req.headers.get("host"));
  } catch {
    return true;
  }
}

function handler(req: Request) {
  if (isCrossSite(req)) return Response.json({ error: "Cross-site request refused" }, { status: 403 });
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) return Response.json({ error: "Request too large" }, { status: 413 });
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createRequestContext(req),
    maxBatchSize: MAX_BATCH,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
      // One line, not a stack per request: an outage fails every request the same way.
      if (error.code === "SERVICE_UNAVAILABLE")
        console.warn(
          `tRPC ${path ?? "?"} answered 503: database unavailable (${databaseUnavailableCode(error) ?? "?"})`,
        );
    },
    // A database outage (SERVICE_UNAVAILABLE, 503) tells the client when to try again.
    responseMeta({ errors }) {
      if (!errors.some((error) => error.code === "SERVICE_UNAVAILABLE")) return {};
      return { headers: new Headers({ "retry-after": String(RETRY_AFTER_SECONDS), "cache-control": "no-store" }) };
    },
  });
}

export { handler as GET, handler as POST };
