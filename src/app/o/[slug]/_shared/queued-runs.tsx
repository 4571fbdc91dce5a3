"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { Button } from "~/components/button";
import { formatDay, formatDistance, formatDuration, KIND_NAMES, type Units } from "~/lib/format";
import { onQueueChange, queuedRuns, removeQueuedRun, type QueuedRun } from "~/lib/offline-store";

/**
 * Runs logged on this device that the server has not got yet (ADR 018), on This week and History:
 * "Waiting to sync" until they are sent; a run the server refused says why, and stays until the
 * athlete fixes it (the log form, filled in) or discards it. Renders nothing when none wait.
 */
export function QueuedRuns({ userId, orgSlug, units }: { userId: string; orgSlug: string; units: Units }) {
  const [runs, setRuns] = useState<QueuedRun[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      queuedRuns(userId, orgSlug)
        .then((found) => live && setRuns(found))
        .catch(() => {});
    load();
    const stop = onQueueChange(load);
    return () => {
      live = false;
      stop();
    };
  }, [userId, orgSlug]);

  if (runs.length === 0) return null;
  return (
    <section aria-labelledby="queued-runs-heading" className="mt-4 space-y-2">
      <h2 id="queued-runs-heading" className="text-lg font-semibold">
        Saved on this device
      </h2>
      <ul className="space-y-2">
        {runs.map((r) => (
          <li
            key={r.key}
            className={`rounded-lg border px-3 py-2 ${r.status === "refused" ? "border-red-300 bg-red-50" : "border-slate-200 bg-white"}`}
          >
            <p className="text-sm">
              <span className="font-medium">
                {formatDay(r.run.date)} {r.run.time} · {KIND_NAMES[r.run.kind]}
              </span>{" "}
              · {formatDuration(r.run.durationS)}
              {r.run.distanceM !== null ? ` · ${formatDistance(r.run.distanceM, units)}` : ""} · RPE {r.run.rpe}
            </p>
            {r.status === "waiting" ? (
              <p className="text-sm text-slate-700">Waiting to sync: it is sent when the connection returns.</p>
            ) : (
              <>
                <p className="text-sm text-red-800">Not saved: {r.reason}</p>
                <div className="mt-2 flex flex-wrap gap-2">
                  <Link
                    href={`/o/${orgSlug}/log?queued=${encodeURIComponent(r.key)}`}
                    className="inline-flex min-h-11 items-center rounded-md bg-blue-700 px-4 text-sm font-medium text-white"
                  >
                    Fix this run
                  </Link>
                  <Button
                    variant="secondary"
                    onClick={() => {
                      if (window.confirm("Discard this run? It was never saved on the server."))
                        void removeQueuedRun(r.key);
                    }}
                  >
                    Discard
                  </Button>
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
