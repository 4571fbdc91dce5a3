import { describe, expect, it } from "vitest";
import { DEFAULT_EFFORT_BANDS } from "~/domain/rules";
import { rpeByKind } from "./rpe-by-kind";

describe("RPE by session kind", () => {
  it("summarises each kind against its intended effort", () => {
    const result = rpeByKind(
      [
        { kind: "recovery", rpe: 2 },
        { kind: "recovery", rpe: 5 },
        { kind: "long", rpe: 5 },
        { kind: "tempo", rpe: 7 },
      ],
      DEFAULT_EFFORT_BANDS,
    );
    const recovery = result.find((k) => k.kind === "recovery")!;
    expect(recovery).toMatchObject({
      intended: "recovery",
      runs: 2,
      meanRpe: 3.5,
      minRpe: 2,
      maxRpe: 5,
      onTarget: 0.5,
    });
    expect(recovery.byRpe).toEqual([0, 1, 0, 0, 1, 0, 0, 0, 0, 0]);
    expect(result.find((k) => k.kind === "long")).toMatchObject({ intended: "aerobic", onTarget: 1 });
    expect(result.find((k) => k.kind === "hills")).toMatchObject({ runs: 0, meanRpe: null, onTarget: null });
    expect(result).toHaveLength(7);
  });
});
