import { describe, expect, it } from "vitest";
import { evaluateWeek, type Flag } from "~/domain/rules";
import { weekInputFor } from "~/domain/training/week-input";
import { plannedRowsOf, type SessionDraft } from "~/domain/training/week-plan";
import { DEFAULT_SETTINGS } from "~/domain/rules";
import { flagKey, liveSummary, newestFlag } from "./week-preview";

const flag = (code: Flag["code"], plannedId?: string, severity: Flag["severity"] = "warning"): Flag =>
  ({
    code,
    severity,
    audience: "coach",
    measure: "plan",
    ...(plannedId ? { plannedId } : {}),
    values: {},
    message: "",
    coachMessage: `${code} ${plannedId ?? ""}`,
  }) as Flag;

describe("the newest flag of the live check", () => {
  const a = flag("recovery_too_long", "p1");
  const b = flag("quality_high");
  const c = flag("aerobic_too_short", "p2");

  it("is the one the last change brought", () => {
    expect(newestFlag([a], [a, b], flagKey(a))).toBe(b);
    // Several new ones: the first in reading order.
    expect(newestFlag([], [c, b], null)).toBe(c);
  });

  it("stays while it lasts, then falls back to the most severe", () => {
    expect(newestFlag([a, b], [a, b], flagKey(b))).toBe(b);
    expect(newestFlag([a, b], [a], flagKey(b))).toBe(a);
    expect(newestFlag([a], [], flagKey(a))).toBeNull();
    // On the first verdict nothing is new yet: the most severe.
    expect(newestFlag(null, [b, a], null)).toBe(b);
  });

  it("tells the same flag apart from another session's", () => {
    expect(flagKey(a)).not.toBe(flagKey(flag("recovery_too_long", "p3")));
  });
});

describe("the live summary line", () => {
  const weekStart = "2026-11-23";
  const draft = (key: string, day: number, kind: SessionDraft["kind"], durationMin: number): SessionDraft => ({
    key,
    day,
    kind,
    durationMin,
    distanceM: null,
    targetRpe: null,
    description: "",
  });
  const check = (drafts: SessionDraft[]) =>
    evaluateWeek(
      weekInputFor({
        weekStart,
        asOf: "2026-11-22",
        settings: DEFAULT_SETTINGS,
        runs: [],
        planned: plannedRowsOf(weekStart, drafts),
        historyFrom: weekStart,
      }),
    );

  it("names the athlete and speaks to the coach about a planned session that is too long", () => {
    const evaluation = check([draft("k1", 1, "recovery", 45)]);
    expect(liveSummary(evaluation, "Sofia Rossi")).toMatch(
      /^Live check: 1 flag on this plan\. Sofia Rossi: Recovery run planned for Tuesday is 45 min/,
    );
  });

  it("says so when the plan has no flags", () => {
    expect(liveSummary(check([draft("k1", 2, "aerobic", 45)]), "Sofia Rossi")).toBe(
      "Live check: no flags on this plan.",
    );
  });
});
