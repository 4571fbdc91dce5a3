"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "~/components/button";
import { SelectField } from "~/components/select-field";
import { TextField } from "~/components/text-field";
import { vdotFromRace } from "~/domain/rules";
import { parseDuration } from "~/domain/training/run-values";
import { RACE_PRIORITIES, RACE_PRIORITY_WORDS, type RacePriority } from "~/domain/training/season";
import { formatDay, formatDuration, type Units } from "~/lib/format";
import { errorMessage } from "~/lib/trpc-error";
import { useServerCall } from "~/trpc/on-demand";
import { distanceInputText, distanceText, metresFromText } from "./format";
import type { RouterOutputs } from "./types";

type Season = RouterOutputs["season"]["get"];
type Race = Season["races"][number];

interface RaceForm {
  name: string;
  date: string;
  distance: string;
  priority: RacePriority;
  goal: string;
  result: string;
  note: string;
}

const EMPTY: RaceForm = { name: "", date: "", distance: "", priority: "A", goal: "", result: "", note: "" };

const formOf = (race: Race, units: Units): RaceForm => ({
  name: race.name,
  date: race.date,
  distance: distanceInputText(race.distanceM, units),
  priority: race.priority,
  goal: race.goalTimeS === null ? "" : formatDuration(race.goalTimeS),
  result: race.resultTimeS === null ? "" : formatDuration(race.resultTimeS),
  note: race.note,
});

const vdotText = (distanceM: number, timeS: number) =>
  (Math.round(vdotFromRace(distanceM, timeS) * 10) / 10).toFixed(1);

/**
 * An athlete's races: listed earliest first, added and edited by the athlete or their coach. A result
 * can become the athlete's race for paces, after a confirmation showing old → new VDOT. `who` is "your"
 * for the athlete, their name for a coach.
 */
