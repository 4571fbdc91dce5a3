"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "~/components/button";
import { TextField } from "~/components/text-field";
import {
  EXCUSED_DAY_REASONS,
  EXCUSED_NOTE_MAX,
  EXCUSED_REASON_ACTIONS,
  excusedText,
  type ExcusedDayReason,
} from "~/domain/training/excused-days";
import { errorMessage } from "~/lib/trpc-error";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";

/**
 * A day's menu on This week and the athlete page: mark the day as ill, injured, travelling or
 * unavailable (with an optional note), or, once marked, remove the mark. The athlete marks their own
 * days, their coaches theirs (`athleteId`); the server checks it again.
 */
export function ExcusedDayMenu({
  orgSlug,
  athleteId,
  date,
  dayLabel,
  excused,
}: {
  orgSlug: string;
  /** Omitted for the athlete's own days. */
  athleteId?: string;
  date: string;
  /** "Tuesday 24 Nov", for accessible names. */
  dayLabel: string;
  excused: { reason: ExcusedDayReason; note: string } | null;
}) {
  const router = useRouter();
  const server = useServerCall();
  const [reason, setReason] = useState<ExcusedDayReason | null>(null);
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  async function run(request: Parameters<typeof server.call>[0]) {
    setProblem(null);
    try {
      await server.call(request);
      setReason(null);
      setNote("");
      router.refresh();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  if (excused) {
    return (
      <div className="mt-1 flex flex-wrap items-center gap-2 text-sm">
        <span className="rounded border border-slate-400 bg-slate-50 px-1.5 py-0.5 text-xs text-slate-700">
          {excusedText(excused.reason)}
        </span>
        {excused.note && <span className="text-slate-600">{excused.note}</span>}
        <button
          type="button"
          className="min-h-11 px-1 text-blue-700 underline underline-offset-2"
          aria-label={`Remove the excused mark on ${dayLabel}`}
          disabled={server.pending}
          onClick={() => run((trpc) => trpc.excusedDays.unmark.mutate({ orgSlug, athleteId, date }))}
        >
          Remove
        </button>
        {problem && (
          <p role="alert" className="w-full text-red-700">
            {problem}
          </p>
        )}
      </div>
    );
  }

  return (
    <div className="mt-1 text-sm">
      <details onToggle={preloadTrpc}>
        <summary className="inline-flex min-h-11 cursor-pointer items-center text-blue-700 underline-offset-2 hover:underline">
          <span aria-hidden="true">⋯&nbsp;</span>Day options<span className="sr-only"> for {dayLabel}</span>
        </summary>
        <ul className="flex flex-wrap gap-2" aria-label={`Mark ${dayLabel}`}>
          {EXCUSED_DAY_REASONS.map((r) => (
            <li key={r}>
              <Button type="button" variant="secondary" aria-pressed={reason === r} onClick={() => setReason(r)}>
                {EXCUSED_REASON_ACTIONS[r]}…
              </Button>
            </li>
          ))}
        </ul>
        {reason && (
          <form
            className="mt-2 space-y-2"
            onSubmit={(event) => {
              event.preventDefault();
              void run((trpc) => trpc.excusedDays.mark.mutate({ orgSlug, athleteId, date, reason, note }));
            }}
          >
            <TextField
              label="Note (optional)"
              value={note}
              maxLength={EXCUSED_NOTE_MAX}
              onChange={(event) => setNote(event.target.value)}
              hint="Sessions planned that day are excused, not missed."
            />
            <Button type="submit" disabled={server.pending}>
              {EXCUSED_REASON_ACTIONS[reason]}
            </Button>
          </form>
        )}
        {problem && (
          <p role="alert" className="text-red-700">
            {problem}
          </p>
        )}
      </details>
    </div>
  );
}
