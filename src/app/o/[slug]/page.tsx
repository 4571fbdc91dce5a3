import type { Metadata } from "next";
import { AppShell } from "~/components/app-shell";
import { loadOrgPage } from "~/server/pages/load-org";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { AthleteList } from "./athlete-list";
import { MyTraining } from "./my-training";

export const metadata: Metadata = { title: "Home" };

export default async function OrganisationHome({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const page = await loadOrgPage(slug, `/o/${slug}`);
  const isAthlete = page.org.role === "athlete";
  prefetch(isAthlete ? trpc.athletes.mine.queryOptions({ orgSlug: slug }) : trpc.athletes.list.queryOptions({ orgSlug: slug }));
  return (
    <AppShell page={page} current={`/o/${slug}`}>
      <HydrateClient>{isAthlete ? <MyTraining orgSlug={slug} units={page.user.units} /> : <AthleteList orgSlug={slug} />}</HydrateClient>
    </AppShell>
  );
}
