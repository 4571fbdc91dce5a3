import { describe, expect, it } from "vitest";
import { kindChange, KIND_DEFAULTS } from "./session-defaults";

const aerobic = { kind: "aerobic" as const, ...KIND_DEFAULTS.aerobic, distanceM: null };

describe("changing a session's kind", () => {
  it("gives an untouched duration and effort the new kind's defaults", () => {
    expect(kindChange(aerobic, "long")).toEqual({ kind: "long", durationMin: 90, targetRpe: 5 });
    expect(kindChange(aerobic, "recovery")).toEqual({ kind: "recovery", durationMin: 25, targetRpe: 2 });
    expect(kindChange({ ...aerobic, durationMin: null, targetRpe: null }, "intervals")).toEqual({
      kind: "intervals",
      durationMin: 50,
      targetRpe: 8,
    });
  });

  it("keeps what the coach chose", () => {
    expect(kindChange({ ...aerobic, durationMin: 60 }, "long")).toEqual({ kind: "long", targetRpe: 5 });
    expect(kindChange({ ...aerobic, targetRpe: 4 }, "recovery")).toEqual({ kind: "recovery", durationMin: 25 });
    // A duration the coach typed stays, even one that happens to be the old kind's default.
    expect(kindChange(aerobic, "recovery", true)).toEqual({ kind: "recovery", targetRpe: 2 });
    // A session given by distance alone stays a distance.
    expect(kindChange({ ...aerobic, durationMin: null, distanceM: 10_000 }, "long")).toEqual({
      kind: "long",
      targetRpe: 5,
    });
  });
});
