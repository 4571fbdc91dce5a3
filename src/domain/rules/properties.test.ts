/**
 * Property tests (fast-check) over generated valid weeks, in the JSON shape the CLI receives:
 * evaluation never throws, proportions sum to 1, relabelling only moves share between two
 * categories, the output is plain JSON, and broken input is always rejected with its path.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateWeek } from "./evaluate";
import { SESSION_KINDS, categoryOf, type SessionKind } from "./kinds";
import { parseEvaluateInput } from "./schemas";
import type { Proportions, WeekEvaluation } from "./types";

type Json = Record<string, unknown>;

function evaluateJson(input: unknown): WeekEvaluation {
  const parsed = parseEvaluateInput(input);
  if (!parsed.ok) throw new Error(`${parsed.error.message} at ${JSON.stringify(parsed.error.path)}`);
  return evaluateWeek(parsed.value);
}

function errorOf(input: unknown) {
  const parsed = parseEvaluateInput(input);
  if (parsed.ok) throw new Error(`accepted: ${JSON.stringify(input)}`);
  return parsed.error;
}

const DAY_OF_2026_01_05 = 20458; // a Monday
const isoOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

const kindArb = fc.constantFrom(...SESSION_KINDS);
const minutesArb = fc.oneof(fc.integer({ min: 1, max: 240 }), fc.double({ min: 0.5, max: 600, noNaN: true }));

function runArb(weekStartDay: number, id: string) {
  return fc.record(
    {
      id: fc.constant(id),
      date: fc.integer({ min: 0, max: 6 }).map((offset) => isoOf(weekStartDay + offset)),
      kind: kindArb,
      durationMin: minutesArb,
      distanceKm: fc.double({ min: 0, max: 60, noNaN: true }),
      rpe: fc.integer({ min: 1, max: 10 }),
      plannedId: fc.constantFrom("p0", "p1", "p2", "nope"),
    },
    { requiredKeys: ["id", "date", "kind", "durationMin", "rpe"] },
  );
}

const settingsArb = fc.record(
  {
    basis: fc.constantFrom("time", "distance", "sessions"),
    minRunsForMix: fc.integer({ min: 1, max: 6 }),
    monotonyMax: fc.double({ min: 0.5, max: 4, noNaN: true }),
    loadSpikeRatio: fc.double({ min: 0.5, max: 3, noNaN: true }),
    nearEdge: fc.oneof(fc.constant(0), fc.constant(0.02), fc.double({ min: 0, max: 0.2, noNaN: true })),
    durationTolerance: fc.double({ min: 0, max: 1, noNaN: true }),
    effortBands: fc.integer({ min: 1, max: 8 }).chain((recoveryHi) =>
      fc.integer({ min: recoveryHi + 1, max: 9 }).map((aerobicHi) => ({
        recovery: [1, recoveryHi],
        aerobic: [recoveryHi + 1, aerobicHi],
        quality: [aerobicHi + 1, 10],
      })),
    ),
  },
  { requiredKeys: [] },
);

/** A valid week: runs inside it, history before it, optional plan, settings and dates. */
const weekArb = fc.integer({ min: 0, max: 400 }).chain((weekOffset) => {
  const start = DAY_OF_2026_01_05 + weekOffset - 200;
  const runs = fc
    .integer({ min: 0, max: 12 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => runArb(start, `r${i}`))));
  const plan = fc.integer({ min: 0, max: 8 }).chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc
          .record(
            {
              id: fc.constant(`p${i}`),
              date: fc.integer({ min: 0, max: 6 }).map((offset) => isoOf(start + offset)),
              kind: kindArb,
              durationMin: fc.integer({ min: 10, max: 180 }),
              distanceKm: fc.double({ min: 1, max: 40, noNaN: true }),
            },
            { requiredKeys: ["id", "date", "kind"] },
          )
          .map((session) =>
            session.durationMin === undefined && session.distanceKm === undefined
              ? { ...session, durationMin: 30 }
              : session,
          ),
      ),
    ),
  );
  const history = fc.array(
    fc.record({
      date: fc.integer({ min: 1, max: 35 }).map((back) => isoOf(start - back)),
      kind: kindArb,
      durationMin: minutesArb,
      rpe: fc.integer({ min: 1, max: 10 }),
    }),
    { maxLength: 30 },
  );
  const excused = fc.array(
    fc.record({
      // Mostly inside the week, sometimes just outside it (ignored).
      date: fc.integer({ min: -2, max: 8 }).map((offset) => isoOf(start + offset)),
      reason: fc.constantFrom("ill", "injured", "travel", "unavailable", "other"),
    }),
    { maxLength: 5 },
  );
  return fc.record(
    {
      weekStart: fc.constant(isoOf(start)),
      asOf: fc.integer({ min: -3, max: 10 }).map((offset) => isoOf(start + offset)),
      settings: settingsArb,
      plan,
      runs,
      history,
      historyFrom: fc.integer({ min: 0, max: 40 }).map((back) => isoOf(start - back)),
      excused,
    },
    { requiredKeys: ["weekStart", "runs"] },
  );
});

