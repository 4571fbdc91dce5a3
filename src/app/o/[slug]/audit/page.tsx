import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppShell } from "../_shared/app-shell";
import { loadOrgPage } from "../_shared/load-page";
import { getQueryClient, trpc } from "~/trpc/server";
import { AuditEvents } from "./audit-events";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const page = await loadOrgPage(slug, `/o/${slug}/audit`);
  if (!page.org.abilities.viewAudit) notFound();
  const events = await getQueryClient().fetchQuery(trpc.organisations.audit.queryOptions({ orgSlug: slug }));
  return (
    <AppShell page={page} current={`/o/${slug}/audit`}>
      <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
      <p className="mt-1 text-sm text-slate-600">Invitations, role changes and removals, newest first.</p>
      <AuditEvents events={events} timeZone={page.user.timeZone} />
    </AppShell>
  );
}
