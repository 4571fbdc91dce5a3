import { getDb } from "~/server/db";
import { answer503WhenDatabaseIsDown } from "~/server/http/database-outage";
import { unsubscribeByLink } from "~/server/services/unsubscribe";

export const dynamic = "force-dynamic";

/**
 * The unsubscribe link of every mail (List-Unsubscribe, RFC 8058): the token is the only credential,
 * for one recipient and one kind of mail; no sign-in. GET sends the reader to the confirmation page
 * (/unsubscribe/<token>: mail scanners fetch links, so a GET changes nothing); POST unsubscribes:
 * mail clients' one-click POST gets a short answer, the page's button the page again, saying it is done.
 */
const notFound = () =>
  new Response("This unsubscribe link is incomplete or wrong.", {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });

const toPage = (token: string) =>
  new Response(null, {
    status: 303,
    headers: {
      location: `/unsubscribe/${encodeURIComponent(token)}`,
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    },
  });

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  return toPage((await params).token);
}

export const POST = answer503WhenDatabaseIsDown(
  "unsubscribe link",
  "text",
  async (request: Request, { params }: { params: Promise<{ token: string }> }) => {
    const { token } = await params;
    // The body (RFC 8058's "List-Unsubscribe=One-Click") is not read: the token alone decides.
    if (!(await unsubscribeByLink(getDb(), token))) return notFound();
    if (new URL(request.url).searchParams.get("from") === "page") return toPage(token);
    return new Response("Unsubscribed", { headers: { "content-type": "text/plain", "cache-control": "no-store" } });
  },
);