export function RacesEditor({
  orgSlug,
  athleteId,
  units,
  season,
  who,
}: {
  orgSlug: string;
  /** Omitted for the athlete's own races. */
  athleteId?: string;
  units: Units;
  season: Season;
  who: string;
}) {
  const router = useRouter();
  const server = useServerCall();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [form, setForm] = useState<RaceForm>(EMPTY);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  async function save() {
    const distanceM = metresFromText(form.distance, units);
    const goalTimeS = form.goal.trim() === "" ? null : parseDuration(form.goal);
    const resultTimeS = form.result.trim() === "" ? null : parseDuration(form.result);
    if (!form.name.trim()) return setProblem("Name the race.");
    if (!form.date) return setProblem("Pick the race's date.");
    if (distanceM === null || Number.isNaN(distanceM)) return setProblem(`Enter the distance in ${units}.`);
    if (goalTimeS === null && form.goal.trim()) return setProblem("Write the goal time as h:mm:ss.");
    if (resultTimeS === null && form.result.trim()) return setProblem("Write the result as h:mm:ss.");
    try {
      await server.call((trpc) =>
        trpc.season.saveRace.mutate({
          orgSlug,
          athleteId,
          raceId: editing === "new" ? null : editing,
          race: {
            name: form.name,
            date: form.date,
            distanceM,
            priority: form.priority,
            goalTimeS,
            resultTimeS,
            note: form.note,
          },
        }),
      );
      setProblem(null);
      setEditing(null);
      setStatus(`Saved ${form.name.trim()}.`);
      router.refresh();
    } catch (e) {
      setProblem(errorMessage(e));
    }
  }

  async function remove(race: Race) {
    try {
      await server.call((trpc) => trpc.season.deleteRace.mutate({ orgSlug, raceId: race.id }));
      setStatus(`Deleted ${race.name}.`);
      router.refresh();
    } catch (e) {
      setStatus(errorMessage(e));
    }
  }

  async function adoptForPaces(race: Race) {
    try {
      const result = await server.call((trpc) => trpc.season.useRaceForPaces.mutate({ orgSlug, raceId: race.id }));
      setConfirming(null);
      setStatus(`Paces now come from ${race.name} (VDOT ${result.vdot.toFixed(1)}).`);
      router.refresh();
    } catch (e) {
      setStatus(errorMessage(e));
    }
  }

  const set = (key: keyof RaceForm) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const current = season.pacesRace;

  return (
    <div className="space-y-3">
      {season.races.length === 0 ? (
        <p className="text-sm text-slate-600">No races yet.</p>
      ) : (
        <ul className="space-y-2" aria-label="Races">
          {season.races.map((race) => (
            <li key={race.id} className="rounded-md border border-slate-200 p-3 text-sm">
              <p className="font-medium">
                {race.name} · {formatDay(race.date)}
              </p>
              <p className="text-slate-700">
                {RACE_PRIORITY_WORDS[race.priority]} · {distanceText(race.distanceM, units)}
                {race.goalTimeS !== null && ` · goal ${formatDuration(race.goalTimeS)}`}
                {race.resultTimeS !== null && ` · result ${formatDuration(race.resultTimeS)}`}
              </p>
              {race.note && <p className="text-slate-600">{race.note}</p>}
              {season.canEditRaces && (
                <div className="mt-2 flex flex-wrap gap-2">
                  <Button
                    variant="secondary"
                    onClick={() => {
                      setEditing(race.id);
                      setForm(formOf(race, units));
                      setProblem(null);
                    }}
                  >
                    Edit<span className="sr-only"> {race.name}</span>
                  </Button>
                  <Button variant="secondary" disabled={server.pending} onClick={() => void remove(race)}>
                    Delete<span className="sr-only"> {race.name}</span>
                  </Button>
                  {race.resultTimeS !== null && (
                    <Button variant="secondary" onClick={() => setConfirming(race.id)}>
                      Use this result for {who} paces
                    </Button>
                  )}
                </div>
              )}
              {confirming === race.id && race.resultTimeS !== null && (
                <div role="group" aria-label="Confirm new paces" className="mt-2 rounded-md bg-blue-50 p-3">
                  <p>
                    VDOT {current ? vdotText(current.distanceM, current.timeS) : "not set"} →{" "}
                    {vdotText(race.distanceM, race.resultTimeS)}: training paces will follow {race.name}.
                  </p>
                  <div className="mt-2 flex flex-wrap gap-2">
                    <Button disabled={server.pending} onClick={() => void adoptForPaces(race)}>
                      Use these paces
                    </Button>
                    <Button variant="secondary" onClick={() => setConfirming(null)}>
                      Keep the current paces
                    </Button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <p role="status" className="min-h-5 text-sm text-green-800">
        {status}
      </p>
      {season.canEditRaces && editing === null && (
        <Button
          variant="secondary"
          onClick={() => {
            setEditing("new");
            setForm(EMPTY);
            setProblem(null);
          }}
        >
          Add a race
        </Button>
      )}
      {editing !== null && (
        <form
          aria-label={editing === "new" ? "New race" : "Edit race"}
          className="space-y-3 rounded-md border border-slate-200 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField label="Race name" value={form.name} onChange={set("name")} maxLength={120} required />
            <TextField label="Race date" type="date" value={form.date} onChange={set("date")} required />
            <TextField
              label={`Distance (${units})`}
              inputMode="decimal"
              value={form.distance}
              onChange={set("distance")}
              required
            />
            <SelectField
              label="Priority"
              value={form.priority}
              onChange={set("priority")}
              options={RACE_PRIORITIES.map((p) => ({ value: p, label: RACE_PRIORITY_WORDS[p] }))}
            />
            <TextField label="Goal time (h:mm:ss)" value={form.goal} onChange={set("goal")} placeholder="1:45:00" />
            <TextField label="Result (h:mm:ss)" value={form.result} onChange={set("result")} hint="Once raced" />
          </div>
          <TextField label="Note" value={form.note} onChange={set("note")} maxLength={2000} />
          <div role="alert" className="min-h-5 text-sm text-red-700">
            {problem}
          </div>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={server.pending}>
              Save race
            </Button>
            <Button type="button" variant="secondary" onClick={() => setEditing(null)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
