import { Suspense } from "react";
import { addDays } from "~/domain/rules";
import { getCurrentUser } from "~/server/auth/session";
import { getQueryClient, trpc } from "~/trpc/server";
import { CommentForm, type CommentTarget } from "./comment-form";
import { ThreadCard } from "./thread-card";
import { threadViews, type ThreadReader } from "./thread-views";
import { forPage } from "~/server/http/page-outage";

export type { CommentTarget } from "./comment-form";

/** The caller's threads about one athlete (their own without `athleteId`), in their words and time zone. */
async function loadThreads(
  orgSlug: string,
  query: { athleteId?: string; runId?: string; weekStart?: string; weekEnd?: string },
) {
  const queryClient = getQueryClient();
  const [user, org, threads] = await Promise.all([
    forPage(getCurrentUser),
    queryClient.fetchQuery(trpc.organisations.current.queryOptions({ orgSlug })),
    queryClient.fetchQuery(trpc.comments.threads.queryOptions({ orgSlug, ...query })),
  ]);
  const reader: ThreadReader = org.role === "athlete" ? { kind: "athlete" } : { kind: "coach" };
  return {
    reader,
    ownAthleteId: org.athleteId,
    views: threadViews(threads, { viewerId: user?.id ?? "", timeZone: user?.timeZone ?? "UTC", reader }),
  };
}

/**
 * The conversations about an athlete (or one week of theirs, with the week's runs), unread first,
 * each with a reply form, and a form for a new comment. With `weekStart` the panel is about that week
 * only; otherwise `targets` lists what may be commented on. A server component: pages render it inside
 * <Suspense> so the rest of the page does not wait for it.
 */
export async function CommentsPanel({
  orgSlug,
  athleteId,
  weekStart,
  targets = [],
  canWrite,
  headingLevel = 2,
}: {
  orgSlug: string;
  athleteId: string;
  weekStart?: string;
  targets?: CommentTarget[];
  canWrite: boolean;
  headingLevel?: 2 | 3;
}) {
  const { reader, views } = await loadThreads(
    orgSlug,
    weekStart ? { athleteId, weekStart, weekEnd: addDays(weekStart, 6) } : { athleteId },
  );
  const headingId = `comments-${weekStart ?? "athlete"}-heading`;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const toAthlete = reader.kind === "coach";
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4">
      <Heading id={headingId} className="text-lg font-semibold">
        {weekStart ? "Comments on this week" : "Comments"}
      </Heading>
      {views.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No comments yet.</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {views.map((thread) => (
            <li key={thread.anchor}>
              <ThreadCard
                orgSlug={orgSlug}
                thread={thread}
                canReply
                sentText={toAthlete ? "Reply sent: the athlete sees it with their run or week." : "Reply sent."}
              />
            </li>
          ))}
        </ul>
      )}
      {canWrite && (weekStart || targets.length > 0) && (
        <CommentForm
          orgSlug={orgSlug}
          athleteId={athleteId}
          about={weekStart ? { weekStart } : undefined}
          targets={targets}
          label="New comment"
          sentText={
            toAthlete
              ? "Comment posted. The athlete sees it with their run or week and in Feedback."
              : "Comment posted."
          }
        />
      )}
    </section>
  );
}

async function OwnThreads({
  orgSlug,
  weekStart,
  weekEnd,
  empty,
}: {
  orgSlug: string;
  weekStart?: string;
  weekEnd?: string;
  empty: string;
}) {
  const { views, ownAthleteId } = await loadThreads(orgSlug, weekStart ? { weekStart, weekEnd } : {});
  // On a week, the athlete may start its conversation themself.
  const startWeek = weekStart && ownAthleteId && !views.some((t) => t.anchor === `thread-week-${weekStart}`);
  return (
    <>
      {views.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{empty}</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {views.map((thread) => (
            <li key={thread.anchor}>
              <ThreadCard orgSlug={orgSlug} thread={thread} canReply sentText="Reply sent to your coach." />
            </li>
          ))}
        </ul>
      )}
      {startWeek && (
        <CommentForm
          orgSlug={orgSlug}
          athleteId={ownAthleteId}
          about={{ weekStart }}
          label="Write to your coach about this week"
          submitLabel="Send"
          sentText="Sent to your coach."
        />
      )}
    </>
  );
}

/**
 * The athlete's conversations with their coaches: all of them (Feedback), or one week's with those
 * on its runs (This week, given the week's seven days).
 */
export function AthleteConversations({
  orgSlug,
  days,
  headingLevel = 2,
}: {
  orgSlug: string;
  days?: readonly string[];
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = days ? "week-conversations-heading" : "conversations-heading";
  return (
    <section aria-labelledby={headingId} className="mt-4">
      <Heading id={headingId} className="text-lg font-semibold">
        {days ? "Comments this week" : "Comments from your coach"}
      </Heading>
      <Suspense fallback={<p className="mt-2 text-sm text-slate-600">Loading comments…</p>}>
        <OwnThreads
          orgSlug={orgSlug}
          weekStart={days?.[0]}
          weekEnd={days?.at(-1)}
          empty={days ? "No comments on this week or its runs yet." : "No comments yet."}
        />
      </Suspense>
    </section>
  );
}

async function RunThread({ orgSlug, athleteId, runId }: { orgSlug: string; athleteId: string; runId: string }) {
  const { reader, views } = await loadThreads(orgSlug, { athleteId, runId });
  const thread = views[0];
  const own = reader.kind === "athlete";
  if (!thread)
    return (
      <>
        <p className="mt-2 text-sm text-slate-600">No comments on this run yet.</p>
        <CommentForm
          orgSlug={orgSlug}
          athleteId={athleteId}
          about={{ runId }}
          label={own ? "Write to your coach" : "Comment"}
          sentText={own ? "Sent to your coach." : "Comment posted. The athlete sees it with this run."}
        />
      </>
    );
  return (
    <div className="mt-2">
      <ThreadCard
        orgSlug={orgSlug}
        thread={thread}
        open
        canReply
        sentText={own ? "Reply sent to your coach." : "Reply sent."}
      />
    </div>
  );
}

/** A run's conversation on the run's own page: opening the page opens (and reads) the thread. */
export function RunConversation(props: { orgSlug: string; athleteId: string; runId: string; ownRun: boolean }) {
  return (
    <section aria-labelledby="run-conversation-heading" className="mt-6">
      <h2 id="run-conversation-heading" className="text-lg font-semibold">
        {props.ownRun ? "Comments with your coach" : "Comments on this run"}
      </h2>
      <Suspense fallback={<p className="mt-2 text-sm text-slate-600">Loading comments…</p>}>
        <RunThread orgSlug={props.orgSlug} athleteId={props.athleteId} runId={props.runId} />
      </Suspense>
    </section>
  );
}
