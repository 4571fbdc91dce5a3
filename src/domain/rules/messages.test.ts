import { describe, expect, it } from "vitest";
import { loadChangeText, loadSpike, messageTexts, mixMessage } from "./messages";
import { DEFAULT_SETTINGS } from "./settings";

describe("messages", () => {
  it("describes the load ratio as a change against the recent average, nothing more", () => {
    expect(loadChangeText(1.7)).toBe("This week's load is 70 % above your recent average (the 3 weeks before)");
    expect(loadChangeText(1.004)).toBe(
      "This week's load is about the same as your recent average (the 3 weeks before)",
    );
    expect(loadSpike(2)).toBe(
      "This week's load is 100 % above your recent average (the 3 weeks before); if that was not planned, build up more gradually.",
    );
  });
});

describe("mix messages", () => {
  const texts = messageTexts(DEFAULT_SETTINGS, 36, 24);

  it("name the share, the band and what to change", () => {
    expect(mixMessage(texts.mix.label.aerobic_low, 0.45)).toBe(
      "By time, aerobic runs made up 45 % of your week; aim for 60–80 %. Add or lengthen steady aerobic runs.",
    );
    expect(mixMessage(texts.mix.plan.quality_high, 0.4)).toBe(
      "By time, this plan has 40 % quality running; aim for at most 30 %. Drop or shorten a quality session.",
    );
  });

  it("never show a share just outside its band as the edge itself", () => {
    expect(mixMessage(texts.mix.label.aerobic_low, 0.5996)).toContain("made up 59.9 % of your week; aim for 60–80 %");
    expect(mixMessage(texts.mix.label.recovery_high, 0.2004)).toContain("made up 20.1 % of your week");
  });

  it("keep fractional band edges", () => {
    const custom = messageTexts(
      { ...DEFAULT_SETTINGS, bands: { aerobic: [0.625, 0.8], recovery: [0.1, 0.2], qualityMax: 0.3 } },
      36,
      24,
    );
    expect(mixMessage(custom.mix.label.aerobic_low, 0.5)).toContain("aim for 62.5–80 %");
  });
});
