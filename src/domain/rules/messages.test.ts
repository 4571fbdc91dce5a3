import { describe, expect, it } from "vitest";
import { dayOf } from "./dates";
import { KIND_LABELS, SESSION_KINDS } from "./kinds";
import * as say from "./messages";
import { loadChangeText, loadSpike, messageTexts, mixMessage, twoDecimals } from "./messages";
import { DEFAULT_SETTINGS } from "./settings";

const TUESDAY = dayOf("2026-11-24");

describe("messages", () => {
  it("describes the load ratio as a change against the recent average, with the ratio to two decimals", () => {
    expect(loadChangeText(1.7)).toBe("This week's load is 70 % above your recent average (the 3 weeks before)");
    expect(loadChangeText(1.004)).toBe(
      "This week's load is about the same as your recent average (the 3 weeks before)",
    );
    expect(loadSpike(2)).toEqual({
      message:
        "This week's load is 100 % above your recent average (the 3 weeks before), a ratio of 2.00; if that was not planned, build up more gradually.",
      coachMessage:
        "Load this week is 100 % above their recent average (ratio 2.00 to the 3 weeks before). If that was not planned, build the load up more gradually.",
    });
    expect(loadSpike(1.5349).message).toContain("a ratio of 1.53;");
  });

  it("prints two decimals, and a value above its limit never as the limit itself", () => {
    expect(twoDecimals(2.0404)).toBe("2.04");
    expect(twoDecimals(2)).toBe("2.00");
    expect(twoDecimals(2.04, 2)).toBe("2.04");
    expect(twoDecimals(2.001, 2)).toBe("2.01");
    expect(twoDecimals(2.4406, 2.44)).toBe("2.45");
    // At or below the limit (a flat week, a lenient edge) it is plain rounding.
    expect(twoDecimals(1.999, 2)).toBe("2.00");
  });
});

describe("the coach's voice", () => {
  const texts = messageTexts(DEFAULT_SETTINGS, 36, 24);

  it("states the facts and the target about the athlete, as in the spec", () => {
    expect(say.recoveryTooHard(TUESDAY, 5, texts).coachMessage).toMatch(
      /^Recovery run on Tuesday at RPE 5 \(target 1–3\)\. /,
    );
    expect(say.plannedRecoveryTooLong(TUESDAY, 45, texts).coachMessage).toBe(
      "Recovery run planned for Tuesday is 45 min (target about 30, at most 36). Shorten it, or plan it as an aerobic run.",
    );
    expect(say.plannedAerobicTooShort(TUESDAY, 20, texts).coachMessage).toBe(
      "Aerobic run planned for Tuesday is 20 min (target about 30, at least 24). Lengthen it, or plan it as a recovery run.",
    );
    expect(say.missedSession("tempo", TUESDAY, texts).coachMessage).toBe(
      "No run logged for the tempo run planned for Tuesday. Check in with them, and adjust the week if needed.",
    );
  });

  it("starts with a capital and never speaks to the athlete (the app puts their name in front)", () => {
    const all = [
      ...SESSION_KINDS.flatMap((kind) => [
        say.aerobicTooHard(TUESDAY, kind, 8, texts),
        say.aerobicTooEasy(TUESDAY, kind, 2, texts),
        say.qualityTooEasy(TUESDAY, kind, 2, texts),
        say.missedSession(kind, TUESDAY, texts),
        say.unplannedSession(kind, TUESDAY, texts),
        say.qualityBackToBackRuns("tempo", kind, TUESDAY, texts),
        say.qualityBackToBackPlan("tempo", kind, TUESDAY, texts),
      ]),
      say.recoveryTooHard(TUESDAY, 6, texts),
      say.recoveryTooLong(TUESDAY, 40, texts),
      say.aerobicTooShort(TUESDAY, 20, texts),
      say.monotonyHigh(2.5, 2, texts),
      say.monotonyHigh(null, 2, texts),
      loadSpike(1.8),
      ...(["label", "effort", "plan"] as const).flatMap((measure) =>
        Object.values(texts.mix[measure]).map((sentence) => mixMessage(sentence, 0.5)),
      ),
    ];
    for (const { message, coachMessage } of all) {
      expect(message.length).toBeGreaterThan(0);
      expect(coachMessage).toMatch(/^[A-Z]/);
      expect(coachMessage).not.toMatch(/\b(you|your)\b/i);
    }
  });

  it("names every kind as the athlete's message does", () => {
    for (const kind of SESSION_KINDS) {
      const label = KIND_LABELS[kind];
      expect(say.unplannedSession(kind, TUESDAY, texts).coachMessage).toMatch(
        new RegExp(`^${label.charAt(0).toUpperCase()}${label.slice(1)} on Tuesday`),
      );
    }
  });

  it("is built once per key, like the athlete's message", () => {
    expect(say.recoveryTooHard(TUESDAY, 5, texts)).toBe(say.recoveryTooHard(TUESDAY, 5, texts));
    expect(say.recoveryTooLong(TUESDAY, 40, texts)).toBe(say.recoveryTooLong(TUESDAY, 40, texts));
    expect(mixMessage(texts.mix.effort.quality_high, 0.4)).toBe(mixMessage(texts.mix.effort.quality_high, 0.4));
  });
});

