import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createRequestContext } from "~/server/api/context";
import { appRouter } from "~/server/api/root";

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
    createContext: createRequestContext,
    maxBatchSize: MAX_BATCH,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
