import type { Metadata } from "next";
import { AppShell } from "../_shared/app-shell";
import { FlagList } from "~/components/flag-list";
import { formatDay } from "~/lib/format";
import { loadAthletePage } from "../_shared/load-page";
import { getQueryClient, trpc } from "~/trpc/server";
import { AthleteConversations } from "../_shared/comments";

export const metadata: Metadata = { title: "Feedback" };

/**
 * The athlete's conversations with their coaches (unread first), then week by week what the rules
 * noticed, in plain words: the feed that teaches easy days easy.
 */
export default async function FeedbackPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const page = await loadAthletePage(slug, `/o/${slug}/feedback`);
  const weeks = await getQueryClient().fetchQuery(trpc.athleteWeeks.feedback.queryOptions({ orgSlug: slug }));
  return (
    <AppShell page={page} current={`/o/${slug}/feedback`}>
      <h1 className="text-2xl font-semibold tracking-tight">Feedback</h1>
      <p className="mt-1 text-sm text-slate-600">
        Your coach&apos;s comments, and what your runs told us week by week, with what to do next time.
      </p>
      <AthleteConversations orgSlug={slug} />
      <ol className="mt-6 space-y-4">
        {weeks.map((week) => (
          <li key={week.weekStart} className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="mb-2 font-semibold">Week of {formatDay(week.weekStart)}</h2>
            <FlagList flags={week.flags} empty="Nothing to flag: a well-balanced week." />
          </li>
        ))}
      </ol>
    </AppShell>
  );
}
