import { MAX_FILE_BYTES } from "~/server/activity-import";
import { parseOffThread } from "~/server/activity-import/parse-off-thread";
import { getCurrentSession } from "~/server/auth/session";
import { getDb } from "~/server/db";
import { isCrossSitePost } from "~/server/http/cross-site";
import { answer503WhenDatabaseIsDown } from "~/server/http/database-outage";
import { importFile } from "~/server/http/import-file";
import { markWriteIn } from "~/server/http/write-marker";
import { readBodyWithin, refuseUnread, tooLarge } from "~/server/http/request-body";

/** The file's name as the browser encoded it; anything malformed or containing NUL becomes "upload". */
function readFileName(header: string | null): string {
  try {
    const name = decodeURIComponent(header ?? "upload");
    return name.includes("\u0000") ? "upload" : name.slice(0, 200);
  } catch {
    return "upload";
  }
}

/** A refusal sent before the body is read: the body is dropped, not read into memory. */
function refusal(request: Request, body: { fileName: string; ok: false; error: string }, status: number) {
  return refuseUnread(request, Response.json(body, { status, headers: { "cache-control": "no-store" } }));
}

/**
 * Receives one activity file as the raw request body (one request per file, so each has its own
 * progress bar). Cookie-authenticated, so it insists on a custom header and a same-site Origin: a
 * cross-site form cannot send either. The body is read only once the caller may import for that
 * athlete, and never past 25 MB. While the database is down: 503, `{ ok: false, error }`; while the
 * parsers are full: 429 (this user's files) or 503 (everyone's), with Retry-After.
 */
export const POST = answer503WhenDatabaseIsDown(
  "activity upload",
  "json",
  async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
    const { slug } = await params;
    const fileName = readFileName(request.headers.get("x-file-name"));
    if (request.headers.get("x-runbalance-upload") !== "1" || isCrossSitePost(request)) {
      return refusal(request, { fileName, ok: false, error: "Upload refused." }, 403);
    }
    const session = await getCurrentSession();
    if (!session) return refusal(request, { fileName, ok: false, error: "Please sign in." }, 401);
    if (Number(request.headers.get("content-length") ?? 0) > MAX_FILE_BYTES) {
      return tooLarge(request, {
        fileName,
        ok: false,
        error: `"${fileName}" is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`,
      });
    }
    const athleteId = new URL(request.url).searchParams.get("athlete");
    const outcome = await importFile(
      getDb(),
      {
        userId: session.user.id,
        sessionSecret: session.secret,
        orgSlug: slug,
        athleteId: athleteId && /^[0-9a-f-]{36}$/.test(athleteId) ? athleteId : null,
        fileName,
        // Counted as it streams (a chunked body has no Content-Length): reading stops past the limit.
        body: () => readBodyWithin(request, MAX_FILE_BYTES),
      },
      parseOffThread,
    );
    const retry = outcome.status === 429 || outcome.status === 503 ? { "retry-after": "30" } : undefined;
    const response = Response.json(outcome.body, {
      status: outcome.status,
      headers: { "cache-control": "no-store", ...retry },
    });
    // The stored drafts are the uploader's to read next: on the primary until the replica has them.
    if (outcome.status === 200) await markWriteIn(response.headers);
    // A refusal may leave the body unread (a non-member's, or one past the limit).
    return outcome.status === 200 ? response : refuseUnread(request, response);
  },
);
