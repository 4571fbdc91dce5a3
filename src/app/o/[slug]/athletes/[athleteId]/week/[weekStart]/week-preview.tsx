import { judgedByText } from "~/domain/training/season";
import { FlagList, flagsFor, flagText, type FlagReader } from "~/components/flag-list";
import type { Flag, TrainingSettings, WeekEvaluation } from "~/domain/rules";
import { minutesText } from "../../../../_shared/format";
import { MixKey, MixStack } from "../../../../_shared/mix-stack";

/** Flags about the plan itself (its mix, quality days back to back): what the coach can fix here. */
export const isPlanFlag = (flag: Flag) => flag.measure === "plan";

/** The plan's flags as the coach reads them, warnings first. */
export const planFlagsFor = (reader: FlagReader, evaluation: WeekEvaluation) =>
  flagsFor(reader, evaluation.flags.filter(isPlanFlag));

/** One line for screen readers and the editor: how the plan stands right now. */
export function liveSummary(evaluation: WeekEvaluation, athleteName: string): string {
  const reader: FlagReader = { kind: "coach", athleteName };
  const plan = planFlagsFor(reader, evaluation);
  if (plan.length === 0) return "Live check: no flags on this plan.";
  return `Live check: ${plan.length} flag${plan.length === 1 ? "" : "s"} on this plan. ${flagText(reader, plan[0]!)}`;
}

/** Names one flag across evaluations of the same week: its code and what it is about. */
export const flagKey = (flag: Flag) => `${flag.code}:${flag.plannedId ?? flag.runId ?? flag.measure ?? ""}`;

/**
 * The flag the coach's latest change brought: one that was not there before (the most severe, if
 * several appeared). With none new, the previous newest while it lasts, else the most severe. `flags`
 * are in reading order (warnings first).
 */
export function newestFlag(previous: readonly Flag[] | null, flags: readonly Flag[], lastNewest: string | null) {
  const before = new Set(previous?.map(flagKey));
  return (
    (previous ? flags.find((f) => !before.has(flagKey(f))) : undefined) ??
    flags.find((f) => flagKey(f) === lastNewest) ??
    flags[0] ??
    null
  );
}

/**
 * The rules engine's verdict on the week as it is being edited, before anything is saved. `null`
 * while the engine is still loading after a first change (see live-check.ts).
 */
export function WeekPreview({
  evaluation,
  settings,
  phaseName,
  plannedMin,
  qualityCount,
  athleteName,
}: {
  evaluation: WeekEvaluation | null;
  settings: TrainingSettings;
  /** The season phase whose targets judge this week, if any (ADR 016). */
  phaseName: string | null;
  plannedMin: number;
  qualityCount: number;
  athleteName: string;
}) {
  const basis = evaluation?.basis ?? settings.basis;
  return (
    <section aria-labelledby="preview-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="preview-heading" tabIndex={-1} className="scroll-mt-52 text-lg font-semibold">
        Live check
      </h2>
      <p className="text-sm text-slate-600">The rules engine reads the plan as you edit, before anything is saved.</p>
      <p className="mt-1 text-sm font-medium text-slate-800" data-testid="judged-by">
        {judgedByText(phaseName, settings)}
      </p>
      <dl className="mt-3 grid grid-cols-2 gap-2 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-600">Planned</dt>
          <dd className="font-medium">{minutesText(plannedMin)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Quality sessions</dt>
          <dd className="font-medium">{qualityCount}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Mix measured by</dt>
          <dd className="font-medium">{basis === "sessions" ? "number of sessions" : basis}</dd>
        </div>
      </dl>
      {evaluation ? (
        <Verdict evaluation={evaluation} settings={settings} reader={{ kind: "coach", athleteName }} />
      ) : (
        <p className="mt-3 text-sm text-slate-600" role="status">
          Checking the plan…
        </p>
      )}
    </section>
  );
}

function Verdict({
  evaluation,
  settings,
  reader,
}: {
  evaluation: WeekEvaluation;
  settings: TrainingSettings;
  reader: FlagReader;
}) {
  const planFlags = evaluation.flags.filter(isPlanFlag);
  const weekFlags = flagsFor(
    reader,
    evaluation.flags.filter((f) => !isPlanFlag(f)),
  );
  const mix = evaluation.plan;
  return (
    <>
      <h3 className="mt-3 text-sm font-semibold">Planned mix</h3>
      <div className="mt-1">
        <MixStack
          proportions={mix?.proportions ?? null}
          bands={settings.bands}
          label="Planned mix"
          emptyText={`Add at least ${settings.minRunsForMix} sessions to judge the mix.`}
        />
        <div className="mt-2">
          <MixKey />
        </div>
      </div>
      <h3 className="mt-4 text-sm font-semibold">Flags on this plan</h3>
      <div className="mt-1">
        <FlagList flags={planFlags} reader={reader} empty="No flags: the plan is within its targets." />
      </div>
      {weekFlags.length > 0 && (
        <>
          <h3 className="mt-4 text-sm font-semibold">This week so far (what was run)</h3>
          <div className="mt-1">
            <FlagList flags={weekFlags} reader={reader} />
          </div>
        </>
      )}
    </>
  );
}
