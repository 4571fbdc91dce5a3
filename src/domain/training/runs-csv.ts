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

/**
 * Cells a spreadsheet would read as a formula (OWASP, "CSV Injection"): text that begins with `=`,
 * `+`, `-`, `@`, tab, CR or LF; or where `=`, `+`, `-` or `@` (also in their full-width forms,
 * which some spreadsheets accept) follows a field separator (`,`, `;`, tab, `|`), a quote or a line
 * break, where another reading of the file would start a new cell (OWASP: separators and quotes
 * must be taken care of too). Spaces in between do not help: some spreadsheets trim them.
 */
const FORMULA_CELL = /^[\t\r\n]|(?:^|[,;\t|"'\r\n])\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * RFC 4180 quoting. Text that could start a formula anywhere is neutralised as OWASP prescribes:
 * prefixed with a single quote, wrapped in double quotes, inner double quotes doubled. Numbers and
 * booleans are ours, never user text, and stay as they are.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return "";
  const text = String(value);
  if (typeof value === "string" && FORMULA_CELL.test(text)) return `"'${text.replaceAll('"', '""')}"`;
  return /[",;\t|\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
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
      .map(csvCell)
      .join(","),
  );
  return [HEADER.join(","), ...lines].join("\r\n") + "\r\n";
}
