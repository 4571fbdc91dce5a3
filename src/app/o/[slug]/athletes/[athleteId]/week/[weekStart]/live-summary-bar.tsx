"use client";

import { useState } from "react";
import { flagText, type FlagReader } from "~/components/flag-list";
import type { Flag, MixBands, WeekEvaluation } from "~/domain/rules";
import { MixStack } from "../../../../_shared/mix-stack";
import { flagKey, newestFlag, planFlagsFor } from "./week-preview";

/**
 * The live check in one line that stays at the top of the screen while the coach edits (sticky): the
 * planned mix, how many flags the plan has and the newest of them, with a link to the full check
 * below. The week grid and the editor are taller than a laptop's screen; without this the coach
 * would edit blind.
 */
export function LiveSummaryBar({
  evaluation,
  bands,
  athleteName,
  minRunsForMix,
}: {
  evaluation: WeekEvaluation | null;
  bands: MixBands;
  athleteName: string;
  minRunsForMix: number;
}) {
  const reader: FlagReader = { kind: "coach", athleteName };
  const flags = evaluation ? planFlagsFor(reader, evaluation) : null;
  // Which flag is newest depends on the flags before the latest change: kept as state, updated while
  // rendering when the verdict changes (React's pattern for state derived from a previous prop).
  const [seen, setSeen] = useState<{ flags: Flag[] | null; newest: string | null; from: WeekEvaluation | null }>({
    flags: null,
    newest: null,
    from: null,
  });
  let newest = seen.newest;
  if (evaluation && flags && seen.from !== evaluation) {
    const flag = newestFlag(seen.flags, flags, seen.newest);
    newest = flag ? flagKey(flag) : null;
    setSeen({ flags, newest, from: evaluation });
  }
  const newestShown = flags?.find((f) => flagKey(f) === newest) ?? flags?.[0] ?? null;

  return (
    // Above the page's positioned parts (z 5), below the header's menus (z 10).
    <section
      aria-labelledby="summary-heading"
      className="sticky top-0 z-[5] -mx-1 rounded-lg border border-slate-300 bg-white/95 px-3 py-2 shadow-md backdrop-blur-sm"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        {/* On a phone every line costs screen: the heading is for screen readers there, the bar goes last. */}
        <h2 id="summary-heading" className="sr-only text-sm font-semibold sm:not-sr-only">
          Plan summary
        </h2>
        <div className="order-last w-full sm:order-none sm:w-72">
          <MixStack
            proportions={evaluation?.plan?.proportions ?? null}
            bands={bands}
            label="Planned mix"
            caption="Planned mix"
            emptyText={`needs ${minRunsForMix} sessions to judge`}
          />
        </div>
        <p className="text-sm font-medium" data-testid="summary-flag-count">
          {flags === null
            ? "Checking…"
            : flags.length === 0
              ? "No flags on this plan"
              : `${flags.length} flag${flags.length === 1 ? "" : "s"} on this plan`}
        </p>
        <a href="#preview-heading" className="ml-auto py-1 text-sm text-blue-800 underline underline-offset-2">
          Full live check
        </a>
      </div>
      {newestShown && (
        <p
          className={`mt-1 line-clamp-2 border-l-4 pl-2 text-sm sm:line-clamp-1 ${newestShown.severity === "warning" ? "border-amber-500 text-amber-950" : "border-sky-500 text-sky-950"}`}
        >
          <span className="font-medium">Newest{newestShown.severity === "warning" ? " warning" : " note"}: </span>
          {flagText(reader, newestShown)}
        </p>
      )}
    </section>
  );
}
