import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppShell } from "../_shared/app-shell";
import { loadOrgPage } from "../_shared/load-page";
import { getQueryClient, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Outbox" };

/** Mail kept instead of sent (no SMTP configured), so invitation links can be followed offline. */
export default async function OutboxPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const page = await loadOrgPage(slug, `/o/${slug}/outbox`);
  if (!page.org.abilities.viewOutbox) notFound();
  const mails = await getQueryClient().fetchQuery(trpc.organisations.outbox.queryOptions({ orgSlug: slug }));
  return (
    <AppShell page={page} current={`/o/${slug}/outbox`}>
      <h1 className="text-2xl font-semibold tracking-tight">Outbox</h1>
      <p className="mt-1 text-sm text-slate-600">
        No SMTP server is configured (set <code>SMTP_URL</code>), so mail is kept here instead of being sent.
      </p>
      {mails.length === 0 && <p className="mt-4 text-slate-600">No mail yet.</p>}
      <ul className="mt-4 space-y-3">
        {mails.map((mail) => (
          <li key={mail.id}>
            <article
              className="rounded-lg border border-slate-200 bg-white p-4 text-sm"
              aria-label={`Mail to ${mail.to}`}
            >
              <h2 className="font-semibold">{mail.subject}</h2>
              <p className="text-slate-600">
                To {mail.to} · {new Date(mail.createdAt).toLocaleString("en-GB", { timeZone: page.user.timeZone })}
              </p>
              <pre className="mt-2 whitespace-pre-wrap font-sans">
                {mail.text.split(/(https?:\/\/\S+)/).map((part, i) =>
                  /^https?:\/\//.test(part) ? (
                    <a key={i} href={part} className="text-blue-700 underline">
                      {part}
                    </a>
                  ) : (
                    part
                  ),
                )}
              </pre>
            </article>
          </li>
        ))}
      </ul>
    </AppShell>
  );
}
