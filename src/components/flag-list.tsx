import type { Flag } from "~/domain/rules";
import { flagsForReader } from "~/domain/training/reader-flags";

/** Who reads the list: the athlete in their own words, or a coach reading about a named athlete. */
export type FlagReader = { kind: "athlete" } | { kind: "coach"; athleteName: string };

const ATHLETE: FlagReader = { kind: "athlete" };

/** The flags a reader is meant to see, warnings first (the server has filtered them already). */
export function flagsFor(reader: FlagReader, flags: readonly Flag[]): Flag[] {
  return flagsForReader(flags, reader.kind);
}

/** The text of one flag for its reader: coaches read the athlete's name and the facts. */
export function flagText(reader: FlagReader, flag: Flag): string {
  return reader.kind === "athlete" ? flag.message : `${reader.athleteName}: ${flag.coachMessage}`;
}

/**
 * The engine's findings for one reader: warnings first, then information. Athletes never see flags
 * meant for the coach alone (the plan's): an athlete cannot change the plan. With `max`, the rest
 * wait behind a disclosure.
 */
export function FlagList({
  flags: all,
  empty,
  reader = ATHLETE,
  max,
}: {
  flags: readonly Flag[];
  empty?: string;
  reader?: FlagReader;
  max?: number;
}) {
  const flags = flagsFor(reader, all);
  if (flags.length === 0) return empty ? <p className="text-sm text-green-800">{empty}</p> : null;
  const shown = max === undefined ? flags : flags.slice(0, max);
  const hidden = flags.slice(shown.length);
  return (
    <div className="space-y-2">
      <FlagItems reader={reader} flags={shown} />
      {hidden.length > 0 && (
        <details>
          <summary className="cursor-pointer text-sm font-medium text-slate-700">
            {hidden.length} more {hidden.length === 1 ? "note" : "notes"}
          </summary>
          <div className="mt-2">
            <FlagItems reader={reader} flags={hidden} />
          </div>
        </details>
      )}
    </div>
  );
}

function FlagItems({ reader, flags }: { reader: FlagReader; flags: readonly Flag[] }) {
  return (
    <ul className="space-y-2">
      {flags.map((flag, i) => (
        <li
          key={`${flag.code}-${flag.runId ?? flag.plannedId ?? flag.measure ?? i}`}
          className={`rounded-md border-l-4 px-3 py-2 text-sm ${flag.severity === "warning" ? "border-amber-500 bg-amber-50 text-amber-950" : "border-sky-500 bg-sky-50 text-sky-950"}`}
        >
          <span className="sr-only">{flag.severity === "warning" ? "Warning: " : "Note: "}</span>
          {flagText(reader, flag)}
        </li>
      ))}
    </ul>
  );
}
