import type { Flag } from "~/domain/rules";
import { flagRank, type RankedFlag } from "~/domain/training/flags";

const STYLE = {
  warning: "border-amber-600 bg-amber-50 text-amber-950",
  info: "border-sky-600 bg-sky-50 text-sky-950",
} as const;

/** The engine's own messages, most important first, with the severity in words as well as colour. */
export function FlagMessages({
  flags,
  empty,
  limit,
  compact = false,
}: {
  flags: ReadonlyArray<Flag | RankedFlag>;
  empty?: string;
  limit?: number;
  compact?: boolean;
}) {
  if (flags.length === 0) return empty ? <p className="text-sm text-green-800">{empty}</p> : null;
  const ordered = [...flags].sort((a, b) => flagRank(a) - flagRank(b)).slice(0, limit);
  return (
    <ul className="space-y-2">
      {ordered.map((flag, i) => (
        <li
          key={`${flag.code}-${i}`}
          className={`rounded-md border-l-4 ${compact ? "px-2 py-1 text-xs" : "px-3 py-2 text-sm"} ${STYLE[flag.severity]}`}
        >
          <span className="sr-only">{flag.severity === "warning" ? "Warning: " : "Note: "}</span>
          {flag.message}
          {"count" in flag && flag.count > 1 && <span className="ml-1 text-xs font-medium">(×{flag.count})</span>}
        </li>
      ))}
    </ul>
  );
}
