import { describe, expect, it } from "vitest";
import { parseEvaluateInput } from "./schemas";

const WEEK = {
  weekStart: "2026-11-23",
  plan: [{ id: "p1", date: "2026-11-24", kind: "aerobic", durationMin: 60 }],
  runs: [{ id: "r1", date: "2026-11-24", kind: "aerobic", durationMin: 45, distanceKm: 8, rpe: 5, plannedId: "p1" }],
  history: [{ id: "h1", date: "2026-11-20", kind: "tempo", durationMin: 40, rpe: 7 }],
};

type Json = Record<string, unknown>;

/** WEEK with one field of one list item replaced (undefined removes it). */
function withItem(list: "runs" | "plan" | "history", field: string, value: unknown): Json {
  const item: Json = { ...(WEEK[list][0] as Json), [field]: value };
  if (value === undefined) delete item[field];
  return { ...WEEK, [list]: [item] };
}

function errorOf(input: unknown) {
  const parsed = parseEvaluateInput(input);
  if (parsed.ok) throw new Error(`accepted: ${JSON.stringify(input)}`);
  return parsed.error;
}

describe("parseEvaluateInput rejects invalid input with a message and a path", () => {
  it.each([
    ["unknown kind", withItem("runs", "kind", "jog"), ["runs", 0, "kind"]],
    ["RPE 0", withItem("runs", "rpe", 0), ["runs", 0, "rpe"]],
    ["RPE 11", withItem("runs", "rpe", 11), ["runs", 0, "rpe"]],
    ["RPE 4.5", withItem("runs", "rpe", 4.5), ["runs", 0, "rpe"]],
    ["RPE as text", withItem("runs", "rpe", "5"), ["runs", 0, "rpe"]],
    ["missing RPE", withItem("runs", "rpe", undefined), ["runs", 0, "rpe"]],
    ["negative duration", withItem("runs", "durationMin", -30), ["runs", 0, "durationMin"]],
    ["zero duration", withItem("runs", "durationMin", 0), ["runs", 0, "durationMin"]],
    ["missing duration", withItem("runs", "durationMin", undefined), ["runs", 0, "durationMin"]],
    ["negative distance", withItem("runs", "distanceKm", -1), ["runs", 0, "distanceKm"]],
    ["malformed date 2026-02-30", withItem("runs", "date", "2026-02-30"), ["runs", 0, "date"]],
    ["date in another format", withItem("runs", "date", "24/11/2026"), ["runs", 0, "date"]],
    ["run outside the week", withItem("runs", "date", "2026-11-30"), ["runs", 0, "date"]],
    ["run before the week", withItem("runs", "date", "2026-11-22"), ["runs", 0, "date"]],
    ["missing run id", withItem("runs", "id", undefined), ["runs", 0, "id"]],
    [
      "planned session without duration or distance",
      withItem("plan", "durationMin", undefined),
      ["plan", 0, "durationMin"],
    ],
    ["planned session outside the week", withItem("plan", "date", "2026-12-01"), ["plan", 0, "date"]],
    [
      "planned distance 0",
      {
        ...withItem("plan", "durationMin", undefined),
        plan: [{ id: "p1", date: "2026-11-24", kind: "aerobic", distanceKm: 0 }],
      },
      ["plan", 0, "distanceKm"],
    ],
    ["history in the week", withItem("history", "date", "2026-11-23"), ["history", 0, "date"]],
    ["history with an unknown kind", withItem("history", "kind", "swim"), ["history", 0, "kind"]],
    ["malformed weekStart", { ...WEEK, weekStart: "2026-11-31" }, ["weekStart"]],
    ["missing weekStart", { runs: [] }, ["weekStart"]],
    ["malformed asOf", { ...WEEK, asOf: "tomorrow" }, ["asOf"]],
    ["malformed historyFrom", { ...WEEK, historyFrom: "2026-2-1" }, ["historyFrom"]],
    ["runs not a list", { ...WEEK, runs: { r1: {} } }, ["runs"]],
    ["duplicate run ids", { ...WEEK, runs: [WEEK.runs[0], WEEK.runs[0]] }, ["runs", 1, "id"]],
    ["duplicate planned ids", { ...WEEK, plan: [WEEK.plan[0], WEEK.plan[0]] }, ["plan", 1, "id"]],
    ["invalid basis", { ...WEEK, settings: { basis: "pace" } }, ["settings", "basis"]],
    ["inverted band", { ...WEEK, settings: { bands: { aerobic: [0.9, 0.6] } } }, ["settings", "bands", "aerobic"]],
    [
      "effort bands leaving a gap",
      { ...WEEK, settings: { effortBands: { aerobic: [5, 6] } } },
      ["settings", "effortBands", "aerobic"],
    ],
  ])("%s", (_name, input, path) => {
    const error = errorOf(input);
    expect(error.path).toEqual(path);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it("a document that is not an object is rejected at the root", () => {
    expect(errorOf([1, 2]).path).toEqual([]);
    expect(errorOf(null).path).toEqual([]);
  });
});

describe("parseEvaluateInput accepts", () => {
  it("an empty week, without runs at all", () => {
    expect(parseEvaluateInput({ weekStart: "2026-11-23" })).toMatchObject({ ok: true, value: { runs: [] } });
  });

  it("null for optional fields, and drops unknown ones", () => {
    const parsed = parseEvaluateInput({
      ...WEEK,
      asOf: null,
      plan: null,
      settings: null,
      note: "hi",
      runs: [{ ...WEEK.runs[0], distanceKm: null, plannedId: null, hr: 150 }],
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.plan).toBeUndefined();
    expect(parsed.value.runs[0]).toEqual({
      id: "r1",
      date: "2026-11-24",
      kind: "aerobic",
      durationMin: 45,
      distanceKm: undefined,
      rpe: 5,
      plannedId: undefined,
    });
  });

  it("runs, planned sessions and history in one shape each, with every field present", () => {
    const parsed = parseEvaluateInput({
      ...WEEK,
      runs: [WEEK.runs[0], { id: "r2", date: "2026-11-25", kind: "tempo", durationMin: 40, rpe: 7 }],
    });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const keys = parsed.value.runs.map((run) => Object.keys(run).join());
    expect(new Set(keys).size).toBe(1);
    expect(Object.keys(parsed.value.history?.[0] ?? {})).toEqual([
      "id",
      "date",
      "kind",
      "durationMin",
      "distanceKm",
      "rpe",
    ]);
  });

  it("resolves settings over the defaults", () => {
    const parsed = parseEvaluateInput({ ...WEEK, settings: { basis: "sessions" } });
    expect(parsed.ok && parsed.value.settings).toMatchObject({ basis: "sessions", minRunsForMix: 3 });
  });
});
