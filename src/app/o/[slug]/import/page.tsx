import type { Metadata } from "next";
import { AppShell } from "../_shared/app-shell";
import { MAX_FILE_BYTES } from "~/server/activity-import";
import { loadOrgPage } from "../_shared/load-page";
import { getQueryClient, trpc } from "~/trpc/server";
import { ImportRuns } from "./import-runs";

export const metadata: Metadata = { title: "Import runs" };

export default async function ImportPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ athlete?: string }>;
}) {
  const { slug } = await params;
  const { athlete } = await searchParams;
  const page = await loadOrgPage(slug, `/o/${slug}/import`);
  const isAthlete = page.org.role === "athlete";
  // Coaches import for one of their athletes; athletes for themselves.
  const athletes = isAthlete
    ? []
    : await getQueryClient().fetchQuery(trpc.athletes.list.queryOptions({ orgSlug: slug }));
  const athleteId = isAthlete
    ? undefined
    : (athletes.find((a) => a.athleteId === athlete)?.athleteId ?? athletes[0]?.athleteId);
  const pending =
    isAthlete || athleteId
      ? await getQueryClient().fetchQuery(trpc.imports.pending.queryOptions({ orgSlug: slug, athleteId }))
      : null;
  return (
    <AppShell page={page} current={`/o/${slug}/import`}>
      <ImportRuns
        orgSlug={slug}
        athleteId={athleteId}
        athletes={athletes.map((a) => ({ id: a.athleteId, name: a.displayName }))}
        units={page.user.units}
        timeZone={page.user.timeZone}
        maxBytes={MAX_FILE_BYTES}
        pending={pending}
        forCoach={!isAthlete}
      />
    </AppShell>
  );
}
