import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppShell } from "~/components/app-shell";
import { loadOrgPage } from "~/server/pages/load-org";
import { getQueryClient, trpc } from "~/trpc/server";
import { History } from "./history";

export const metadata: Metadata = { title: "History" };

export default async function HistoryPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const page = await loadOrgPage(slug, `/o/${slug}/history`);
  if (page.org.role !== "athlete") notFound();
  const history = await getQueryClient().fetchQuery(trpc.training.history.queryOptions({ orgSlug: slug }));
  return (
    <AppShell page={page} current={`/o/${slug}/history`}>
      <History orgSlug={slug} units={page.user.units} all={history} />
    </AppShell>
  );
}
