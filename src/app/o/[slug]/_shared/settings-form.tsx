"use client";

import { useId, useState } from "react";
import { Button } from "~/components/button";
import { SelectField } from "~/components/select-field";
import { TextField } from "~/components/text-field";
import type { TrainingSettings } from "~/domain/rules";
import {
  FIELD_LABELS,
  formValuesOf,
  type SettingsField,
  type SettingsFormValues,
} from "~/domain/training/settings-fields";
import type { EditableOverride } from "~/domain/training/settings-form";
import { errorMessage } from "~/lib/trpc-error";
import { preloadTrpc } from "~/trpc/on-demand";

/** The settings rules (zod), loaded when the coach starts on the form rather than with the page. */
export type SettingsRules = typeof import("~/domain/training/settings-form");
const loadSettingsRules = (): Promise<SettingsRules> => import("~/domain/training/settings-form");
/** What submitting needs: the rules, and the tRPC client `save` calls through (see on-demand.ts). */
function preloadSubmit() {
  loadSettingsRules().catch(() => {});
  preloadTrpc();
}

const BASIS_WORDS = { time: "time", distance: "distance", sessions: "number of sessions" } as const;

const GROUPS: ReadonlyArray<{ legend: string; fields: SettingsField[] }> = [
  { legend: "Target mix", fields: ["aerobicMin", "aerobicMax", "recoveryMin", "recoveryMax", "qualityMax"] },
  { legend: "Effort bands (RPE)", fields: ["recoveryEffortMax", "aerobicEffortMax"] },
  {
    legend: "Thresholds",
    fields: [
      "recoveryMaxMin",
      "aerobicMinMin",
      "durationTolerance",
      "minRunsForMix",
      "monotonyMax",
      "loadSpikeRatio",
      "nearEdge",
    ],
  },
];

/**
 * Training settings as an override of the layer below (`base`: the club's defaults for an athlete,
 * the built-in ones for the club). Empty fields keep the layer below, shown as the placeholder.
 * The form checks with the engine's own rules before sending; the server checks again. `initial`
 * is the stored override as form text (formValuesOfOverride, computed on the server).
 */
export function TrainingSettingsForm({
  initial,
  base,
  baseName,
  validate,
  save,
  saving,
  disabled = false,
  headingId,
}: {
  initial: SettingsFormValues;
  base: TrainingSettings;
  /** "club default" or "built-in default". */
  baseName: string;
  validate: (override: EditableOverride, rules: SettingsRules) => string | null;
  save: (override: EditableOverride) => Promise<void>;
  saving: boolean;
  disabled?: boolean;
  headingId: string;
}) {
  const id = useId();
  const [values, setValues] = useState<SettingsFormValues>(initial);
  const [problem, setProblem] = useState<{ field?: SettingsField; text: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const defaults = formValuesOf(base);

  async function submit(next: SettingsFormValues) {
    setSaved(null);
    try {
      const rules = await loadSettingsRules();
      const result = rules.overrideFromForm(next, base);
      if (!result.ok) return setProblem({ field: result.field, text: result.message });
      const invalid = validate(result.override, rules);
      if (invalid) return setProblem({ text: invalid });
      await save(result.override);
      setProblem(null);
      setValues(next);
      setSaved("Saved. The rules use these settings from now on.");
    } catch (e) {
      setProblem({ text: errorMessage(e) });
    }
  }

  const field = (name: SettingsField) => (
    <TextField
      key={name}
      label={FIELD_LABELS[name]}
      name={name}
      inputMode="decimal"
      value={values[name]}
      placeholder={defaults[name]}
      hint={`${baseName}: ${defaults[name]}`}
      error={problem?.field === name ? problem.text : undefined}
      disabled={disabled}
      onChange={(e) => setValues({ ...values, [name]: e.target.value })}
    />
  );

  return (
    <form
      aria-labelledby={headingId}
      onFocus={preloadSubmit}
      onSubmit={(event) => {
        event.preventDefault();
        void submit(values);
      }}
      className="space-y-4"
    >
      <SelectField
        label={FIELD_LABELS.basis}
        value={values.basis}
        disabled={disabled}
        onChange={(e) => setValues({ ...values, basis: e.target.value })}
        options={[
          { value: "", label: `${baseName.charAt(0).toUpperCase()}${baseName.slice(1)} (${BASIS_WORDS[base.basis]})` },
          { value: "time", label: "Time" },
          { value: "distance", label: "Distance" },
          { value: "sessions", label: "Number of sessions" },
        ]}
      />
      {GROUPS.map((group) => (
        <fieldset key={group.legend} className="rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-semibold">{group.legend}</legend>
          {group.legend.startsWith("Effort") && (
            <p className="mb-2 text-xs text-slate-600">
              Quality effort is everything above the aerobic band, up to RPE 10.
            </p>
          )}
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">{group.fields.map(field)}</div>
          {group.legend === "Thresholds" && (
            <p className="mt-2 text-xs text-slate-600">
              Near the edge: a share that misses its target by less than this (9.9 % recovery against a 10 % floor, say)
              is shown as a note rather than a warning.
            </p>
          )}
        </fieldset>
      ))}
      <div role="alert" id={`${id}-problem`} className="min-h-5 text-sm text-red-700">
        {problem && !problem.field ? problem.text : null}
      </div>
      <p role="status" className="min-h-5 text-sm text-green-800">
        {saved}
      </p>
      {!disabled && (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={saving}>
            Save settings
          </Button>
          <Button
            type="button"
            variant="secondary"
            disabled={saving}
            onClick={() =>
              void submit(Object.fromEntries(Object.keys(values).map((k) => [k, ""])) as SettingsFormValues)
            }
          >
            Use the {baseName}s
          </Button>
        </div>
      )}
    </form>
  );
}
