"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "~/components/button";
import { TextField } from "~/components/text-field";
import {
  RESTING_HR_RANGE,
  WELLNESS_NOTE_MAX,
  WELLNESS_QUESTIONS,
  WELLNESS_SCALES,
  wellnessProblem,
  type WellnessScale,
  type WellnessValues,
} from "~/domain/training/wellness";
import { errorMessage } from "~/lib/trpc-error";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";

type Scores = Partial<Record<WellnessScale, number>>;

/**
 * Four rows of five large radio buttons (one tap each), the optional fields folded away, one Save:
 * made to take well under twenty seconds on a phone.
 */
export function CheckInForm({
  orgSlug,
  saved,
  initial,
}: {
  orgSlug: string;
  saved: boolean;
  initial: WellnessValues | null;
}) {
  const router = useRouter();
  const server = useServerCall();
  const [scores, setScores] = useState<Scores>(initial ?? {});
  const [restingHr, setRestingHr] = useState(initial?.restingHr ? String(initial.restingHr) : "");
  const [note, setNote] = useState(initial?.note ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(saved ? "You checked in today; you can change it." : null);

  async function submit() {
    setProblem(null);
    const values = {
      ...scores,
      restingHr: restingHr.trim() === "" ? null : Number(restingHr),
      note,
    };
    const found = wellnessProblem(values);
    if (found) {
      setProblem(found);
      return;
    }
    const answers = values as WellnessValues;
    try {
      await server.call((trpc) => trpc.wellness.save.mutate({ orgSlug, ...answers, note: answers.note.trim() }));
      setStatus("Saved. Thank you for checking in.");
      router.refresh();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <form
      noValidate
      className="space-y-4"
      onFocus={preloadTrpc}
      onPointerDown={preloadTrpc}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {WELLNESS_SCALES.map((scale) => {
        const { legend, words } = WELLNESS_QUESTIONS[scale];
        return (
          <fieldset key={scale}>
            <legend className="text-base font-semibold">{legend}</legend>
            <div className="mt-1 grid grid-cols-5 gap-1">
              {words.map((word, i) => {
                const value = i + 1;
                const checked = scores[scale] === value;
                return (
                  <label
                    key={value}
                    className={`flex min-h-16 cursor-pointer flex-col items-center justify-center rounded-md border text-center has-focus-visible:outline-2 has-focus-visible:outline-blue-700 ${
                      checked ? "border-blue-700 bg-blue-700 text-white" : "border-slate-300 bg-white text-slate-900"
                    }`}
                  >
                    <input
                      type="radio"
                      name={scale}
                      value={value}
                      checked={checked}
                      onChange={() => setScores((s) => ({ ...s, [scale]: value }))}
                      // The number and its word, read as one ("4 Good"); shown as two lines below.
                      aria-label={`${value} ${word}`}
                      className="sr-only"
                    />
                    <span className="text-lg font-semibold" aria-hidden="true">
                      {value}
                    </span>
                    <span className="text-xs leading-tight" aria-hidden="true">
                      {word}
                    </span>
                  </label>
                );
              })}
            </div>
          </fieldset>
        );
      })}

      <details open={Boolean(initial?.restingHr || initial?.note)}>
        <summary className="inline-flex min-h-11 cursor-pointer items-center text-blue-700">
          Resting heart rate and a note (optional)
        </summary>
        <div className="mt-2 space-y-3">
          <TextField
            label="Resting heart rate (beats per minute)"
            inputMode="numeric"
            pattern="[0-9]*"
            value={restingHr}
            onChange={(event) => setRestingHr(event.target.value)}
            hint={`Between ${RESTING_HR_RANGE[0]} and ${RESTING_HR_RANGE[1]}, measured on waking.`}
          />
          <TextField
            label="Note"
            value={note}
            maxLength={WELLNESS_NOTE_MAX}
            onChange={(event) => setNote(event.target.value)}
          />
        </div>
      </details>

      {problem && (
        <p role="alert" className="text-sm text-red-700">
          {problem}
        </p>
      )}
      <p role="status" className="min-h-5 text-sm text-slate-700">
        {status}
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={server.pending} className="w-full sm:w-auto">
          {server.pending ? "Saving…" : "Save"}
        </Button>
        <Link href={`/o/${orgSlug}`} className="min-h-11 py-3 text-blue-700 underline">
          Back to this week
        </Link>
      </div>
    </form>
  );
}
