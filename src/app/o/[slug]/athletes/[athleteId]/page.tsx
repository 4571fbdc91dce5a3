import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppShell } from "../../_shared/app-shell";
import { loadOrgPage } from "../../_shared/load-page";
import { getQueryClient, trpc } from "~/trpc/server";
import { queryOr404, UUID } from "../../_shared/query-or-404";
import { AthleteView } from "./athlete-view";

export const metadata: Metadata = { title: "Athlete" };

/** A coached athlete's weeks, charts and settings: for their coaches and the owners; anyone else gets 404. */
export default async function AthletePage({ params }: { params: Promise<{ slug: string; athleteId: string }> }) {
  const { slug, athleteId } = await params;
  const page = await loadOrgPage(slug, `/o/${slug}/athletes/${athleteId}`);
  if (page.org.role === "athlete" || !UUID.test(athleteId)) notFound();
  const [data, season] = await Promise.all([
    queryOr404(() => getQueryClient().fetchQuery(trpc.athletes.overview.queryOptions({ orgSlug: slug, athleteId }))),
    queryOr404(() => getQueryClient().fetchQuery(trpc.season.get.queryOptions({ orgSlug: slug, athleteId }))),
  ]);
  return (
    <AppShell page={page} current={`/o/${slug}`}>
      <AthleteView
        orgSlug={slug}
        athleteId={athleteId}
        units={page.user.units}
        isOwner={page.org.role === "owner"}
        data={data}
        season={season}
      />
    </AppShell>
  );
}
