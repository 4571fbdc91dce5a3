import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "~/lib/content-security-policy";

/** The page being rendered, for src/server/http/page-outage.ts (set here, so a client cannot choose it). */
const PAGE_PATH_HEADER = "x-runbalance-page";

/**
 * Gives every page its Content-Security-Policy with a fresh nonce: on the response, and on the
 * request, where Next.js reads the nonce to put it on its scripts; and tells the page its own path
 * (for the way back from /unavailable). Nothing else, and no authorisation: pages and procedures
 * check the session themselves (docs/architecture.md).
 */
export function proxy(request: NextRequest) {
  // Served over HTTPS (as Next sees it, X-Forwarded-Proto included): subresources are upgraded too.
  const policy = contentSecurityPolicy({ nonce: newNonce(), https: request.nextUrl.protocol === "https:" });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  headers.set(PAGE_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not the API, Next's static files or the favicon.
      source: "/((?!api/|_next/static/|_next/image|favicon.ico).*)",
      missing: [
        // Prefetches carry no document to protect.
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
        // Requests with a body (the upload, stray POSTs to pages): a proxy makes Next.js read and
        // copy the whole body before the route sees it, which would defeat the routes' streaming
        // limits. Their answers get the static policy of next.config.ts instead.
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
  ],
};
