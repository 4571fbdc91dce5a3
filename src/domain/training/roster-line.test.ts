import { describe, expect, it } from "vitest";
import type { FlagCode, Severity } from "~/domain/rules";
import type { RankedFlag } from "./flags";
import { rankFlags } from "./flags";
import { attentionScore } from "./roster";
import { byUrgency, excusedTag, needsPlan, rosterLine, rosterTags, urgencyOf, type PlanStatus } from "./roster-line";

const ranked = (code: FlagCode, count = 1, severity: Severity = "warning"): RankedFlag => ({
  code,
  severity,
  message: code,
  count,
  weekStart: "2026-11-23",
});

const line = (flags: RankedFlag[], nextWeek: PlanStatus = "published", plannedSessions = 5) => ({
  flags,
  nextWeek,
  attention: attentionScore(flags),
  thisWeek: { plannedSessions },
});

describe("roster urgency", () => {
  it("is On track only when nothing warns and next week is published", () => {
    expect(urgencyOf(line([]))).toBe("ok");
    expect(urgencyOf(line([ranked("aerobic_low", 1, "info")]))).toBe("ok");
    expect(urgencyOf(line([ranked("unplanned_session")]))).toBe("watch");
  });

  it("asks for a plan when nothing warns but there is none next week, or none this week and only a draft next", () => {
    // A new athlete: no runs, no plan.
    expect(urgencyOf(line([], "none", 0))).toBe("plan");
    expect(urgencyOf(line([], "none"))).toBe("plan");
    expect(urgencyOf(line([], "draft", 0))).toBe("plan");
    // The coach is drafting next week while this week runs to plan.
    expect(urgencyOf(line([], "draft"))).toBe("ok");
    expect(urgencyOf(line([], "published", 0))).toBe("ok");
    expect(needsPlan("draft")).toBe(true);
    expect(needsPlan("published")).toBe(false);
  });

  it("grades warnings by the attention score", () => {
    expect(urgencyOf(line([ranked("aerobic_low")]))).toBe("watch");
    expect(urgencyOf(line([ranked("recovery_too_hard")]))).toBe("attention");
    expect(urgencyOf(line([ranked("recovery_too_hard", 2)]))).toBe("urgent");
    expect(urgencyOf(line([ranked("recovery_too_hard"), ranked("quality_high")], "none"))).toBe("urgent");
  });

  it("sorts the most urgent first, a missing plan before On track, then by score and name", () => {
    const rows = [
      { displayName: "Ann", urgency: "ok", attention: 0 },
      { displayName: "Bob", urgency: "plan", attention: 0 },
      { displayName: "Cy", urgency: "attention", attention: 10 },
      { displayName: "Di", urgency: "attention", attention: 13 },
      { displayName: "Ed", urgency: "urgent", attention: 20 },
      { displayName: "Al", urgency: "watch", attention: 2 },
    ] as const;
    expect([...rows].sort(byUrgency).map((r) => r.displayName)).toEqual(["Ed", "Di", "Cy", "Al", "Bob", "Ann"]);
  });
});

describe("roster tags", () => {
  it("counts easy days too hard together, says how many sessions were missed, and stops at two", () => {
    const flags = [ranked("recovery_too_hard", 3), ranked("missed_session", 2), ranked("aerobic_too_hard", 1)];
    expect(rosterTags(flags, "published")).toEqual(["easy days too hard ×4", "2 missed"]);
  });

  it("adds 'no plan next week' when there is room, not for a draft", () => {
    expect(rosterTags([ranked("load_spike")], "none")).toEqual(["load spike", "no plan next week"]);
    expect(rosterTags([], "none")).toEqual(["no plan next week"]);
    expect(rosterTags([], "draft")).toEqual([]);
    expect(rosterTags([ranked("load_spike"), ranked("quality_high")], "none")).toEqual([
      "load spike",
      "too much quality",
    ]);
  });

  it("leaves information out and does not count shares", () => {
    expect(rosterTags([ranked("aerobic_low", 1, "info")], "published")).toEqual([]);
    expect(rosterTags([ranked("aerobic_low", 3)], "published")).toEqual(["aerobic share low"]);
    expect(rosterTags([ranked("recovery_too_hard", 1)], "published")).toEqual(["easy days too hard"]);
  });

  it("keeps a code a warning when one week warned and another only noted it", () => {
    const flag = (severity: Severity) => ({ code: "aerobic_low" as const, severity, message: severity });
    const merged = rankFlags([
      { weekStart: "2026-11-16", flags: [flag("info")] },
      { weekStart: "2026-11-23", flags: [flag("warning")] },
    ]);
    expect(merged).toMatchObject([{ code: "aerobic_low", severity: "warning", count: 2 }]);
    expect(
      urgencyOf({
        flags: merged,
        nextWeek: "published",
        attention: attentionScore(merged),
        thisWeek: { plannedSessions: 3 },
      }),
    ).toBe("watch");
  });
});

describe("roster line", () => {
  const row = {
    athleteId: "a1",
    displayName: "Maya",
    urgency: "attention" as const,
    attention: 10,
    tags: ["easy days too hard"],
    thisWeek: { doneMin: 95, plannedMin: 180, doneM: 17_400, runs: 3, plannedSessions: 5, weekStart: "2026-11-23" },
    nextWeek: "draft" as const,
    lastRunOn: "2026-11-25",
    coaches: ["Ada"],
    notes: ["Excused: ill"],
  };

  it("carries only what the line shows, and coaches only for owners", () => {
    expect(rosterLine(row, { withCoaches: false })).toEqual({
      id: "a1",
      name: "Maya",
      urgency: "attention",
      attention: 10,
      tags: ["easy days too hard"],
      doneMin: 95,
      plannedMin: 180,
      doneM: 17_400,
      runs: 3,
      next: "draft",
      lastRun: "2026-11-25",
      notes: ["Excused: ill"],
    });
    expect(rosterLine(row, { withCoaches: true }).coaches).toEqual(["Ada"]);
  });
});

describe("excusedTag", () => {
  const week = { weekStart: "2026-11-23", today: "2026-11-26" };
  it("names the latest excused day of this week so far, today's as today", () => {
    expect(excusedTag([{ date: "2026-11-24", reason: "ill" }], week)).toBe("Excused: ill");
    expect(
      excusedTag(
        [
          { date: "2026-11-24", reason: "ill" },
          { date: "2026-11-26", reason: "travelling" },
        ],
        week,
      ),
    ).toBe("Excused: travelling today");
  });
  it("ignores last week's and future days", () => {
    expect(
      excusedTag(
        [
          { date: "2026-11-22", reason: "ill" },
          { date: "2026-11-27", reason: "injured" },
        ],
        week,
      ),
    ).toBeNull();
  });
});
