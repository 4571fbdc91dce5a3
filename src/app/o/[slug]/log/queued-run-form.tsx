"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { queuedRun, type QueuedRun } from "~/lib/offline-store";
import { RunForm } from "../run-form";

/**
 * Fixing a run the server refused on sync (ADR 018): the log form filled in with the queued run and
 * the server's reason above it. Saving it (or queuing it again) replaces the refused one.
 */
export function QueuedRunForm({
  queuedKey,
  ...form
}: Omit<React.ComponentProps<typeof RunForm>, "initial" | "replacesQueued" | "planned"> & {
  queuedKey: string;
  userId: string;
}) {
  const [entry, setEntry] = useState<QueuedRun | null | undefined>(undefined);
  useEffect(() => {
    queuedRun(queuedKey)
      .then((found) => setEntry(found && found.userId === form.userId ? found : null))
      .catch(() => setEntry(null));
  }, [queuedKey, form.userId]);

  if (entry === undefined) return <p className="text-sm text-slate-700">Loading the saved run…</p>;
  if (entry === null)
    return (
      <p className="text-sm text-slate-800">
        That run is no longer saved on this device.{" "}
        <Link href={`/o/${form.orgSlug}/log`} className="text-blue-700 underline">
          Log a run
        </Link>
      </p>
    );
  return (
    <div className="space-y-4">
      {entry.reason && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          Not saved: {entry.reason}
        </p>
      )}
      {/* Logged as unplanned: the plan it named may be what changed (a session removed meanwhile). */}
      <RunForm
        {...form}
        nowMs={undefined}
        initial={{ ...entry.run, plannedSessionId: null }}
        replacesQueued={entry.key}
      />
    </div>
  );
}
