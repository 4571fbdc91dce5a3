import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppShell } from "~/components/app-shell";
import { loadOrgPage } from "~/server/pages/load-org";
import { HydrateClient } from "~/trpc/hydrate-client";
import { prefetch, trpc } from "~/trpc/server";
import { OrgSettings } from "./org-settings";

export const metadata: Metadata = { title: "Club training settings" };

/** The organisation's default training settings: owners edit them, coaches read them. */
export default async function TrainingSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const page = await loadOrgPage(slug, `/o/${slug}/training-settings`);
  if (page.org.role === "athlete") notFound();
  prefetch(trpc.trainingSettings.org.queryOptions({ orgSlug: slug }));
  return (
    <AppShell page={page} current={`/o/${slug}`}>
      <HydrateClient>
        <OrgSettings orgSlug={slug} />
      </HydrateClient>
    </AppShell>
  );
}
