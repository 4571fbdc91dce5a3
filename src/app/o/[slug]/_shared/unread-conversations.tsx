import Link from "next/link";
import { parseThreadKey } from "~/domain/training/threads";
import { getQueryClient, trpc } from "~/trpc/server";
import { threadAnchor, threadTitle } from "./thread-views";

/**
 * For coaches and owners: the threads with replies they have yet to read, newest first, each a link
 * to the conversation on the athlete's page. Nothing when all is read. (The same query as the
 * navigation's badge, so the request asks the database once.)
 */
export async function UnreadConversations({ orgSlug }: { orgSlug: string }) {
  const unread = await getQueryClient().fetchQuery(trpc.comments.unread.queryOptions({ orgSlug }));
  if (unread.total === 0) return null;
  return (
    <section aria-labelledby="unread-comments-heading" className="mb-4 rounded-lg border border-rose-200 bg-white p-3">
      <h2 id="unread-comments-heading" className="text-base font-semibold">
        Unread comments ({unread.total})
      </h2>
      <ul className="mt-1 space-y-1 text-sm">
        {unread.threads.map((t) => {
          const about = parseThreadKey(t.thread);
          if (!about) return null;
          const runId = "runId" in about ? about.runId : null;
          const weekStart = "weekStart" in about ? about.weekStart : null;
          const title = threadTitle({ runId, weekStart, runDate: t.runDate, runKind: t.runKind }, { kind: "coach" });
          return (
            <li key={`${t.athleteId}-${t.thread}`}>
              <Link
                href={`/o/${orgSlug}/athletes/${t.athleteId}#${threadAnchor({ runId, weekStart })}`}
                className="text-blue-700 underline"
              >
                {t.athleteName}: {title.charAt(0).toLowerCase() + title.slice(1)}
              </Link>{" "}
              <span className="text-slate-700">· {t.count} new</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
