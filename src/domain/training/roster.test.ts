import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, evaluateWeek, type Flag } from "~/domain/rules";
import { bandStatus } from "./band-status";
import { rankFlags } from "./flags";
import {
  attentionScore,
  byAttention,
  complianceSummary,
  digestWeek,
  isCurrentDigest,
  summariseWeeks,
  WEEK_DIGEST_VERSION,
} from "./roster";
import { weekInputFor } from "./week-input";

const flag = (code: Flag["code"], message: string = code, severity: Flag["severity"] = "warning"): Flag => ({
  code,
  severity,
  audience: "both",
  values: {},
  message,
  coachMessage: message,
});

describe("roster ranking", () => {
  it("puts easy days run too hard first, then quality, load and missed sessions; information last", () => {
    const ranked = rankFlags([
      {
        weekStart: "2026-11-16",
        flags: [flag("unplanned_session", "u", "info"), flag("missed_session"), flag("aerobic_low")],
      },
      { weekStart: "2026-11-23", flags: [flag("load_spike"), flag("recovery_too_hard", "new"), flag("quality_high")] },
    ]);
    expect(ranked.map((f) => f.code)).toEqual([
      "recovery_too_hard",
      "quality_high",
      "load_spike",
      "missed_session",
      "aerobic_low",
      "unplanned_session",
    ]);
  });

  it("keeps one entry per code with the latest message and a count", () => {
    const ranked = rankFlags([
      { weekStart: "2026-11-16", flags: [flag("recovery_too_hard", "old"), flag("recovery_too_hard", "old 2")] },
      { weekStart: "2026-11-23", flags: [flag("recovery_too_hard", "new")] },
    ]);
    expect(ranked).toEqual([
      { code: "recovery_too_hard", severity: "warning", message: "new", count: 3, weekStart: "2026-11-23" },
    ]);
  });

  it("scores major warnings above the rest and ignores information", () => {
    expect(attentionScore(rankFlags([{ weekStart: "w", flags: [flag("recovery_too_hard")] }]))).toBe(10);
    expect(
      attentionScore(rankFlags([{ weekStart: "w", flags: [flag("missed_session"), flag("missed_session")] }])),
    ).toBe(10);
    expect(
      attentionScore(
        rankFlags([
          { weekStart: "w", flags: [flag("aerobic_low"), flag("aerobic_low"), flag("unplanned_session", "", "info")] },
        ]),
      ),
    ).toBe(2);
    expect(
      attentionScore(rankFlags([{ weekStart: "w", flags: [flag("recovery_too_long"), flag("recovery_too_long")] }])),
    ).toBe(6);
    const rows = [
      { displayName: "B", attention: 0 },
      { displayName: "A", attention: 0 },
      { displayName: "C", attention: 10 },
    ];
    expect(rows.sort(byAttention).map((r) => r.displayName)).toEqual(["C", "A", "B"]);
  });

  it("counts green and missed sessions among those already due", () => {
    expect(
      complianceSummary([
        { plannedId: "a", runId: "r", percent: 100, color: "green" },
        { plannedId: "b", runId: null, percent: 0, color: "red" },
        { plannedId: "c", runId: "s", percent: 60, color: "yellow" },
        { plannedId: "d", runId: null, percent: null, color: null },
      ]),
    ).toEqual({ due: 3, green: 1, missed: 1, greenShare: 1 / 3 });
  });

  it("leaves excused sessions out: neither due nor missed, and not in the share on target", () => {
    const evaluation = evaluateWeek({
      weekStart: "2026-11-23",
      asOf: "2026-11-30",
      plan: [
        { id: "p1", date: "2026-11-23", kind: "aerobic", durationMin: 40 },
        { id: "p2", date: "2026-11-24", kind: "tempo", durationMin: 40 },
        { id: "p3", date: "2026-11-25", kind: "aerobic", durationMin: 40 },
      ],
      runs: [{ id: "r1", date: "2026-11-23", kind: "aerobic", durationMin: 40, rpe: 5 }],
      excused: [{ date: "2026-11-24", reason: "ill" }],
    });
    expect(complianceSummary(evaluation.compliance)).toEqual({ due: 2, green: 1, missed: 1, greenShare: 0.5 });
    const digest = digestWeek(evaluation, { planned: [], runs: [] });
    expect(summariseWeeks([digest]).compliance).toEqual({ due: 2, green: 1, missed: 1, greenShare: 0.5 });
  });

  it("summarises an athlete's weeks with the engine's numbers", () => {
    const planned = [
      { id: "p1", date: "2026-11-23", kind: "recovery" as const, durationMin: 30, distanceM: null },
      { id: "p2", date: "2026-11-24", kind: "aerobic" as const, durationMin: 60, distanceM: null },
      { id: "p3", date: "2026-11-27", kind: "tempo" as const, durationMin: 40, distanceM: null },
    ];
    const runs = [
      {
        id: "r1",
        localDate: "2026-11-23",
        kind: "recovery" as const,
        durationS: 1800,
        distanceM: 5000,
        rpe: 5,
        plannedSessionId: "p1",
      },
      {
        id: "r2",
        localDate: "2026-11-24",
        kind: "aerobic" as const,
        durationS: 2400,
        distanceM: 7000,
        rpe: 5,
        plannedSessionId: null,
      },
    ];
    const evaluation = evaluateWeek(
      weekInputFor({ weekStart: "2026-11-23", asOf: "2026-11-25", settings: DEFAULT_SETTINGS, runs, planned }),
    );
    const summary = summariseWeeks([digestWeek(evaluation, { planned, runs })]);
    expect(summary.thisWeek).toEqual({
      weekStart: "2026-11-23",
      plannedMin: 130,
      doneMin: 70,
      doneM: 12_000,
      plannedSessions: 3,
      runs: 2,
    });
    expect(summary.weeks[0]?.plan).toEqual(evaluation.plan?.proportions);
    expect(summary.compliance).toEqual({ due: 2, green: 1, missed: 0, greenShare: 0.5 });
    expect(summary.flags[0]?.code).toBe("recovery_too_hard");
    expect(summary.needsAttention).toBe(true);
  });

  it("does not judge the mix of the week in progress, but keeps its other flags", () => {
    const mixFlag = { ...flag("aerobic_low"), measure: "effort" as const };
    const planFlag = { ...flag("quality_high"), measure: "plan" as const };
    const evaluation = (weekStart: string, flags: Flag[]) => ({ ...evaluateWeek({ weekStart, runs: [] }), flags });
    const weeks = [
      evaluation("2026-11-16", [mixFlag]),
      evaluation("2026-11-23", [mixFlag, planFlag, flag("recovery_too_hard")]),
    ];
    const summary = summariseWeeks(weeks.map((week) => digestWeek(week, { planned: [], runs: [] })));
    expect(summary.flags.map((f) => [f.code, f.count])).toEqual([
      ["recovery_too_hard", 1],
      ["quality_high", 1],
      ["aerobic_low", 1],
    ]);
  });
});

