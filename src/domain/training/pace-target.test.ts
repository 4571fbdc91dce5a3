import { describe, expect, it } from "vitest";
import { paceAgainstTarget } from "./pace-target";

// Easy range 5:20–5:55 /km.
const paces = { easy: { fromSPerKm: 320, toSPerKm: 355 } };
/** A run of `km` kilometres at `sPerKm`. */
const run = (kind: "recovery" | "aerobic" | "long" | "tempo", sPerKm: number, km = 5) => ({
  kind,
  durationS: sPerKm * km,
  distanceM: km * 1000,
});

describe("paceAgainstTarget", () => {
  it("judges aerobic and long runs against the easy range, ends included", () => {
    expect(paceAgainstTarget(run("aerobic", 340), paces)?.verdict).toBe("within");
    expect(paceAgainstTarget(run("aerobic", 320), paces)?.verdict).toBe("within");
    expect(paceAgainstTarget(run("long", 355), paces)?.verdict).toBe("within");
    expect(paceAgainstTarget(run("aerobic", 310), paces)).toEqual({
      paceSPerKm: 310,
      verdict: "faster",
      target: { fromSPerKm: 320, toSPerKm: 355 },
    });
    expect(paceAgainstTarget(run("long", 380), paces)?.verdict).toBe("slower");
  });

  it("wants recovery runs slower than the easy range's slow end", () => {
    expect(paceAgainstTarget(run("recovery", 400), paces)).toEqual({
      paceSPerKm: 400,
      verdict: "within",
      target: { fromSPerKm: null, toSPerKm: 355 },
    });
    expect(paceAgainstTarget(run("recovery", 340), paces)?.verdict).toBe("faster");
  });

  it("compares nothing for quality runs, runs without distance, or unknown paces", () => {
    expect(paceAgainstTarget(run("tempo", 280), paces)).toBeNull();
    expect(paceAgainstTarget({ kind: "aerobic", durationS: 1800, distanceM: null }, paces)).toBeNull();
    expect(paceAgainstTarget({ kind: "aerobic", durationS: 1800, distanceM: 0 }, paces)).toBeNull();
    expect(paceAgainstTarget(run("aerobic", 340), null)).toBeNull();
  });

  it("rounds to whole seconds as shown, so a pace on the edge is not called off target", () => {
    const edge = { easy: { fromSPerKm: 320.4, toSPerKm: 354.6 } };
    expect(paceAgainstTarget({ kind: "aerobic", durationS: 1775, distanceM: 5000 }, edge)?.verdict).toBe("within");
  });
});
