"use client";

import { useState } from "react";
import type { PaceGuidance as Guidance } from "~/domain/rules";
import { parseDuration } from "~/domain/training/run-values";
import { Button } from "~/components/button";
import { SelectField } from "~/components/select-field";
import { TextField } from "~/components/text-field";
import { formatDuration, formatPace, paceRange, type Units } from "~/lib/format";
import { errorMessage } from "~/lib/trpc-error";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";

const DISTANCES = [
  { value: "5000", label: "5 km" },
  { value: "10000", label: "10 km" },
  { value: "21097.5", label: "Half marathon" },
  { value: "42195", label: "Marathon" },
];

export function PaceGuidance({
  orgSlug,
  units,
  initialRace,
  initialGuidance,
}: {
  orgSlug: string;
  units: Units;
  initialRace: { distanceM: number; timeS: number } | null;
  initialGuidance: Guidance | null;
}) {
  const [guidance, setGuidance] = useState(initialGuidance);
  const [error, setError] = useState<string | null>(null);
  const save = useServerCall();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const timeS = parseDuration(String(form.get("time") ?? ""));
    if (!timeS) return setError("Enter your time like 24:30 or 1:52:10");
    const race = { distanceM: Math.round(Number(form.get("distance"))), timeS };
    save
      .call((trpc) => trpc.athletes.setRace.mutate({ orgSlug, race }))
      .then(
        (result) => {
          setGuidance(result);
          setError(null);
        },
        (e: unknown) => setError(errorMessage(e)),
      );
  }

  const per = (sPerKm: number) => formatPace(sPerKm, 1000, units);
  return (
    <section aria-labelledby="paces-heading" className="max-w-xl">
      <h1 id="paces-heading" className="text-2xl font-semibold tracking-tight">
        Your training paces
      </h1>
      <p className="mt-1 text-sm text-slate-600">From a recent race, with Jack Daniels&apos; VDOT tables.</p>
      <form onSubmit={onSubmit} onFocus={preloadTrpc} className="mt-4 flex flex-wrap items-end gap-3" noValidate>
        <SelectField
          label="Race distance"
          name="distance"
          options={DISTANCES}
          defaultValue={String(initialRace?.distanceM ?? 5000)}
        />
        <TextField
          label="Finish time"
          name="time"
          hint="e.g. 24:30 or 1:52:10"
          defaultValue={initialRace ? formatDuration(initialRace.timeS) : ""}
          inputMode="numeric"
        />
        <Button type="submit" disabled={save.pending}>
          Show my paces
        </Button>
      </form>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {guidance && (
        <div className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
          <p className="text-lg font-semibold">VDOT {guidance.vdot.toFixed(1)}</p>
          <table className="mt-2 w-full text-left text-sm">
            <caption className="sr-only">Training paces</caption>
            <tbody>
              <tr className="border-t border-slate-100">
                <th scope="row" className="py-2 font-medium">
                  Recovery runs
                </th>
                <td>slower than {per(guidance.paces.easy.toSPerKm)}</td>
              </tr>
              <tr className="border-t border-slate-100">
                <th scope="row" className="py-2 font-medium">
                  Easy and aerobic runs
                </th>
                <td>{paceRange(guidance.paces.easy.fromSPerKm, guidance.paces.easy.toSPerKm, units)}</td>
              </tr>
              <tr className="border-t border-slate-100">
                <th scope="row" className="py-2 font-medium">
                  Marathon
                </th>
                <td>{per(guidance.paces.marathonSPerKm)}</td>
              </tr>
              <tr className="border-t border-slate-100">
                <th scope="row" className="py-2 font-medium">
                  Threshold (tempo)
                </th>
                <td>{per(guidance.paces.thresholdSPerKm)}</td>
              </tr>
              <tr className="border-t border-slate-100">
                <th scope="row" className="py-2 font-medium">
                  Intervals
                </th>
                <td>{per(guidance.paces.intervalSPerKm)}</td>
              </tr>
              <tr className="border-t border-slate-100">
                <th scope="row" className="py-2 font-medium">
                  Repetitions
                </th>
                <td>{formatDuration(guidance.paces.repetitionSPer400m)} per 400 m</td>
              </tr>
            </tbody>
          </table>
          <h2 className="mt-4 font-semibold">Equivalent race times</h2>
          <ul className="mt-1 text-sm">
            {DISTANCES.map((d) => (
              <li key={d.value}>
                {d.label}: {formatDuration(guidance.predictions[d.value === "21097.5" ? "21097.5" : d.value] ?? 0)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