const MIX_CODES = new Set<string>(["aerobic_low", "aerobic_high", "recovery_low", "recovery_high", "quality_high"]);

function sum(p: Proportions): number {
  return p.recovery + p.aerobic + p.quality;
}

function hasOnlyFiniteNumbers(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (value === null || typeof value !== "object") return true;
  return Object.values(value).every(hasOnlyFiniteNumbers);
}

/**
 * Each property evaluates up to a few thousand generated weeks: about a second on a quiet core,
 * several on a shared busy one, where vitest's default 5 s limit failed them for no fault.
 */
const PROPERTY_TIMEOUT_MS = 60_000;

describe("properties of evaluation", { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it("every generated valid week parses, and evaluation never throws", () => {
    fc.assert(
      fc.property(weekArb, (week) => {
        expect(() => evaluateJson(week)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it("proportions sum to 1 whenever there is data", () => {
    fc.assert(
      fc.property(weekArb, (week) => {
        const output = evaluateJson(week);
        for (const proportions of [
          output.actual.proportions,
          output.actual.effortProportions,
          output.plan?.proportions ?? null,
        ]) {
          if (proportions !== null) expect(sum(proportions)).toBeCloseTo(1, 9);
        }
        expect(output.actual.proportions === null).toBe(output.actual.status === "insufficient_data");
        expect(output.actual.effortProportions === null).toBe(output.actual.status === "insufficient_data");
      }),
      { numRuns: 1000 },
    );
  });

  it("relabelling one run only moves share between its old and new category", () => {
    fc.assert(
      fc.property(weekArb, fc.nat(), kindArb, (week, pick, newKind: SessionKind) => {
        fc.pre(week.runs.length > 0);
        const index = pick % week.runs.length;
        const before = evaluateJson(week).actual.proportions;
        const runs = week.runs.map((r, i) => (i === index ? { ...r, kind: newKind } : r));
        const after = evaluateJson({ ...week, runs }).actual.proportions;
        expect(after === null).toBe(before === null);
        if (before === null || after === null) return;
        const from = categoryOf(week.runs[index]!.kind);
        const to = categoryOf(newKind);
        for (const category of ["recovery", "aerobic", "quality"] as const) {
          if (category !== from && category !== to) expect(after[category]).toBeCloseTo(before[category], 12);
        }
        expect(after[to] - before[to]).toBeGreaterThanOrEqual(-1e-12);
        expect(after[from] - before[from]).toBeLessThanOrEqual(1e-12);
        expect(after[to] - before[to]).toBeCloseTo(before[from] - after[from], 12);
      }),
      { numRuns: 1000 },
    );
  });

  it("is pure: the same week gives the same verdict, whatever was evaluated before and with a fresh settings object", () => {
    fc.assert(
      fc.property(weekArb, weekArb, (week, other) => {
        const parsed = parseEvaluateInput(week);
        if (!parsed.ok) throw new Error(parsed.error.message);
        const first = evaluateWeek(parsed.value);
        evaluateJson(other);
        expect(evaluateWeek(parsed.value)).toEqual(first);
        const settings = parsed.value.settings && { ...parsed.value.settings };
        expect(evaluateWeek({ ...parsed.value, settings })).toEqual(first);
      }),
      { numRuns: 1000 },
    );
  });

  it("the output is JSON-serialisable: no NaN, no Infinity, nothing undefined", () => {
    fc.assert(
      fc.property(weekArb, (week) => {
        const output = evaluateJson(week);
        expect(hasOnlyFiniteNumbers(output)).toBe(true);
        expect(JSON.parse(JSON.stringify(output))).toEqual(output);
      }),
      { numRuns: 1000 },
    );
  });

  it("every flag carries a code, a severity, an audience, values and two messages; mix flags a measure", () => {
    fc.assert(
      fc.property(weekArb, (week) => {
        for (const flag of evaluateJson(week).flags) {
          expect(flag.message.length).toBeGreaterThan(0);
          expect(flag.coachMessage).toMatch(/^[A-Z]/);
          expect(["info", "warning"]).toContain(flag.severity);
          expect(["athlete", "coach", "both"]).toContain(flag.audience);
          expect(typeof flag.values).toBe("object");
          if (MIX_CODES.has(flag.code)) expect(flag.measure).toBeDefined();
          expect(`${flag.message} ${flag.coachMessage}`.toLowerCase()).not.toMatch(/injur|risk/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("audience is coach iff measure is plan; everything else is for both", () => {
    fc.assert(
      fc.property(weekArb, (week) => {
        for (const flag of evaluateJson(week).flags)
          expect(flag.audience).toBe(flag.measure === "plan" ? "coach" : "both");
      }),
      { numRuns: 500 },
    );
  });

  it("a mix flag is info exactly when its share is within nearEdge of the edge it crossed", () => {
    fc.assert(
      fc.property(weekArb, (week) => {
        const parsed = parseEvaluateInput(week);
        if (!parsed.ok) throw new Error(parsed.error.message);
        const { nearEdge } = parsed.value.settings!;
        for (const flag of evaluateWeek(parsed.value).flags) {
          if (!MIX_CODES.has(flag.code)) continue;
          const share = flag.values.share as number;
          const edge = (flag.code.endsWith("_low") ? flag.values.min : flag.values.max) as number;
          const distance = Math.abs(share - edge);
          if (distance < nearEdge - 1e-6) expect(flag.severity).toBe("info");
          if (distance > nearEdge + 1e-6) expect(flag.severity).toBe("warning");
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("excused days never add a missed_session, and only ever remove those on excused days", () => {
    fc.assert(
      fc.property(weekArb, (week) => {
        const missed = (output: WeekEvaluation) =>
          output.flags.filter((f) => f.code === "missed_session").map((f) => f.plannedId);
        const withExcused = evaluateJson(week);
        const without = evaluateJson({ ...week, excused: undefined });
        const excusedDates = new Set((week.excused ?? []).map((day) => day.date));
        const dateOf = new Map<string, string>((week.plan ?? []).map((session) => [session.id, session.date]));
        for (const id of missed(withExcused)) expect(missed(without)).toContain(id);
        for (const id of missed(without))
          expect(missed(withExcused).includes(id)).toBe(!excusedDates.has(dateOf.get(id as string)!));
        // Everything else is the same verdict.
        const others = (output: WeekEvaluation) => output.flags.filter((f) => f.code !== "missed_session");
        expect(others(withExcused)).toEqual(others(without));
        expect(withExcused.plan).toEqual(without.plan);
        expect(withExcused.actual).toEqual(without.actual);
        withExcused.compliance.forEach((entry, i) => {
          if (entry.color !== "excused") expect(entry).toEqual(without.compliance[i]);
        });
        for (const entry of withExcused.compliance) {
          if (entry.color !== "excused") continue;
          expect(entry).toMatchObject({ runId: null, percent: null });
          expect(excusedDates.has(dateOf.get(entry.plannedId)!)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

/** Ways to break one valid week, each with the path its error must carry. */
const breakages: Array<(week: Json & { runs: Json[] }) => { input: Json; path: (string | number)[] } | null> = [
  (week) =>
    week.runs.length
      ? { input: { ...week, runs: [{ ...week.runs[0], rpe: 0 }, ...week.runs.slice(1)] }, path: ["runs", 0, "rpe"] }
      : null,
  (week) =>
    week.runs.length
      ? { input: { ...week, runs: [{ ...week.runs[0], rpe: 7.5 }, ...week.runs.slice(1)] }, path: ["runs", 0, "rpe"] }
      : null,
  (week) =>
    week.runs.length
      ? {
          input: { ...week, runs: [{ ...week.runs[0], durationMin: -1 }, ...week.runs.slice(1)] },
          path: ["runs", 0, "durationMin"],
        }
      : null,
  (week) =>
    week.runs.length
      ? {
          input: { ...week, runs: [{ ...week.runs[0], kind: "walk" }, ...week.runs.slice(1)] },
          path: ["runs", 0, "kind"],
        }
      : null,
  (week) =>
    week.runs.length
      ? {
          input: { ...week, runs: [{ ...week.runs[0], date: "2026-02-29" }, ...week.runs.slice(1)] },
          path: ["runs", 0, "date"],
        }
      : null,
  (week) =>
    week.runs.length
      ? {
          input: { ...week, runs: [{ ...week.runs[0], date: "2000-01-03" }, ...week.runs.slice(1)] },
          path: ["runs", 0, "date"],
        }
      : null,
  (week) => ({ input: { ...week, weekStart: "2026-13-01" }, path: ["weekStart"] }),
  (week) => ({ input: { ...week, settings: { minRunsForMix: -1 } }, path: ["settings", "minRunsForMix"] }),
];

describe("properties of validation", { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it("invalid input is always rejected with a non-empty path", () => {
    fc.assert(
      fc.property(weekArb, fc.nat({ max: breakages.length - 1 }), (week, which) => {
        const broken = (breakages[which] as (typeof breakages)[number])(week as Json & { runs: Json[] });
        fc.pre(broken !== null);
        if (broken === null) return;
        const error = errorOf(broken.input);
        expect(error.path.length).toBeGreaterThan(0);
        expect(error.path).toEqual(broken.path);
      }),
      { numRuns: 1000 },
    );
  });
});
