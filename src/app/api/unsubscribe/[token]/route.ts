import { getDb } from "~/server/db";
import { answer503WhenDatabaseIsDown } from "~/server/http/database-outage";
import { unsubscribeByLink, unsubscribeLink } from "~/server/services/unsubscribe";

export const dynamic = "force-dynamic";

/**
 * The unsubscribe link of every mail (List-Unsubscribe, RFC 8058): the token is the only credential,
 * for one recipient and one kind of mail; no sign-in. GET shows a confirmation page with a button
 * (mail scanners fetch links, so a GET changes nothing); POST unsubscribes: mail clients' one-click
 * POST gets a short answer, the page's button the page again, saying it is done.
 */
const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function page(title: string, body: string, status = 200): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Runbalance</title></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
  return new Response(html, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    },
  });
}

const notFound = () =>
  page(
    "This link does not work",
    "<p>The unsubscribe link is incomplete or wrong. You can change your email settings after signing in, under Settings.</p>",
    404,
  );

export const GET = answer503WhenDatabaseIsDown(
  "unsubscribe link",
  "text",
  async (_request: Request, { params }: { params: Promise<{ token: string }> }) => {
    const { token } = await params;
    const link = await unsubscribeLink(getDb(), token);
    if (!link) return notFound();
    const what = `<p>Mails about <strong>${escapeHtml(link.label)}</strong> to ${escapeHtml(link.emailHint)}.</p>`;
    if (link.unsubscribed) {
      return page(
        "You are unsubscribed",
        `${what}<p>You will get no more of these mails. You can turn them on again under Settings after signing in.</p>`,
      );
    }
    return page(
      "Stop these mails?",
      `${what}<form method="post" action="?from=page"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
    );
  },
);

export const POST = answer503WhenDatabaseIsDown(
  "unsubscribe link",
  "text",
  async (request: Request, { params }: { params: Promise<{ token: string }> }) => {
    const { token } = await params;
    // The body (RFC 8058's "List-Unsubscribe=One-Click") is not read: the token alone decides.
    if (!(await unsubscribeByLink(getDb(), token))) return notFound();
    if (new URL(request.url).searchParams.get("from") === "page") {
      return new Response(null, {
        status: 303,
        headers: { location: `/api/unsubscribe/${token}`, "cache-control": "no-store" },
      });
    }
    return new Response("Unsubscribed", { headers: { "content-type": "text/plain", "cache-control": "no-store" } });
  },
);
