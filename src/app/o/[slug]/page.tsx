import type { Metadata } from "next";
import { AppShell } from "~/components/app-shell";
import { loadOrgPage } from "~/server/pages/load-org";
import { HydrateClient } from "~/trpc/hydrate-client";
import { prefetch, trpc } from "~/trpc/server";
import { Roster } from "./roster";
import { ThisWeek } from "./this-week";

export const metadata: Metadata = { title: "Home" };

export default async function OrganisationHome({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const page = await loadOrgPage(slug, `/o/${slug}`);
  const isAthlete = page.org.role === "athlete";
  prefetch(isAthlete ? trpc.training.thisWeek.queryOptions({ orgSlug: slug }) : trpc.roster.list.queryOptions({ orgSlug: slug }));
  return (
    <AppShell page={page} current={`/o/${slug}`}>
      <HydrateClient>{isAthlete ? <ThisWeek orgSlug={slug} units={page.user.units} /> : <Roster orgSlug={slug} isOwner={page.org.role === "owner"} />}</HydrateClient>
    </AppShell>
  );
}
