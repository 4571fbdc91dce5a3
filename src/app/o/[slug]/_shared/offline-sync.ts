import { putQueuedRun, queuedRuns, removeQueuedRun } from "~/lib/offline-store";
import { errorMessage } from "~/lib/trpc-error";
import { loadTrpc } from "~/trpc/on-demand";

/**
 * Whether a failed call never got the server's answer (no connection, a timeout, the server down or
 * busy): the run waits and is sent again. Any other answer is the server's refusal, for the athlete.
 */
export function isUnanswered(error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: unknown } } | null)?.data?.httpStatus;
  return typeof status !== "number" || status >= 500 || status === 401 || status === 429;
}

export interface SyncOutcome {
  sent: number;
  refused: number;
}

/**
 * Sends the user's queued runs, oldest first, each with its own idempotency key: a run the server
 * already has (a tab closed mid-sync, another tab sending too) is answered from its record and
 * created once. One tab at a time sends (a Web Lock); it stops at the first unanswered call, so the
 * order holds. A refusal is kept, with the server's reason, for the athlete to fix or discard.
 */
export async function sendQueuedRuns(userId: string): Promise<SyncOutcome> {
  const outcome: SyncOutcome = { sent: 0, refused: 0 };
  const work = async () => {
    for (const run of await queuedRuns(userId)) {
      if (run.status !== "waiting") continue;
      try {
        const trpc = await loadTrpc();
        await trpc.runs.log.mutate({ orgSlug: run.orgSlug, idempotencyKey: run.key, run: run.run });
        await removeQueuedRun(run.key);
        outcome.sent += 1;
      } catch (error) {
        if (isUnanswered(error)) break;
        await putQueuedRun({ ...run, status: "refused", reason: errorMessage(error) });
        outcome.refused += 1;
      }
    }
  };
  if (typeof navigator !== "undefined" && navigator.locks) await navigator.locks.request("runbalance-sync", work);
  else await work();
  return outcome;
}
