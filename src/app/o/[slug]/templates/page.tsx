import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppShell } from "../_shared/app-shell";
import { addDays, weekStartFor } from "~/domain/rules";
import { weekdayFromIndex } from "~/domain/training/week-input";
import { zonedDate } from "~/lib/zoned-time";
import { loadOrgPage } from "../_shared/load-page";
import { getQueryClient, trpc } from "~/trpc/server";
import { TemplatesView } from "./templates-view";
import { now } from "~/lib/clock";

export const metadata: Metadata = { title: "Week templates" };

/** Weekly templates and assigning them to many athletes at once (coaches and owners). */
export default async function TemplatesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const page = await loadOrgPage(slug, `/o/${slug}/templates`);
  if (page.org.role === "athlete") notFound();
  const queryClient = getQueryClient();
  const [templates, athletes] = await Promise.all([
    queryClient.fetchQuery(trpc.templates.list.queryOptions({ orgSlug: slug })),
    queryClient.fetchQuery(trpc.athletes.list.queryOptions({ orgSlug: slug })),
  ]);
  const nextWeek = addDays(
    weekStartFor(zonedDate(now(), page.user.timeZone), weekdayFromIndex(page.user.weekStartDay)),
    7,
  );
  return (
    <AppShell page={page} current={`/o/${slug}/templates`}>
      <TemplatesView orgSlug={slug} defaultFrom={nextWeek} templates={templates} athletes={athletes} />
    </AppShell>
  );
}
