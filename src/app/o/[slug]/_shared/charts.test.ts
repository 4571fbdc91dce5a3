import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "~/domain/rules";
import { LoadChart, RpeByKindChart, WeeklyMixChart } from "./charts";

/** The table a reader opens under a chart, as rows of cell texts (heading cells included). */
function tableOf(markup: string): string[][] {
  const body = /<table[^>]*>([\s\S]*?)<\/table>/.exec(markup)?.[1] ?? "";
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1]!.replace(/<!-- -->/g, "")),
  );
}

describe("chart tables", () => {
  it("give a load chart's numbers week by week, with the flag thresholds in the headings", () => {
    const load = (weekly: number, monotony: number | null, ratio: number | null) => ({
      weekly,
      daily: [],
      monotony,
      strain: null,
      ratio,
    });
    const markup = renderToStaticMarkup(
      createElement(LoadChart, {
        weeks: [
          { weekStart: "2026-11-16", load: load(1234.4, null, null) },
          { weekStart: "2026-11-23", load: load(980, 1.856, 1.42) },
        ],
        monotonyMax: 2,
        loadSpikeRatio: 1.5,
      }),
    );
    const rows = tableOf(markup);
    expect(rows[0]).toEqual([
      "Week of",
      "sRPE load (RPE × min)",
      "Monotony (flag above 2)",
      "Load ratio (flag from 1.5)",
    ]);
    expect(rows.slice(1).map((r) => r.slice(1))).toEqual([
      ["1234", "–", "not enough history"],
      ["980", "1.86", "1.42"],
    ]);
  });

  it("mark shares outside their band in the weekly mix, and weeks with too few runs", () => {
    const markup = renderToStaticMarkup(
      createElement(WeeklyMixChart, {
        title: "Mix",
        weeks: [
          { weekStart: "2026-11-16", proportions: { recovery: 0.05, aerobic: 0.7, quality: 0.25 } },
          { weekStart: "2026-11-23", proportions: null },
        ],
        bands: DEFAULT_SETTINGS.bands,
      }),
    );
    const [, judged, empty] = tableOf(markup);
    expect(judged![1]).toContain("(too low)");
    expect(empty!.slice(1)).toEqual(["too few runs", "too few runs", "too few runs"]);
  });

  it("list each kind of session with its intended band and how often it was run there", () => {
    const markup = renderToStaticMarkup(
      createElement(RpeByKindChart, {
        kinds: [
          {
            kind: "recovery",
            intended: "recovery",
            runs: 4,
            meanRpe: 3.5,
            minRpe: 2,
            maxRpe: 5,
            byRpe: [0, 1, 1, 1, 1, 0, 0, 0, 0, 0],
            onTarget: 0.5,
          },
        ],
        effortBands: DEFAULT_SETTINGS.effortBands,
      }),
    );
    expect(tableOf(markup)).toEqual([
      ["Kind", "Intended RPE", "Runs", "Mean RPE", "Range", "At intended effort"],
      ["Recovery run", "1–3", "4", "3.5", "2–5", "50 %"],
    ]);
  });

  it("mark the week in progress as partial, in the picture, its description and the table", () => {
    const load = (weekly: number) => ({ weekly, daily: [], monotony: 1.2, strain: null, ratio: 1.1 });
    const weeks = [
      { weekStart: "2026-11-16", load: load(1500) },
      { weekStart: "2026-11-23", load: load(400) },
    ];
    const markup = renderToStaticMarkup(
      createElement(LoadChart, { weeks, monotonyMax: 2, loadSpikeRatio: 1.5, current: "2026-11-23" }),
    );
    expect(markup).toContain(">so far</text>");
    expect(markup).toMatch(/aria-label="[^"]*The week in progress is drawn lighter/);
    expect(tableOf(markup).map((r) => r[0])).toEqual(["Week of", "Mon 16 Nov", "Mon 23 Nov (in progress, so far)"]);
    // A chart without the current week says nothing about one.
    const past = renderToStaticMarkup(
      createElement(LoadChart, { weeks, monotonyMax: 2, loadSpikeRatio: 1.5, current: "2026-11-30" }),
    );
    expect(past).not.toContain("so far");
  });

  it("explain sRPE load, monotony and the load ratio in one line each, with the thresholds in use", () => {
    const markup = renderToStaticMarkup(
      createElement(LoadChart, { weeks: [], monotonyMax: 2.5, loadSpikeRatio: 1.3, current: undefined }),
    );
    const notes = [...markup.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>|<!-- -->/g, ""));
    expect(notes).toHaveLength(3);
    expect(notes[0]).toMatch(/^sRPE load \(RPE × min\): each run/);
    expect(notes[1]).toMatch(/^Monotony: .*above 2\.5 /);
    expect(notes[2]).toMatch(/^Load ratio: .*1\.3 means 30 % more than usual/);
  });
});
