import type { MixBands, Proportions } from "~/domain/rules";

const SEGMENTS = [
  { key: "recovery", label: "Recovery", className: "bg-sky-500" },
  { key: "aerobic", label: "Aerobic", className: "bg-green-600" },
  { key: "quality", label: "Quality", className: "bg-rose-600" },
] as const;

const pct = (x: number) => `${Math.round(x * 100)} %`;

/**
 * The week's mix as a stacked bar, with the target bands written out: a picture for the eye and
 * the same numbers for screen readers.
 */
export function MixBar({
  proportions,
  bands,
  label,
}: {
  proportions: Proportions | null;
  bands: MixBands;
  label: string;
}) {
  const targets = `targets: recovery ${pct(bands.recovery[0])}–${pct(bands.recovery[1])}, aerobic ${pct(bands.aerobic[0])}–${pct(bands.aerobic[1])}, quality at most ${pct(bands.qualityMax)}`;
  if (!proportions) {
    return (
      <p className="text-sm text-slate-600">
        {label}: not enough runs yet to judge the mix ({targets}).
      </p>
    );
  }
  const described = `${label}: ${SEGMENTS.map((s) => `${s.label.toLowerCase()} ${pct(proportions[s.key])}`).join(", ")}; ${targets}`;
  return (
    <figure className="w-full">
      <div role="img" aria-label={described} className="flex h-5 w-full overflow-hidden rounded-full bg-slate-200">
        {SEGMENTS.map((s) => (
          <div key={s.key} className={s.className} style={{ width: `${proportions[s.key] * 100}%` }} />
        ))}
      </div>
      <figcaption className="mt-1 flex flex-wrap gap-x-4 text-xs text-slate-700" aria-hidden="true">
        {SEGMENTS.map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1">
            <span className={`inline-block size-2.5 rounded-full ${s.className}`} />
            {s.label} {pct(proportions[s.key])}
          </span>
        ))}
        <span className="text-slate-500">
          (aim {pct(bands.recovery[0])}–{pct(bands.recovery[1])} / {pct(bands.aerobic[0])}–{pct(bands.aerobic[1])} / ≤{" "}
          {pct(bands.qualityMax)})
        </span>
      </figcaption>
    </figure>
  );
}
