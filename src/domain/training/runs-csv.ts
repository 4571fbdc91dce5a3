/** "My data is mine": an athlete's runs as CSV, readable by spreadsheets and other tools. */
import { categoryOf, type SessionKind } from "~/domain/rules";

export interface CsvRun {
  localDate: string;
  startedAt: Date;
  kind: SessionKind;
  durationS: number;
  distanceM: number | null;
  rpe: number;
  private: boolean;
  notes: string;
  source: string;
}

const HEADER = [
  "date",
  "started_at_utc",
  "kind",
  "category",
  "duration_s",
  "distance_km",
  "distance_mi",
  "pace_s_per_km",
  "rpe",
  "private",
  "source",
  "notes",
];

/** RFC 4180 quoting, and a leading quote for cells a spreadsheet would run as a formula. */
function cell(value: string | number | boolean | null): string {
  if (value === null) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === "string") text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function runsToCsv(runs: readonly CsvRun[]): string {
  const lines = runs.map((r) =>
    [
      r.localDate,
      r.startedAt.toISOString(),
      r.kind,
      categoryOf(r.kind),
      r.durationS,
      r.distanceM === null ? null : (r.distanceM / 1000).toFixed(3),
      r.distanceM === null ? null : (r.distanceM / 1609.344).toFixed(3),
      r.distanceM ? Math.round(r.durationS / (r.distanceM / 1000)) : null,
      r.rpe,
      r.private,
      r.source,
      r.notes,
    ]
      .map(cell)
      .join(","),
  );
  return [HEADER.join(","), ...lines].join("\r\n") + "\r\n";
}
