/**
 * Charts drawn as plain SVG (no chart library): each is one image with a short description for
 * screen readers, and the full numbers in a table the reader can open.
 */
import { useId, type ReactNode } from "react";
import {
  CATEGORIES,
  type Category,
  type EffortBands,
  type LoadSummary,
  type MixBands,
  type Proportions,
} from "~/domain/rules";
import { bandStatus } from "~/domain/training/band-status";
import type { KindEffort } from "~/domain/training/rpe-by-kind";
import {
  WELLNESS_QUESTIONS,
  WELLNESS_SCALES,
  wordFor,
  type WellnessDay,
  type WellnessScale,
} from "~/domain/training/wellness";
import { formatDay } from "~/lib/format";
import { CATEGORY_FILL, CATEGORY_NAMES, kindTitle, pct, targetText } from "./format";

const LEFT = 78;
const SLOT = 30;
const BAR = 18;
const RIGHT = 12;
const shortDay = (date: string) => formatDay(date).split(" ").slice(1).join(" ");

/** The numbers behind a chart: column headings, then one row per item with its heading cell first. */
interface ChartTable {
  columns: readonly ReactNode[];
  rows: ReadonlyArray<{ key: string; heading: ReactNode; cells: readonly ReactNode[] }>;
}

const th = "px-2 py-1 text-left font-medium";
const td = "px-2 py-1";