describe("mix messages", () => {
  const texts = messageTexts(DEFAULT_SETTINGS, 36, 24);

  it("name the share, the band and what to change, in both voices", () => {
    expect(mixMessage(texts.mix.label.aerobic_low, 0.45)).toEqual({
      message: "By time, aerobic runs made up 45 % of your week; aim for 60–80 %. Add or lengthen steady aerobic runs.",
      coachMessage:
        "Aerobic runs made up 45 % of the week by time (target 60–80 %). Plan more or longer steady aerobic runs.",
    });
    expect(mixMessage(texts.mix.effort.quality_high, 0.57).coachMessage).toBe(
      "Running at quality effort (RPE 7–10) made up 57 % of the week by time (target at most 30 %). Too much of their running felt hard; remind them to slow down on easy and aerobic days.",
    );
    expect(mixMessage(texts.mix.plan.quality_high, 0.4)).toEqual({
      message: "By time, this plan has 40 % quality running; aim for at most 30 %. Drop or shorten a quality session.",
      coachMessage:
        "Quality running makes up 40 % of the plan by time (target at most 30 %). Drop or shorten a quality session.",
    });
  });

  it("never show a share just outside its band as the edge itself", () => {
    expect(mixMessage(texts.mix.label.aerobic_low, 0.5996).message).toContain(
      "made up 59.9 % of your week; aim for 60–80 %",
    );
    expect(mixMessage(texts.mix.label.recovery_high, 0.2004).message).toContain("made up 20.1 % of your week");
    expect(mixMessage(texts.mix.label.recovery_low, 0.099).coachMessage).toContain("made up 9.9 % of the week");
  });

  it("keep fractional band edges", () => {
    const custom = messageTexts(
      { ...DEFAULT_SETTINGS, bands: { aerobic: [0.625, 0.8], recovery: [0.1, 0.2], qualityMax: 0.3 } },
      36,
      24,
    );
    expect(mixMessage(custom.mix.label.aerobic_low, 0.5).message).toContain("aim for 62.5–80 %");
    expect(mixMessage(custom.mix.label.aerobic_low, 0.5).coachMessage).toContain("(target 62.5–80 %)");
  });

  it("name the basis", () => {
    const bySessions = messageTexts({ ...DEFAULT_SETTINGS, basis: "sessions" }, 36, 24);
    expect(mixMessage(bySessions.mix.label.aerobic_low, 0.5).message).toMatch(/^By number of sessions, /);
    expect(mixMessage(bySessions.mix.label.aerobic_low, 0.5).coachMessage).toContain("week by number of sessions");
  });
});
