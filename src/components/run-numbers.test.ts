/** What the athlete reads about a week's numbers and a run's pace. */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { hoursAndMinutes, PaceAgainstTarget, WeekTotals } from "./run-numbers";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

describe("WeekTotals", () => {
  it("labels time, distance, runs and the sRPE load in the reader's units", () => {
    const html = renderToStaticMarkup(
      createElement(WeekTotals, {
        label: "This week so far",
        totals: { runs: 3, durationS: 7500, distanceM: 21_000 },
        units: "mi",
        load: 512.4,
      }),
    );
    expect(text(html)).toBe("Time 2 h 05 min Distance 13.0 mi Runs 3 sRPE load (RPE × min) 512");
    expect(html).toContain('aria-label="This week so far"');
  });

  it("leaves the load out when not given", () => {
    const html = renderToStaticMarkup(
      createElement(WeekTotals, { label: "x", totals: { runs: 1, durationS: 1500, distanceM: 4000 }, units: "km" }),
    );
    expect(text(html)).toBe("Time 25 min Distance 4.00 km Runs 1");
  });
});

describe("hoursAndMinutes", () => {
  it("rounds to the minute", () => {
    expect(hoursAndMinutes(0)).toBe("0 min");
    expect(hoursAndMinutes(89)).toBe("1 min");
    expect(hoursAndMinutes(3599)).toBe("1 h 00 min");
    expect(hoursAndMinutes(3 * 3600 + 9 * 60)).toBe("3 h 09 min");
  });
});

describe("PaceAgainstTarget", () => {
  const paces = { easy: { fromSPerKm: 320, toSPerKm: 355 } };
  it("says how an easy run's pace compares with its range", () => {
    const html = renderToStaticMarkup(
      createElement(PaceAgainstTarget, {
        run: { kind: "aerobic", durationS: 5 * 310, distanceM: 5000 },
        paces,
        units: "km",
      }),
    );
    expect(text(html)).toBe("Pace 5:10 /km · target 5:20–5:55 /km · faster than target");
  });

  it("gives recovery runs their floor, and says nothing of quality runs", () => {
    const recovery = { kind: "recovery" as const, durationS: 5 * 400, distanceM: 5000 };
    expect(text(renderToStaticMarkup(createElement(PaceAgainstTarget, { run: recovery, paces, units: "km" })))).toBe(
      "Pace 6:40 /km · target slower than 5:55 /km · on target",
    );
    const tempo = { kind: "tempo" as const, durationS: 5 * 280, distanceM: 5000 };
    expect(renderToStaticMarkup(createElement(PaceAgainstTarget, { run: tempo, paces, units: "km" }))).toBe("");
  });
});
