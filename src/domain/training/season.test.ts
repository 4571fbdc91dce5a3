import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "~/domain/rules";
import { daysInWeek, judgedByText, nextRaceTag, phaseForWeek, phaseTitle } from "./season";

const base = { name: "base", startDate: "2027-01-04", endDate: "2027-01-27" }; // a Wednesday
const build = { name: "build", startDate: "2027-01-28", endDate: "2027-02-21" };

describe("phaseForWeek", () => {
  it("is the phase holding the whole week", () => {
    expect(phaseForWeek([base, build], "2027-01-11")).toBe(base);
    expect(phaseForWeek([base, build], "2027-02-01")).toBe(build);
  });
  it("judges a straddling week by the phase holding most of its days", () => {
    // Mon 25 Jan .. Sun 31 Jan: base holds 25–27 (3 days), build 28–31 (4 days).
    expect(daysInWeek(base, "2027-01-25")).toBe(3);
    expect(daysInWeek(build, "2027-01-25")).toBe(4);
    expect(phaseForWeek([base, build], "2027-01-25")).toBe(build);
    // Week from Tuesday 26 Jan: base 26–27 (2), build 28 Jan .. 1 Feb (5).
    expect(phaseForWeek([build, base], "2027-01-26")).toBe(build);
    // Week from Saturday 23 Jan: base 23–27 (5), build 28–29 (2).
    expect(phaseForWeek([base, build], "2027-01-23")).toBe(base);
  });
  it("gives a tie to the later phase, whatever the order", () => {
    const a = { name: "build", startDate: "2027-03-01", endDate: "2027-03-03" };
    const b = { name: "taper", startDate: "2027-03-05", endDate: "2027-03-20" };
    // Mon 1 .. Sun 7 March: build 1–3, taper 5–7, 3 days each.
    expect(phaseForWeek([a, b], "2027-03-01")).toBe(b);
    expect(phaseForWeek([b, a], "2027-03-01")).toBe(b);
  });
  it("is null for a week no phase touches, and a single day is enough", () => {
    expect(phaseForWeek([base], "2026-12-21")).toBeNull();
    expect(phaseForWeek([base], "2026-12-29")).toBe(base); // holds only Mon 4 Jan
  });
});

describe("labels", () => {
  it("names the phase and its targets", () => {
    expect(phaseTitle("build")).toBe("Build phase");
    expect(phaseTitle("Marathon phase")).toBe("Marathon phase");
    const settings = { ...DEFAULT_SETTINGS, bands: { ...DEFAULT_SETTINGS.bands, qualityMax: 0.35 } };
    expect(judgedByText("build", settings)).toBe("Build phase: quality up to 35 %, aerobic 60–80 %, recovery 10–20 %");
    expect(judgedByText(null, DEFAULT_SETTINGS)).toMatch(/^No phase \(athlete settings\): quality up to 30 %/);
  });
});

describe("nextRaceTag", () => {
  const today = "2027-01-06";
  it("counts days, then weeks, to the next race", () => {
    expect(nextRaceTag([{ date: "2027-01-27", priority: "A" }], today)).toBe("A race in 3 weeks");
    expect(nextRaceTag([{ date: "2027-01-10", priority: "B" }], today)).toBe("B race in 4 days");
    expect(nextRaceTag([{ date: today, priority: "C" }], today)).toBe("C race today");
    expect(nextRaceTag([{ date: "2027-01-07", priority: "C" }], today)).toBe("C race tomorrow");
  });
  it("ignores past races and races beyond the horizon", () => {
    expect(nextRaceTag([{ date: "2027-01-05", priority: "A" }], today)).toBeNull();
    expect(nextRaceTag([{ date: "2027-12-01", priority: "A" }], today)).toBeNull();
  });
});
