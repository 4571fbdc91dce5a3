import { escapeHtml } from "~/domain/notifications/mail-content";
import { safeReturnPath } from "~/lib/safe-return-path";
import { RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE_MESSAGE } from "~/server/db/unavailable";

export const dynamic = "force-dynamic";

/** Seconds before the page sends the reader back (a little after Retry-After: the switch takes a few). */
const BACK_AFTER_SECONDS = 5;

/**
 * Where pages send readers while the database is unreachable (src/server/http/page-outage.ts): 503
 * with Retry-After, needing no database, and back to the page they asked for (`from`, a same-site
 * path only) after a few seconds.
 */
export function GET(request: Request) {
  const back = safeReturnPath(new URL(request.url).searchParams.get("from"), "/dashboard");
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${BACK_AFTER_SECONDS};url=${escapeHtml(back)}">
<title>Back in a moment · Runbalance</title></head>
<body><main><h1>Back in a moment</h1>
<p>${escapeHtml(SERVICE_UNAVAILABLE_MESSAGE)} Nothing you saved is lost.</p>
<p>This page tries again by itself in ${BACK_AFTER_SECONDS} seconds. <a href="${escapeHtml(back)}">Try again now</a></p>
</main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "retry-after": String(RETRY_AFTER_SECONDS),
      "cache-control": "no-store",
    },
  });
}
