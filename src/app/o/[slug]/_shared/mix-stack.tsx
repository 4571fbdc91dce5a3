import type { MixBands, Proportions } from "~/domain/rules";
import { bandStatus } from "~/domain/training/band-status";
import { CATEGORY_BG, CATEGORY_NAMES, mixSentence, pct } from "./format";

const ORDER = ["recovery", "aerobic", "quality"] as const;

/**
 * A week's mix as a stacked bar (recovery | aerobic | quality) over its target zones: where the
 * recovery share should end (its band) and where quality may start (1 − its maximum). One image for
 * the eye, the same numbers in words for screen readers; shares outside their band are also marked
 * with an arrow in the legend, so colour is never the only cue.
 */
export function MixStack({
  proportions,
  bands,
  label,
  compact = false,
  legend = !compact,
  emptyText = "not enough yet",
  caption,
}: {
  proportions: Proportions | null;
  bands: MixBands;
  label: string;
  compact?: boolean;
  legend?: boolean;
  emptyText?: string;
  /** A short visible name for the bar ("Effort mix"), so nobody has to guess what it measures. */
  caption?: string;
}) {
  const visibleCaption = caption ? (
    <p className={`${compact ? "text-[0.7rem]" : "text-xs"} mb-0.5 font-medium text-slate-700`} aria-hidden="true">
      {caption}
    </p>
  ) : null;
  if (!proportions) {
    return (
      <div role="img" aria-label={`${label}: ${emptyText}`} className={compact ? "w-14" : "w-full"}>
        {visibleCaption}
        <div className={`${compact ? "h-3" : "h-4"} rounded-sm border border-dashed border-slate-400 bg-slate-100`} />
        {legend && (
          <p className="mt-1 text-xs text-slate-600" aria-hidden="true">
            {emptyText}
          </p>
        )}
      </div>
    );
  }
  const status = bandStatus(proportions, bands);
  const drift = ORDER.filter((c) => status[c] !== "ok").length;
  const described = `${label}: ${mixSentence(proportions, bands)}.${drift ? ` ${drift} outside ${drift === 1 ? "its target" : "their targets"}.` : " All within targets."}`;
  return (
    <div className={compact ? "w-14" : "w-full"}>
      {visibleCaption}
      <div role="img" aria-label={described}>
        <div className={`relative ${compact ? "h-1" : "h-1.5"}`} aria-hidden="true">
          <span
            className="absolute inset-y-0 rounded-sm bg-sky-300"
            style={{ left: `${bands.recovery[0] * 100}%`, width: `${(bands.recovery[1] - bands.recovery[0]) * 100}%` }}
          />
          <span
            className="absolute inset-y-0 rounded-sm bg-rose-300"
            style={{ left: `${(1 - bands.qualityMax) * 100}%`, right: 0 }}
          />
        </div>
        <div
          className={`flex ${compact ? "h-3" : "h-4"} w-full overflow-hidden rounded-sm bg-slate-200`}
          aria-hidden="true"
        >
          {ORDER.map((c) => (
            <span
              key={c}
              className={`${CATEGORY_BG[c]} ${status[c] === "ok" ? "" : "ring-2 ring-inset ring-slate-900"}`}
              style={{ width: `${proportions[c] * 100}%` }}
            />
          ))}
        </div>
      </div>
      {legend && (
        <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-700" aria-hidden="true">
          {ORDER.map((c) => (
            <span key={c} className={status[c] === "ok" ? "" : "font-semibold text-red-800"}>
              <span className={`mr-1 inline-block size-2 rounded-full ${CATEGORY_BG[c]}`} />
              {CATEGORY_NAMES[c]} {pct(proportions[c])}
              {status[c] === "high" ? " ↑" : status[c] === "low" ? " ↓" : ""}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

/** The legend of the target zones, once per page. */
export function MixKey() {
  return (
    <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-700">
      {ORDER.map((c) => (
        <span key={c} className="inline-flex items-center gap-1">
          <span className={`inline-block size-2.5 rounded-full ${CATEGORY_BG[c]}`} aria-hidden="true" />
          {CATEGORY_NAMES[c]}
        </span>
      ))}
      <span className="inline-flex items-center gap-1">
        <span className="inline-block h-1.5 w-5 rounded-sm bg-sky-300" aria-hidden="true" /> where recovery should end
      </span>
      <span className="inline-flex items-center gap-1">
        <span className="inline-block h-1.5 w-5 rounded-sm bg-rose-300" aria-hidden="true" /> where quality may start
      </span>
      <span>↑ ↓ outside the target</span>
    </p>
  );
}
