import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createRequestContext } from "~/server/api/context";
import { appRouter } from "~/server/api/root";
import { databaseUnavailableCode, RETRY_AFTER_SECONDS } from "~/server/db/unavailable";
import { isCrossSitePost } from "~/server/http/cross-site";
import { refuseUnread, tooLarge, withBodyWithin } from "~/server/http/request-body";

// Bounded requests: no batch of hundreds of calls, no megabyte bodies.
const MAX_BODY_BYTES = 1_000_000;
const MAX_BATCH = 20;

async function handler(request: Request) {
  // Cookie-authenticated mutations must come from our own pages (tRPC already refuses form-encoded
  // bodies, which browsers could send cross-site).
  if (isCrossSitePost(request))
    return refuseUnread(request, Response.json({ error: "Cross-site request refused" }, { status: 403 }));
  // Counted as it streams: chunked bodies carry no Content-Length to check.
  const req = await withBodyWithin(request, MAX_BODY_BYTES);
  if (!req) return tooLarge(request, { error: "Request too large" });
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // resHeaders: where a write's marker cookie goes (ADR 023).
    createContext: ({ resHeaders }) => createRequestContext(req, resHeaders),
    maxBatchSize: MAX_BATCH,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
      // One line, not a stack per request: an outage fails every request the same way.
      if (error.code === "SERVICE_UNAVAILABLE")
        console.warn(
          `tRPC ${path ?? "?"} answered 503: database unavailable (${databaseUnavailableCode(error) ?? "?"})`,
        );
    },
    // Answers carry personal data: no cache may keep them. A database outage (SERVICE_UNAVAILABLE,
    // 503) also tells the client when to try again.
    responseMeta({ errors }) {
      const headers = new Headers({ "cache-control": "no-store" });
      if (errors.some((error) => error.code === "SERVICE_UNAVAILABLE"))
        headers.set("retry-after", String(RETRY_AFTER_SECONDS));
      return { headers };
    },
  });
}

export { handler as GET, handler as POST };
