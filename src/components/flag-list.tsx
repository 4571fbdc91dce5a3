import { isForAthlete, type Flag } from "~/domain/rules";

/**
 * The engine's findings for the athlete, in its own plain words: warnings first, then information.
 * Flags for the coach alone (the plan's) are left out: an athlete cannot change the plan.
 */
export function FlagList({ flags: all, empty }: { flags: readonly Flag[]; empty?: string }) {
  const flags = all.filter(isForAthlete);
  if (flags.length === 0) return empty ? <p className="text-sm text-green-800">{empty}</p> : null;
  const ordered = [...flags].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "warning" ? -1 : 1));
  return (
    <ul className="space-y-2">
      {ordered.map((flag, i) => (
        <li
          key={`${flag.code}-${flag.runId ?? flag.plannedId ?? flag.measure ?? i}`}
          className={`rounded-md border-l-4 px-3 py-2 text-sm ${flag.severity === "warning" ? "border-amber-500 bg-amber-50 text-amber-950" : "border-sky-500 bg-sky-50 text-sky-950"}`}
        >
          <span className="sr-only">{flag.severity === "warning" ? "Warning: " : "Note: "}</span>
          {flag.message}
        </li>
      ))}
    </ul>
  );
}
