/** Wording and units shared by the coach's pages. Pure. */
import {
  addDays,
  KIND_LABELS,
  type Category,
  type ComplianceColor,
  type MixBands,
  type Proportions,
  type SessionKind,
} from "~/domain/rules";
import { bandStatus } from "~/domain/training/band-status";
import { formatDay, formatMinutes, METRES_PER_MILE, type Units } from "~/lib/format";

/** "Tempo run", "Interval session", from the engine's own wording. */
export function kindTitle(kind: SessionKind): string {
  const label = KIND_LABELS[kind];
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export const pct = (fraction: number) => `${Math.round(fraction * 100)} %`;
const pctNumber = (fraction: number) => Math.round(fraction * 100);

export const CATEGORY_NAMES: Readonly<Record<Category, string>> = {
  recovery: "Recovery",
  aerobic: "Aerobic",
  quality: "Quality",
};
/** Fill colours of the three categories (see globals.css). */
export const CATEGORY_FILL: Readonly<Record<Category, string>> = {
  recovery: "#0ea5e9",
  aerobic: "#16a34a",
  quality: "#e11d48",
};
export const CATEGORY_BG: Readonly<Record<Category, string>> = {
  recovery: "bg-recovery",
  aerobic: "bg-aerobic",
  quality: "bg-quality",
};

export function targetText(category: Category, bands: MixBands): string {
  if (category === "quality") return `at most ${pctNumber(bands.qualityMax)} %`;
  const [lo, hi] = bands[category];
  return `${pctNumber(lo)}–${pctNumber(hi)} %`;
}

/** "recovery 25 % (target 10–20 %, too high), aerobic 60 % (target 60–80 %), …" */
export function mixSentence(p: Proportions, bands: MixBands): string {
  const status = bandStatus(p, bands);
  return (["recovery", "aerobic", "quality"] as const)
    .map(
      (c) =>
        `${c} ${pct(p[c])} (target ${targetText(c, bands)}${status[c] === "ok" ? "" : status[c] === "high" ? ", too high" : ", too low"})`,
    )
    .join(", ");
}

/** "1 h 05 min", "45 min". */
/** "2 h 05 min", "45 min" (the one formatter in src/lib). */
export const minutesText = formatMinutes;

export function distanceText(metres: number, units: Units): string {
  const value = units === "km" ? metres / 1000 : metres / METRES_PER_MILE;
  return `${Math.round(value * 10) / 10} ${units}`;
}

/** "45 min · 8 km" */
export function amountText(session: { durationMin: number | null; distanceM: number | null }, units: Units): string {
  return [
    session.durationMin === null ? null : minutesText(session.durationMin),
    session.distanceM === null ? null : distanceText(session.distanceM, units),
  ]
    .filter(Boolean)
    .join(" · ");
}

/** A distance typed in the user's units as metres: null when empty, NaN when not a distance. */
export function metresFromText(text: string, units: Units): number | null {
  const trimmed = text.trim().replace(",", ".");
  if (trimmed === "") return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value <= 0) return NaN;
  return Math.round(value * (units === "km" ? 1000 : METRES_PER_MILE));
}

export function distanceInputText(metres: number | null, units: Units): string {
  if (metres === null) return "";
  return String(Math.round((units === "km" ? metres / 1000 : metres / METRES_PER_MILE) * 100) / 100);
}

/** "Mon 30 Nov" for day `offset` of the week starting `weekStart`. */
export const dayLabel = (weekStart: string, offset: number) => formatDay(addDays(weekStart, offset));

/** "30 Nov – 6 Dec" */
export function weekRange(weekStart: string): string {
  const short = (date: string) => formatDay(date).split(" ").slice(1).join(" ");
  return `${short(weekStart)} – ${short(addDays(weekStart, 6))}`;
}

export const COMPLIANCE_STYLE: Readonly<Record<ComplianceColor, string>> = {
  green: "border-green-700 bg-green-50 text-green-900",
  yellow: "border-amber-600 bg-amber-50 text-amber-950",
  red: "border-red-700 bg-red-50 text-red-900",
  excused: "border-slate-400 bg-slate-50 text-slate-700",
};

export const COMPLIANCE_WORDS: Readonly<Record<ComplianceColor, string>> = {
  green: "on target",
  yellow: "partly",
  red: "off target",
  excused: "excused",
};

export const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
