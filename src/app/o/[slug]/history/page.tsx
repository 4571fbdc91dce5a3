import type { Metadata } from "next";
import { AppShell } from "../_shared/app-shell";
import { loadAthletePage } from "../_shared/load-page";
import { getQueryClient, trpc } from "~/trpc/server";
import { History } from "./history";
import { QueuedRuns } from "../_shared/queued-runs";

export const metadata: Metadata = { title: "History" };

export default async function HistoryPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const page = await loadAthletePage(slug, `/o/${slug}/history`);
  const history = await getQueryClient().fetchQuery(trpc.athleteWeeks.history.queryOptions({ orgSlug: slug }));
  return (
    <AppShell page={page} current={`/o/${slug}/history`}>
      <History
        orgSlug={slug}
        units={page.user.units}
        all={history}
        queued={<QueuedRuns userId={page.user.id} orgSlug={slug} units={page.user.units} />}
      />
    </AppShell>
  );
}