function ChartFigure({
  title,
  summary,
  table,
  notes,
  children,
}: {
  title: string;
  summary: string;
  table: ChartTable;
  /** What the measures mean, one line each, under the chart. */
  notes?: readonly ReactNode[];
  children: ReactNode;
}) {
  const id = useId();
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="text-sm font-semibold text-slate-900">
        {title}
      </figcaption>
      <p id={`${id}-summary`} className="mt-0.5 text-xs text-slate-600">
        {summary}
      </p>
      <div className="mt-2">{children}</div>
      {notes && (
        <ul className="mt-2 space-y-0.5 text-xs text-slate-700">
          {notes.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </ul>
      )}
      <details className="mt-2 text-sm">
        <summary className="min-h-11 cursor-pointer py-2 font-medium text-blue-800">
          Show the numbers as a table
        </summary>
        <div className="overflow-x-auto">
          <table className="mt-1 w-full text-sm">
            <thead className="bg-slate-50">
              <tr>
                {table.columns.map((column, i) => (
                  <th key={i} scope="col" className={th}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.key} className="border-t border-slate-100">
                  <th scope="row" className={th}>
                    {row.heading}
                  </th>
                  {row.cells.map((cell, i) => (
                    <td key={i} className={td}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** Room under the axis for the "so far" mark of the week in progress. */
const PARTIAL_ROOM = 11;

/** Week dates under the bars; the week in progress (`current`) is marked "so far" beneath its date. */
function WeekAxis({ weekStarts, y, current }: { weekStarts: readonly string[]; y: number; current?: string }) {
  return (
    <g fontSize="9" fill="#475569" textAnchor="middle">
      {weekStarts.map((w, i) => (
        <g key={w}>
          {(i % 2 === weekStarts.length % 2 || weekStarts.length <= 8 || w === current) && (
            <text x={LEFT + i * SLOT + SLOT / 2} y={y - (current ? PARTIAL_ROOM : 0)}>
              {shortDay(w)}
            </text>
          )}
          {w === current && (
            <text x={LEFT + i * SLOT + SLOT / 2} y={y} fontWeight="700" fill="#0f172a">
              so far
            </text>
          )}
        </g>
      ))}
    </g>
  );
}

/** A week not over yet is drawn lighter, with a dashed outline: its numbers are partial. */
const partialStyle = { opacity: 0.45, stroke: "#0f172a", strokeDasharray: "2 2", strokeWidth: 1 } as const;
const PARTIAL_NOTE = "The week in progress is drawn lighter and marked “so far”: its numbers are not complete.";
const weekHeading = (weekStart: string, current?: string) =>
  weekStart === current ? `${formatDay(weekStart)} (in progress, so far)` : formatDay(weekStart);

/** Shares of recovery, aerobic and quality per week, each against its target band. */
export function WeeklyMixChart({
  title,
  weeks,
  bands,
  current,
}: {
  title: string;
  weeks: ReadonlyArray<{ weekStart: string; proportions: Proportions | null }>;
  bands: MixBands;
  /** The first day of the week in progress, if the chart shows it. */
  current?: string;
}) {
  const partial = weeks.some((w) => w.weekStart === current) ? current : undefined;
  const panelHeight = 56;
  const gap = 16;
  const width = LEFT + weeks.length * SLOT + RIGHT;
  const height = CATEGORIES.length * (panelHeight + gap) + 12 + (partial ? PARTIAL_ROOM : 0);
  const judged = weeks.filter((w) => w.proportions);
  const off = judged.filter((w) => Object.values(bandStatus(w.proportions!, bands)).some((s) => s !== "ok")).length;
  const summary = `${
    judged.length
      ? `${judged.length} of ${weeks.length} weeks had enough running to judge; ${off} had a share outside its target. Shaded: the target band.`
      : "No week had enough running to judge yet."
  }${partial ? ` ${PARTIAL_NOTE}` : ""}`;
  const bandOf = (c: Category): [number, number] =>
    c === "quality" ? [0, bands.qualityMax] : [bands[c][0], bands[c][1]];
  return (
    <ChartFigure
      title={title}
      summary={summary}
      table={{
        columns: ["Week of", ...CATEGORIES.map((c) => `${CATEGORY_NAMES[c]} (target ${targetText(c, bands)})`)],
        rows: weeks.map((w) => ({
          key: w.weekStart,
          heading: weekHeading(w.weekStart, partial),
          cells: CATEGORIES.map((c) => {
            if (!w.proportions) return "too few runs";
            const status = bandStatus(w.proportions, bands)[c];
            return `${pct(w.proportions[c])}${status === "ok" ? "" : status === "high" ? " (too high)" : " (too low)"}`;
          }),
        })),
      }}
    >
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-auto w-full max-w-3xl"
        role="img"
        aria-label={`${title}. ${summary}`}
      >
        {CATEGORIES.map((c, row) => {
          const top = row * (panelHeight + gap) + 4;
          const y = (share: number) => top + panelHeight * (1 - share);
          const [lo, hi] = bandOf(c);
          return (
            <g key={c}>
              <text x={4} y={top + panelHeight / 2} fontSize="11" fill="#0f172a" dominantBaseline="middle">
                {CATEGORY_NAMES[c]}
              </text>
              <text x={LEFT - 4} y={top + 4} fontSize="8" fill="#475569" textAnchor="end">
                100 %
              </text>
              <text x={LEFT - 4} y={top + panelHeight} fontSize="8" fill="#475569" textAnchor="end">
                0
              </text>
              <rect x={LEFT} y={top} width={weeks.length * SLOT} height={panelHeight} fill="#f8fafc" stroke="#e2e8f0" />
              <rect
                x={LEFT}
                y={y(hi)}
                width={weeks.length * SLOT}
                height={Math.max(1, y(lo) - y(hi))}
                fill={CATEGORY_FILL[c]}
                opacity="0.15"
              />
              {weeks.map((w, i) => {
                const x = LEFT + i * SLOT + (SLOT - BAR) / 2;
                if (!w.proportions) {
                  return (
                    <rect
                      key={w.weekStart}
                      x={x}
                      y={top + panelHeight - 4}
                      width={BAR}
                      height={4}
                      fill="none"
                      stroke="#94a3b8"
                      strokeDasharray="2 2"
                    />
                  );
                }
                const share = w.proportions[c];
                const out = bandStatus(w.proportions, bands)[c] !== "ok";
                return (
                  <g key={w.weekStart}>
                    <rect
                      x={x}
                      y={y(share)}
                      width={BAR}
                      height={Math.max(0.5, top + panelHeight - y(share))}
                      fill={CATEGORY_FILL[c]}
                      stroke={out ? "#0f172a" : "none"}
                      strokeWidth={out ? 1.5 : 0}
                      {...(w.weekStart === partial ? partialStyle : {})}
                    />
                    {out && (
                      <text
                        x={x + BAR / 2}
                        y={Math.max(top + 8, y(share) - 2)}
                        fontSize="9"
                        fontWeight="700"
                        fill="#0f172a"
                        textAnchor="middle"
                      >
                        !
                      </text>
                    )}
                  </g>
                );
              })}
            </g>
          );
        })}
        <WeekAxis weekStarts={weeks.map((w) => w.weekStart)} y={height - 2} current={partial} />
      </svg>
    </ChartFigure>
  );
}

const LOAD_TITLE = "Weekly sRPE load (RPE × min), monotony and load ratio";

/** Weekly load (RPE × minutes), with monotony and the load ratio against their thresholds. */
export function LoadChart({
  weeks,
  monotonyMax,
  loadSpikeRatio,
  current,
}: {
  weeks: ReadonlyArray<{ weekStart: string; load: LoadSummary }>;
  monotonyMax: number;
  loadSpikeRatio: number;
  /** The first day of the week in progress, if the chart shows it. */
  current?: string;
}) {
  const partial = weeks.some((w) => w.weekStart === current) ? current : undefined;
  const barHeight = 90;
  const lineHeight = 44;
  const gap = 18;
  const width = LEFT + weeks.length * SLOT + RIGHT;
  const height = barHeight + 2 * (lineHeight + gap) + 14 + (partial ? PARTIAL_ROOM : 0);
  const maxLoad = Math.max(1, ...weeks.map((w) => w.load.weekly));
  const spikes = weeks.filter((w) => w.load.ratio !== null && w.load.ratio >= loadSpikeRatio).length;
  const monotonous = weeks.filter((w) => w.load.monotony !== null && w.load.monotony > monotonyMax).length;
  const summary = `Highest weekly sRPE load ${Math.round(maxLoad)}. ${spikes} week${spikes === 1 ? "" : "s"} at or above a load ratio of ${loadSpikeRatio}; ${monotonous} with monotony above ${monotonyMax}.${partial ? ` ${PARTIAL_NOTE}` : ""}`;

  const line = (
    top: number,
    values: Array<number | null>,
    threshold: number,
    max: number,
    label: string,
    colour: string,
  ) => {
    const y = (v: number) => top + lineHeight * (1 - Math.min(v, max) / max);
    const points = values.map((v, i) =>
      v === null ? null : { x: LEFT + i * SLOT + SLOT / 2, y: y(v), over: v >= threshold },
    );
    return (
      <g>
        <text x={4} y={top + lineHeight / 2} fontSize="11" fill="#0f172a" dominantBaseline="middle">
          {label}
        </text>
        <rect x={LEFT} y={top} width={weeks.length * SLOT} height={lineHeight} fill="#f8fafc" stroke="#e2e8f0" />
        <line
          x1={LEFT}
          x2={LEFT + weeks.length * SLOT}
          y1={y(threshold)}
          y2={y(threshold)}
          stroke="#b91c1c"
          strokeDasharray="4 3"
        />
        <text x={LEFT - 4} y={y(threshold)} fontSize="8" fill="#b91c1c" textAnchor="end" dominantBaseline="middle">
          {threshold}
        </text>
        <polyline
          points={points
            .filter((p) => p !== null)
            .map((p) => `${p!.x},${p!.y}`)
            .join(" ")}
          fill="none"
          stroke={colour}
          strokeWidth="1.5"
        />
        {points.map((p, i) =>
          p ? (
            <circle
              key={i}
              cx={p.x}
              cy={p.y}
              r={p.over ? 4 : 2.5}
              // The week in progress: hollow, as its value is partial.
              fill={weeks[i]?.weekStart === partial ? "#fff" : p.over ? "#b91c1c" : colour}
              stroke={weeks[i]?.weekStart === partial ? (p.over ? "#b91c1c" : colour) : "#fff"}
              strokeWidth={weeks[i]?.weekStart === partial ? 1.5 : 1}
            />
          ) : null,
        )}
      </g>
    );
  };
  const ratioTop = barHeight + gap;
  const monotonyTop = ratioTop + lineHeight + gap;
  return (
    <ChartFigure
      title={LOAD_TITLE}
      summary={summary}
      notes={[
        <>
          <strong className="font-semibold">sRPE load (RPE × min):</strong> each run&rsquo;s RPE times its minutes,
          added up over the week.
        </>,
        <>
          <strong className="font-semibold">Monotony:</strong> how alike the week&rsquo;s days were (average daily load
          ÷ its spread); above {monotonyMax} the days were too similar: vary hard, easy and rest days.
        </>,
        <>
          <strong className="font-semibold">Load ratio:</strong> this week&rsquo;s daily load against the three weeks
          before it; {loadSpikeRatio} means {Math.round((loadSpikeRatio - 1) * 100)} % more than usual.
        </>,
      ]}
      table={{
        columns: [
          "Week of",
          "sRPE load (RPE × min)",
          `Monotony (flag above ${monotonyMax})`,
          `Load ratio (flag from ${loadSpikeRatio})`,
        ],
        rows: weeks.map((w) => ({
          key: w.weekStart,
          heading: weekHeading(w.weekStart, partial),
          cells: [
            Math.round(w.load.weekly),
            w.load.monotony === null ? "–" : w.load.monotony.toFixed(2),
            w.load.ratio === null ? "not enough history" : w.load.ratio.toFixed(2),
          ],
        })),
      }}
    >
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-auto w-full max-w-3xl"
        role="img"
        aria-label={`${LOAD_TITLE}. ${summary}`}
      >
        <text x={4} y={barHeight / 2 - 6} fontSize="11" fill="#0f172a" dominantBaseline="middle">
          sRPE load
        </text>
        <text x={4} y={barHeight / 2 + 7} fontSize="8" fill="#475569" dominantBaseline="middle">
          RPE × min
        </text>
        <text x={LEFT - 4} y={8} fontSize="8" fill="#475569" textAnchor="end">
          {Math.round(maxLoad)}
        </text>
        <rect x={LEFT} y={0} width={weeks.length * SLOT} height={barHeight} fill="#f8fafc" stroke="#e2e8f0" />
        {weeks.map((w, i) => {
          const h = (barHeight - 4) * (w.load.weekly / maxLoad);
          return (
            <rect
              key={w.weekStart}
              x={LEFT + i * SLOT + (SLOT - BAR) / 2}
              y={barHeight - h}
              width={BAR}
              height={Math.max(0, h)}
              fill="#475569"
              {...(w.weekStart === partial ? partialStyle : {})}
            />
          );
        })}
        {line(
          ratioTop,
          weeks.map((w) => w.load.ratio),
          loadSpikeRatio,
          Math.max(loadSpikeRatio * 1.4, ...weeks.map((w) => w.load.ratio ?? 0)),
          "Load ratio",
          "#1d4ed8",
        )}
        {line(
          monotonyTop,
          weeks.map((w) => w.load.monotony),
          monotonyMax,
          Math.max(monotonyMax * 1.4, ...weeks.map((w) => w.load.monotony ?? 0)),
          "Monotony",
          "#7c3aed",
        )}
        <WeekAxis weekStarts={weeks.map((w) => w.weekStart)} y={height - 2} current={partial} />
      </svg>
    </ChartFigure>
  );
}

const EFFORT_TINT: Readonly<Record<Category, string>> = { recovery: "#e0f2fe", aerobic: "#dcfce7", quality: "#ffe4e6" };

/** Every run's RPE by session kind, over the effort bands, with the kind's intended band outlined. */
export function RpeByKindChart({ kinds, effortBands }: { kinds: readonly KindEffort[]; effortBands: EffortBands }) {
  const rows = kinds.filter((k) => k.runs > 0);
  const left = 112;
  const step = 28;
  const rowHeight = 30;
  const width = left + 10 * step + RIGHT;
  const height = Math.max(1, rows.length) * rowHeight + 26;
  const x = (rpe: number) => left + (rpe - 0.5) * step;
  const offTarget = rows.filter((k) => (k.onTarget ?? 1) < 0.5);
  const summary = rows.length
    ? `${rows.length} kinds of session run. ${offTarget.length ? `Mostly off their intended effort: ${offTarget.map((k) => kindTitle(k.kind).toLowerCase()).join(", ")}.` : "Each kind was mostly run at its intended effort."}`
    : "No runs in this period.";
  return (
    <ChartFigure
      title="RPE by session kind"
      summary={summary}
      table={{
        columns: ["Kind", "Intended RPE", "Runs", "Mean RPE", "Range", "At intended effort"],
        rows: rows.map((k) => ({
          key: k.kind,
          heading: kindTitle(k.kind),
          cells: [
            effortBands[k.intended].join("–"),
            k.runs,
            k.meanRpe?.toFixed(1),
            k.minRpe === k.maxRpe ? k.minRpe : `${k.minRpe}–${k.maxRpe}`,
            k.onTarget === null ? "–" : pct(k.onTarget),
          ],
        })),
      }}
    >
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-auto w-full max-w-3xl"
        role="img"
        aria-label={`RPE by session kind. ${summary}`}
      >
        {CATEGORIES.map((c) => (
          <rect
            key={c}
            x={x(effortBands[c][0]) - step / 2}
            y={0}
            width={(effortBands[c][1] - effortBands[c][0] + 1) * step}
            height={rows.length * rowHeight}
            fill={EFFORT_TINT[c]}
          />
        ))}
        {rows.map((k, row) => {
          const top = row * rowHeight;
          const [lo, hi] = effortBands[k.intended];
          const maxCount = Math.max(...k.byRpe);
          return (
            <g key={k.kind}>
              <text x={4} y={top + rowHeight / 2} fontSize="11" fill="#0f172a" dominantBaseline="middle">
                {kindTitle(k.kind)}
              </text>
              <rect
                x={x(lo) - step / 2 + 1}
                y={top + 3}
                width={(hi - lo + 1) * step - 2}
                height={rowHeight - 6}
                fill="none"
                stroke={CATEGORY_FILL[k.intended]}
                strokeWidth="1.5"
                rx="4"
              />
              {k.byRpe.map((count, i) =>
                count > 0 ? (
                  <circle
                    key={i}
                    cx={x(i + 1)}
                    cy={top + rowHeight / 2}
                    r={3 + 6 * Math.sqrt(count / maxCount)}
                    fill="#334155"
                    opacity="0.75"
                  />
                ) : null,
              )}
              {k.meanRpe !== null && (
                <line
                  x1={x(k.meanRpe)}
                  x2={x(k.meanRpe)}
                  y1={top + 4}
                  y2={top + rowHeight - 4}
                  stroke="#b91c1c"
                  strokeWidth="2"
                />
              )}
            </g>
          );
        })}
        <g fontSize="9" fill="#475569" textAnchor="middle">
          {Array.from({ length: 10 }, (_, i) => (
            <text key={i} x={x(i + 1)} y={rows.length * rowHeight + 12}>
              {i + 1}
            </text>
          ))}
          <text x={left + 5 * step} y={rows.length * rowHeight + 24}>
            RPE (dots: runs, red line: mean, outline: intended effort)
          </text>
        </g>
      </svg>
    </ChartFigure>
  );
}

const DAY_SLOT = 14;
const WELLNESS_COLOUR: Readonly<Record<WellnessScale, string>> = {
  sleep: "#1d4ed8",
  soreness: "#b45309",
  stress: "#7c3aed",
  mood: "#047857",
};
const WELLNESS_TITLE = "Daily check-ins beside sRPE load";

/**
 * The athlete's daily check-ins (each scale 1–5, in its everyday sense) under their daily sRPE load,
 * day by day: information for a conversation, so the summary states facts and no verdict.
 */
export function WellnessChart({ days }: { days: readonly WellnessDay[] }) {
  const checked = days.filter((d) => d.checkin !== null);
  const barHeight = 60;
  const rowHeight = 34;
  const gap = 10;
  const width = LEFT + days.length * DAY_SLOT + RIGHT;
  const height = barHeight + WELLNESS_SCALES.length * (rowHeight + gap) + 14;
  const maxLoad = Math.max(1, ...days.map((d) => d.load));
  const average = (scale: WellnessScale) =>
    checked.length === 0 ? null : checked.reduce((sum, d) => sum + d.checkin![scale], 0) / checked.length;
  const summary =
    checked.length === 0
      ? `No check-ins in the last ${days.length} days.`
      : `${checked.length} check-in${checked.length === 1 ? "" : "s"} in the last ${days.length} days. Averages: ${WELLNESS_SCALES.map(
          (scale) => `${WELLNESS_QUESTIONS[scale].legend.toLowerCase()} ${average(scale)!.toFixed(1)}`,
        ).join(", ")}.`;
  const x = (i: number) => LEFT + i * DAY_SLOT + DAY_SLOT / 2;
  return (
    <ChartFigure
      title={WELLNESS_TITLE}
      summary={summary}
      notes={[
        "Each scale runs from 1 to 5: sleep and mood 5 is very good; soreness and stress 5 is very high.",
        "The athlete's own words on the day: a starting point for a conversation, not a diagnosis.",
      ]}
      table={{
        columns: [
          "Day",
          "sRPE load",
          ...WELLNESS_SCALES.map((s) => WELLNESS_QUESTIONS[s].legend),
          "Resting HR",
          "Note",
        ],
        rows: checked.map((d) => ({
          key: d.date,
          heading: formatDay(d.date),
          cells: [
            Math.round(d.load),
            ...WELLNESS_SCALES.map((s) => `${d.checkin![s]} ${wordFor(s, d.checkin![s])}`),
            d.checkin!.restingHr ?? "–",
            d.checkin!.note || "–",
          ],
        })),
      }}
    >
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-auto w-full max-w-3xl"
        role="img"
        aria-label={`${WELLNESS_TITLE}. ${summary}`}
      >
        <text x={4} y={barHeight / 2} fontSize="11" fill="#0f172a" dominantBaseline="middle">
          sRPE load
        </text>
        <rect x={LEFT} y={0} width={days.length * DAY_SLOT} height={barHeight} fill="#f8fafc" stroke="#e2e8f0" />
        {days.map((d, i) => {
          const h = (barHeight - 4) * (d.load / maxLoad);
          return <rect key={d.date} x={x(i) - 4} y={barHeight - h} width={8} height={Math.max(0, h)} fill="#475569" />;
        })}
        {WELLNESS_SCALES.map((scale, row) => {
          const top = barHeight + gap + row * (rowHeight + gap);
          const y = (v: number) => top + rowHeight * (1 - (v - 1) / 4);
          const points = days.flatMap((d, i) => (d.checkin ? [{ x: x(i), y: y(d.checkin[scale]) }] : []));
          return (
            <g key={scale}>
              <text x={4} y={top + rowHeight / 2} fontSize="11" fill="#0f172a" dominantBaseline="middle">
                {WELLNESS_QUESTIONS[scale].legend.replace("Muscle ", "")}
              </text>
              <rect
                x={LEFT}
                y={top}
                width={days.length * DAY_SLOT}
                height={rowHeight}
                fill="#f8fafc"
                stroke="#e2e8f0"
              />
              <text x={LEFT - 4} y={top + 4} fontSize="8" fill="#475569" textAnchor="end">
                5
              </text>
              <text x={LEFT - 4} y={top + rowHeight} fontSize="8" fill="#475569" textAnchor="end">
                1
              </text>
              <polyline
                points={points.map((p) => `${p.x},${p.y}`).join(" ")}
                fill="none"
                stroke={WELLNESS_COLOUR[scale]}
                strokeWidth="1.5"
              />
              {points.map((p) => (
                <circle
                  key={p.x}
                  cx={p.x}
                  cy={p.y}
                  r={2.5}
                  fill={WELLNESS_COLOUR[scale]}
                  stroke="#fff"
                  strokeWidth={1}
                />
              ))}
            </g>
          );
        })}
        <g fontSize="9" fill="#475569" textAnchor="middle">
          {days.map((d, i) =>
            i % 7 === (days.length - 1) % 7 ? (
              <text key={d.date} x={x(i)} y={height - 2}>
                {shortDay(d.date)}
              </text>
            ) : null,
          )}
        </g>
      </svg>
    </ChartFigure>
  );
}
