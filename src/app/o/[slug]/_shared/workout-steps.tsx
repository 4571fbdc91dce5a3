import type { TrainingPaces } from "~/domain/rules";
import { resolveTarget, splitText, type ResolvedTarget } from "~/domain/training/workout-paces";
import type { StepAmount, StepIntent, WorkoutStep, WorkoutStructure } from "~/domain/training/workout-structure";
import { formatDistance, formatDuration, paceRange, type Units } from "~/lib/format";

const INTENT_NAMES: Record<StepIntent, string> = {
  warmup: "warm-up",
  work: "",
  recovery: "recovery",
  cooldown: "cool-down",
};

function amountText(amount: StepAmount, units: Units): string {
  if (amount.type === "time")
    return amount.seconds % 60 === 0 ? `${amount.seconds / 60} min` : formatDuration(amount.seconds);
  // Reps read as the coach wrote them (800 m); longer steps in the reader's units.
  return amount.meters < 1000 ? `${amount.meters} m` : formatDistance(amount.meters, units);
}

function targetText(amount: StepAmount, target: ResolvedTarget, units: Units): string {
  switch (target.type) {
    case "open":
      return "";
    case "pace": {
      const name = target.pace ? `${target.pace} pace, ` : "";
      const split = splitText(amount, target);
      return `${name}${paceRange(target.fastSPerKm, target.slowSPerKm, units)}${split ? ` (${split})` : ""}`;
    }
    case "heartRate":
      return `HR ${target.minBpm === target.maxBpm ? target.minBpm : `${target.minBpm}–${target.maxBpm}`} bpm`;
    case "rpe": {
      const rpe = `RPE ${target.min === target.max ? target.min : `${target.min}–${target.max}`}`;
      return target.pace ? `${target.pace} pace, ${rpe} (no race yet, so no pace)` : rpe;
    }
  }
}

function stepText(step: WorkoutStep, paces: TrainingPaces | null, units: Units): string {
  const target = targetText(step.amount, resolveTarget(step.target, paces), units);
  const intent = INTENT_NAMES[step.intent];
  return `${amountText(step.amount, units)}${intent ? ` ${intent}` : ""}${target ? ` @ ${target}` : ""}`;
}

/**
 * A structured session's steps with each target resolved for the athlete who runs it: their own
 * pace range (and per-rep split) from their race, or the pace's RPE range without one.
 */
export function WorkoutSteps({
  structure,
  paces,
  units,
  label,
  className = "",
}: {
  structure: WorkoutStructure;
  paces: TrainingPaces | null;
  units: Units;
  label: string;
  className?: string;
}) {
  return (
    <ol aria-label={label} className={`space-y-0.5 text-xs text-slate-700 ${className}`}>
      {structure.items.map((item, i) =>
        item.kind === "repeat" ? (
          <li key={i}>
            <span className="font-medium">{item.times} ×</span>
            <ul className="ml-3 list-disc pl-3">
              {item.steps.map((step, j) => (
                <li key={j}>{stepText(step, paces, units)}</li>
              ))}
            </ul>
          </li>
        ) : (
          <li key={i}>{stepText(item, paces, units)}</li>
        ),
      )}
    </ol>
  );
}
