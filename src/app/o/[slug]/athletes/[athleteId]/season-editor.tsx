"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "~/components/button";
import { TextField } from "~/components/text-field";
import { PHASE_NAMES, phaseTitle, targetsText } from "~/domain/training/season";
import { formatDay, type Units } from "~/lib/format";
import { errorMessage } from "~/lib/trpc-error";
import { useServerCall } from "~/trpc/on-demand";
import { RacesEditor } from "../../_shared/races-editor";
import { TrainingSettingsForm } from "../../_shared/settings-form";
import type { RouterOutputs } from "../../_shared/types";

export type Season = RouterOutputs["season"]["get"];
type Phase = Season["phases"][number];

/**
 * The coach's view of an athlete's season: phases (name, dates and the targets that judge their weeks,
 * in the training settings form over the athlete's own settings) and races.
 */
export function SeasonEditor({
  orgSlug,
  athleteId,
  units,
  season,
}: {
  orgSlug: string;
  athleteId: string;
  units: Units;
  season: Season;
}) {
  return (
    <div className="space-y-6">
      <div>
        <h3 className="font-semibold">Phases</h3>
        <Phases orgSlug={orgSlug} athleteId={athleteId} season={season} />
      </div>
      <div>
        <h3 className="font-semibold">Races</h3>
        <RacesEditor orgSlug={orgSlug} athleteId={athleteId} units={units} season={season} who="their" />
      </div>
    </div>
  );
}

function Phases({ orgSlug, athleteId, season }: { orgSlug: string; athleteId: string; season: Season }) {
  const router = useRouter();
  const server = useServerCall();
  const [editing, setEditing] = useState<Phase | "new" | null>(null);
  const [name, setName] = useState("");
  const [startDate, setStartDate] = useState("");
  const [endDate, setEndDate] = useState("");
  const [status, setStatus] = useState<string | null>(null);
  const base = season.athleteSettings;

  function open(phase: Phase | "new") {
    setEditing(phase);
    setName(phase === "new" ? "" : phase.name);
    setStartDate(phase === "new" ? "" : phase.startDate);
    setEndDate(phase === "new" ? "" : phase.endDate);
    setStatus(null);
  }

  async function remove(phase: Phase) {
    try {
      await server.call((trpc) => trpc.season.deletePhase.mutate({ orgSlug, phaseId: phase.id }));
      setStatus(`Deleted the ${phaseTitle(phase.name)}.`);
      router.refresh();
    } catch (e) {
      setStatus(errorMessage(e));
    }
  }

  return (
    <div className="mt-2 space-y-3">
      {season.phases.length === 0 ? (
        <p className="text-sm text-slate-600">No phases: every week is judged by the athlete&apos;s own settings.</p>
      ) : (
        <ul className="space-y-2" aria-label="Phases">
          {season.phases.map((phase) => (
            <li key={phase.id} className="rounded-md border border-slate-200 p-3 text-sm">
              <p className="font-medium">
                {phaseTitle(phase.name)} · {formatDay(phase.startDate)} – {formatDay(phase.endDate)}
              </p>
              <p className="text-slate-700">{targetsText(phase.resolved)}</p>
              {season.canEditPhases && (
                <div className="mt-2 flex flex-wrap gap-2">
                  <Button variant="secondary" onClick={() => open(phase)}>
                    Edit<span className="sr-only"> the {phaseTitle(phase.name)}</span>
                  </Button>
                  <Button variant="secondary" disabled={server.pending} onClick={() => void remove(phase)}>
                    Delete<span className="sr-only"> the {phaseTitle(phase.name)}</span>
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <p role="status" className="min-h-5 text-sm text-green-800">
        {status}
      </p>
      {season.canEditPhases && editing === null && (
        <Button variant="secondary" onClick={() => open("new")}>
          Add a phase
        </Button>
      )}
      {editing !== null && (
        <div className="space-y-3 rounded-md border border-slate-200 p-3">
          <h4 id="phase-form-heading" className="font-medium">
            {editing === "new" ? "New phase" : `Edit the ${phaseTitle(editing.name)}`}
          </h4>
          <div className="grid gap-3 sm:grid-cols-3">
            <TextField
              label="Phase name"
              list="phase-names"
              value={name}
              maxLength={60}
              hint="base, build, peak, taper, recovery or your own"
              onChange={(e) => setName(e.target.value)}
            />
            <datalist id="phase-names">
              {PHASE_NAMES.map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
            <TextField label="First day" type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />
            <TextField label="Last day" type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} />
          </div>
          <p className="text-sm text-slate-600">
            Targets for this phase (empty fields follow the athlete&apos;s settings):
          </p>
          <TrainingSettingsForm
            key={editing === "new" ? "new" : editing.id}
            headingId="phase-form-heading"
            initial={editing === "new" ? season.newPhaseFormValues : editing.formValues}
            base={base}
            baseName="athlete setting"
            validate={(override, { settingsProblem }) =>
              !name.trim()
                ? "Name the phase."
                : !startDate || !endDate
                  ? "Pick the phase's first and last days."
                  : endDate < startDate
                    ? "The last day must be on or after the first."
                    : settingsProblem(season.orgOverride, season.athleteOverride, override)
            }
            saving={server.pending}
            save={async (override) => {
              await server.call((trpc) =>
                trpc.season.savePhase.mutate({
                  orgSlug,
                  athleteId,
                  phaseId: editing === "new" ? null : editing.id,
                  phase: { name, startDate, endDate, settings: override },
                }),
              );
              setEditing(null);
              setStatus(`Saved the ${phaseTitle(name.trim())}: its weeks are judged by these targets.`);
              router.refresh();
            }}
          />
          <Button variant="secondary" onClick={() => setEditing(null)}>
            Cancel
          </Button>
        </div>
      )}
    </div>
  );
}
