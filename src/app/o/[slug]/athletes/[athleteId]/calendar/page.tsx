import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isoDateSchema } from "~/domain/training/plan-inputs";
import { getQueryClient, trpc } from "~/trpc/server";
import { AppShell } from "../../../_shared/app-shell";
import { loadOrgPage } from "../../../_shared/load-page";
import { queryOr404, UUID } from "../../../_shared/query-or-404";
import { CalendarBoard } from "./calendar-board";
import { RANGE_CHOICES } from "./calendar-model";

export const metadata: Metadata = { title: "Calendar" };

/**
 * A coached athlete's plan over several weeks: `?from=` (any day of the first week) and `?weeks=`.
 * Coaches of the athlete and owners only; anyone else gets 404.
 */
export default async function CalendarPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; athleteId: string }>;
  searchParams: Promise<{ from?: string; weeks?: string }>;
}) {
  const { slug, athleteId } = await params;
  const query = await searchParams;
  const page = await loadOrgPage(slug, `/o/${slug}/athletes/${athleteId}/calendar`);
  if (page.org.role === "athlete" || !UUID.test(athleteId)) notFound();
  const from = isoDateSchema.safeParse(query.from).success ? query.from : undefined;
  const count = RANGE_CHOICES.find((n) => String(n) === query.weeks) ?? RANGE_CHOICES[1];
  const data = await queryOr404(() =>
    getQueryClient().fetchQuery(trpc.planCalendar.weeks.queryOptions({ orgSlug: slug, athleteId, from, count })),
  );
  return (
    <AppShell page={page} current={`/o/${slug}`}>
      <CalendarBoard
        key={`${data.first}-${count}`}
        orgSlug={slug}
        athleteId={athleteId}
        units={page.user.units}
        count={count}
        initial={data}
      />
    </AppShell>
  );
}
