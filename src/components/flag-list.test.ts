/** What the athlete's flag list shows: their flags, never the coach's (the plan's). */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { evaluateWeek, type WeekInput } from "~/domain/rules";
import { FlagList } from "./flag-list";

const render = (input: WeekInput, empty = "Nothing to flag.") =>
  renderToStaticMarkup(createElement(FlagList, { flags: evaluateWeek(input).flags, empty }));

/** A 45-min recovery run planned for Tuesday: a flag on the plan, for the coach. */
const plan = [{ id: "p1", date: "2026-11-24", kind: "recovery" as const, durationMin: 45 }];

describe("FlagList, the athlete's flags", () => {
  it("shows the athlete's flags but not the plan's", () => {
    const html = render({
      weekStart: "2026-11-23",
      asOf: "2026-11-26",
      plan,
      runs: [{ id: "r1", date: "2026-11-24", kind: "recovery", durationMin: 45, rpe: 5, plannedId: "p1" }],
    });
    expect(html).toContain("Your recovery run on Tuesday was RPE 5");
    expect(html).toContain("Your recovery run on Tuesday lasted 45 min");
    expect(html).not.toContain("planned for Tuesday");
  });

  it("says there is nothing to flag when every flag is the coach's", () => {
    const input: WeekInput = { weekStart: "2026-11-23", asOf: "2026-11-23", plan, runs: [] };
    expect(evaluateWeek(input).flags.map((f) => f.audience)).toEqual(["coach"]);
    expect(render(input, "Nothing to flag so far.")).toBe(
      '<p class="text-sm text-green-800">Nothing to flag so far.</p>',
    );
  });
});

describe("FlagList, a coach reading about an athlete", () => {
  const input: WeekInput = {
    weekStart: "2026-11-23",
    asOf: "2026-11-26",
    plan,
    runs: [{ id: "r1", date: "2026-11-24", kind: "recovery", durationMin: 45, rpe: 5, plannedId: "p1" }],
  };
  const coachHtml = () =>
    renderToStaticMarkup(
      createElement(FlagList, { flags: evaluateWeek(input).flags, reader: { kind: "coach", athleteName: "Sofia" } }),
    );

  it("names the athlete and never says 'your'", () => {
    const html = coachHtml();
    expect(html).toContain("Sofia: ");
    expect(html).not.toMatch(/\byour\b/i);
    expect(html).toContain("planned for Tuesday");
  });

  it("puts warnings first and the rest behind a disclosure when limited", () => {
    const flags = evaluateWeek(input).flags;
    const html = renderToStaticMarkup(createElement(FlagList, { flags, max: 1 }));
    const athleteFlags = flags.filter((f) => f.audience !== "coach");
    expect(athleteFlags.length).toBeGreaterThan(1);
    expect(html).toContain(`${athleteFlags.length - 1} more`);
    expect(html.indexOf("Warning: ")).toBeLessThan(html.indexOf("<details>"));
  });
});
