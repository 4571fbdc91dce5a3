import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "~/server/db";
import { unsubscribeLink } from "~/server/services/unsubscribe";
import { forPage } from "~/server/http/page-outage";

export const dynamic = "force-dynamic";

// The token is the link's only credential: no referrer carries it off, no search engine keeps it.
export const metadata: Metadata = { title: "Email settings", referrer: "no-referrer", robots: { index: false } };

/**
 * Where a mail's unsubscribe link lands (GET /api/unsubscribe/<token> sends people here): what the
 * link is for and one button. Mail scanners open links, so showing this page changes nothing; the
 * button posts to the link itself (RFC 8058's one-click URL), which brings the reader back here.
 */
export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await forPage(() => unsubscribeLink(getDb(), token));
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      {!link ? (
        <>
          <h1 className="text-2xl font-semibold tracking-tight">This link does not work</h1>
          <p className="mt-2 text-slate-700">
            The unsubscribe link is incomplete or wrong. You can change your email settings after signing in, under
            Settings.
          </p>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold tracking-tight">
            {link.unsubscribed ? "You are unsubscribed" : "Stop these mails?"}
          </h1>
          <p className="mt-2 text-slate-700">
            Mails about <strong>{link.label}</strong> to {link.emailHint}.
          </p>
          {link.unsubscribed ? (
            <p role="status" className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-emerald-900">
              You will get no more of these mails. You can turn them on again in your email settings.
            </p>
          ) : (
            <form method="post" action={`/api/unsubscribe/${encodeURIComponent(token)}?from=page`} className="mt-6">
              <button
                type="submit"
                className="inline-flex min-h-11 items-center rounded-md bg-slate-900 px-4 font-medium text-white hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
              >
                Unsubscribe
              </button>
            </form>
          )}
          <p className="mt-6 text-sm text-slate-700">
            <Link href="/settings#mail" className="text-blue-700 underline">
              All email settings
            </Link>{" "}
            (after signing in)
          </p>
        </>
      )}
    </main>
  );
}
