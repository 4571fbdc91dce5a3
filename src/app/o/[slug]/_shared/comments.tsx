import { formatDay } from "~/lib/format";
import { getQueryClient, trpc } from "~/trpc/server";
import { CommentForm, type CommentTarget } from "./comment-form";
import { kindTitle } from "./format";

export type { CommentTarget } from "./comment-form";

/**
 * Comments about an athlete (or one week of theirs), newest first, and a form for their coach.
 * With `weekStart` the panel is about that week only; otherwise `targets` lists what may be commented on.
 * A server component: pages render it inside <Suspense> so the rest of the page does not wait for it.
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
  const comments = await getQueryClient().fetchQuery(
    trpc.comments.listForAthlete.queryOptions({ orgSlug, athleteId, ...(weekStart ? { weekStart } : {}) }),
  );
  const headingId = `comments-${weekStart ?? "athlete"}-heading`;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4">
      <Heading id={headingId} className="text-lg font-semibold">
        {weekStart ? "Comments on this week" : "Comments"}
      </Heading>
      {comments.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No comments yet.</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {comments.map((c) => (
            <li key={c.id} className="rounded-md bg-slate-50 px-3 py-2 text-sm">
              <p className="text-xs text-slate-600">
                {c.authorName ?? "A former member"} on{" "}
                {c.runId
                  ? `the ${c.runKind ? kindTitle(c.runKind).toLowerCase() : "run"} of ${c.runDate ? formatDay(c.runDate) : "a day"}`
                  : `the week of ${formatDay(c.weekStart!)}`}
                {" · "}
                <time dateTime={new Date(c.createdAt).toISOString()}>
                  {formatDay(new Date(c.createdAt).toISOString().slice(0, 10))}
                </time>
              </p>
              <p className="mt-1 whitespace-pre-line">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      {canWrite && (weekStart || targets.length > 0) && (
        <CommentForm orgSlug={orgSlug} athleteId={athleteId} weekStart={weekStart} targets={targets} />
      )}
    </section>
  );
}