describe("week digest versions", () => {
  it("a digest carries the current version, and only such a digest is current", () => {
    const digest = digestWeek(evaluateWeek({ weekStart: "2026-11-23", runs: [] }), { planned: [], runs: [] });
    expect(digest.version).toBe(WEEK_DIGEST_VERSION);
    expect(isCurrentDigest(JSON.parse(JSON.stringify(digest)))).toBe(true);
    const { version: _, ...beforeVersions } = digest;
    expect(isCurrentDigest(beforeVersions)).toBe(false);
    expect(isCurrentDigest({ ...digest, version: WEEK_DIGEST_VERSION - 1 })).toBe(false);
    expect(isCurrentDigest(null)).toBe(false);
    expect(isCurrentDigest("digest")).toBe(false);
  });
});

describe("band status", () => {
  it("reads each share against its band, edges inclusive", () => {
    const bands = { aerobic: [0.6, 0.8] as const, recovery: [0.1, 0.2] as const, qualityMax: 0.3 };
    expect(bandStatus({ recovery: 0.1, aerobic: 0.6, quality: 0.3 }, bands)).toEqual({
      recovery: "ok",
      aerobic: "ok",
      quality: "ok",
    });
    expect(bandStatus({ recovery: 0.05, aerobic: 0.55, quality: 0.4 }, bands)).toEqual({
      recovery: "low",
      aerobic: "low",
      quality: "high",
    });
    expect(bandStatus({ recovery: 0.25, aerobic: 0.75, quality: 0 }, bands)).toEqual({
      recovery: "high",
      aerobic: "ok",
      quality: "ok",
    });
  });
});
