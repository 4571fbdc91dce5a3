import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppShell } from "../_shared/app-shell";
import { DEFAULT_SETTINGS } from "~/domain/rules";
import { formValuesOfOverride } from "~/domain/training/settings-form";
import { loadOrgPage } from "../_shared/load-page";
import { getQueryClient, trpc } from "~/trpc/server";
import { OrgSettings } from "./org-settings";

export const metadata: Metadata = { title: "Club training settings" };

/** The organisation's default training settings: owners edit them, coaches read them. */
export default async function TrainingSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const page = await loadOrgPage(slug, `/o/${slug}/training-settings`);
  if (page.org.role === "athlete") notFound();
  const settings = await getQueryClient().fetchQuery(trpc.trainingSettings.org.queryOptions({ orgSlug: slug }));
  return (
    <AppShell page={page} current={`/o/${slug}`}>
      <OrgSettings
        orgSlug={slug}
        canEdit={settings.canEdit}
        initial={formValuesOfOverride(settings.override, DEFAULT_SETTINGS)}
      />
    </AppShell>
  );
}
