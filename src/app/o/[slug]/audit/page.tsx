import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppShell } from "../_shared/app-shell";
import { loadOrgPage } from "../_shared/load-page";
import { getQueryClient, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Audit log" };

const ACTION_WORDS: Record<string, string> = {
  "invitation.created": "invited",
  "invitation.resent": "re-sent the invitation to",
  "invitation.revoked": "revoked the invitation to",
  "invitation.accepted": "accepted the invitation:",
  "member.role_changed": "changed the role of",
  "member.removed": "removed",
  "coach.assigned": "assigned a coach to",
  "coach.unassigned": "removed a coach from",
  "organisation.created": "created",
};

export default async function AuditPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const page = await loadOrgPage(slug, `/o/${slug}/audit`);
  if (!page.org.abilities.viewAudit) notFound();
  const events = await getQueryClient().fetchQuery(trpc.organisations.audit.queryOptions({ orgSlug: slug }));
  return (
    <AppShell page={page} current={`/o/${slug}/audit`}>
      <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
      <p className="mt-1 text-sm text-slate-600">Invitations, role changes and removals, newest first.</p>
      {events.length === 0 && (
        <p className="mt-4 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700">
          Nothing to show yet: when someone is invited, changes a role or leaves the organisation, it is recorded here.
        </p>
      )}
      <ol
        hidden={events.length === 0}
        className="mt-4 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
      >
        {events.map((e) => (
          <li key={e.id} className="px-4 py-3 text-sm">
            <time dateTime={new Date(e.createdAt).toISOString()} className="mr-3 text-slate-600">
              {new Date(e.createdAt).toLocaleString("en-GB", { timeZone: page.user.timeZone })}
            </time>
            <span className="font-medium">{e.actorName ?? "Someone"}</span> {ACTION_WORDS[e.action] ?? e.action}{" "}
            {e.subject}
            {Object.keys(e.details as object).length > 0 && (
              <span className="text-slate-600">
                {" "}
                (
                {Object.entries(e.details as Record<string, unknown>)
                  .map(([k, v]) => `${k}: ${String(v)}`)
                  .join(", ")}
                )
              </span>
            )}
          </li>
        ))}
      </ol>
    </AppShell>
  );
}
