import type { LapCompliance, WorkBlockResult } from "~/domain/training/lap-compliance";
import { amountWords } from "~/domain/training/workout-watch";
import { formatDuration, formatPace, paceRange, type Units } from "~/lib/format";

const VERDICT_WORDS = {
  within: "on target",
  faster: "faster than the target",
  slower: "slower than the target",
} as const;

/**
 * "6 of 6 repeats, average 3:12 per 800 m, target 3:10–3:15 per 800 m": one block of work steps.
 * Distance repeats read as times per repeat (how coaches write them), time steps as paces in the
 * reader's units.
 */
export function blockSentence(block: WorkBlockResult, units: Units): string {
  const { step } = block;
  const what = amountWords(step.amount);
  const count =
    block.planned > 1
      ? `${block.done} of ${block.planned} repeats of ${what}`
      : `${what} ${block.done ? "done" : "not found in the laps"}`;
  const perRep = step.amount.type === "distance" ? step.amount.meters : null;
  const average =
    block.avgSeconds === null
      ? null
      : perRep !== null
        ? `average ${formatDuration(block.avgSeconds)} per ${what}`
        : block.avgSPerKm !== null
          ? `average ${formatPace(block.avgSPerKm, 1000, units)}`
          : `average ${formatDuration(block.avgSeconds)}`;
  const target =
    step.target.type === "pace"
      ? perRep !== null
        ? `target ${formatDuration((step.target.fastSPerKm * perRep) / 1000)}–${formatDuration((step.target.slowSPerKm * perRep) / 1000)}`
        : `target ${paceRange(step.target.fastSPerKm, step.target.slowSPerKm, units)}`
      : step.target.words
        ? `target ${step.target.words}`
        : null;
  return [count, average, target].filter(Boolean).join(", ");
}

/**
 * The laps of an imported run against its structured session. The athlete reads "Your repeats";
 * a coach reads the athlete's name.
 */
export function LapComplianceCard({
  compliance,
  units,
  ownRun,
  athleteName,
}: {
  compliance: LapCompliance;
  units: Units;
  ownRun: boolean;
  athleteName: string;
}) {
  if (compliance.blocks.length === 0) return null;
  return (
    <section aria-labelledby="laps-heading" className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="laps-heading" className="text-sm font-semibold text-slate-800">
        {ownRun ? "Your repeats against the plan" : `${athleteName}'s repeats against the plan`}
      </h2>
      <ul className="mt-2 space-y-1 text-sm text-slate-800">
        {compliance.blocks.map((block, i) => (
          <li key={i}>
            {blockSentence(block, units)}
            {block.verdict && <span className="font-medium">: {VERDICT_WORDS[block.verdict]}</span>}
          </li>
        ))}
      </ul>
      {compliance.extraLaps > 0 && (
        <p className="mt-1 text-xs text-slate-600">
          {compliance.extraLaps === 1 ? "One lap" : `${compliance.extraLaps} laps`} matched no planned step.
        </p>
      )}
    </section>
  );
}
