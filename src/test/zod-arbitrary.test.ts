import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { hostileValue, mergedInputSchema, zodArbitrary } from "./zod-arbitrary";

/** Schemas the converter must get exactly right in valid mode: everything it generates parses. */
const exact: Record<string, z.ZodType> = {
  "string min/max": z.string().min(2).max(5),
  "string regex": z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9-]+$/),
  "time regex": z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  "regex with a long minimum": z
    .string()
    .trim()
    .min(20)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/),
  uuid: z.string().uuid(),
  "top-level uuid": z.uuid(),
  email: z.string().trim().toLowerCase().email().max(254),
  "int range": z.number().int().min(0).max(6),
  "exclusive double": z.number().positive().max(1),
  "unbounded number": z.number(),
  boolean: z.boolean(),
  enum: z.enum(["recovery", "aerobic", "tempo"]),
  literal: z.literal("draft"),
  "bounded array": z.array(z.string().uuid()).min(1).max(3),
  tuple: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]),
  optional: z.string().max(3).optional(),
  nullable: z.number().int().nullable(),
  default: z.number().int().min(1).max(104).default(26),
  union: z.union([z.literal("a"), z.number().int()]),
  "strict nested object": z.strictObject({
    race: z.strictObject({ distanceM: z.number().int().min(800).max(100_000) }).nullable(),
    note: z.string().optional(),
  }),
  "pipe (input side)": z
    .string()
    .max(10)
    .transform((s) => s.length),
};

describe("zodArbitrary, valid mode", () => {
  for (const [name, schema] of Object.entries(exact)) {
    it(`generates only values that parse: ${name}`, () => {
      fc.assert(
        fc.property(zodArbitrary(schema), (value) => schema.safeParse(value).success),
        { numRuns: 300 },
      );
    });
  }

  it("approximates refinements (the predicate is not generated), and overrides make them exact", () => {
    const realDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "Not a date");
    const schema = z.strictObject({ date: realDate });
    const approximate = fc.sample(zodArbitrary(schema), 200);
    expect(approximate.some((v) => !schema.safeParse(v).success)).toBe(true);

    const dates = fc
      .date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const exactDates = zodArbitrary(schema, { overrides: new Map([[realDate, dates]]) });
    fc.assert(
      fc.property(exactDates, (value) => schema.safeParse(value).success),
      { numRuns: 300 },
    );
  });

  it("draws formats from the arbitrary given for them (e.g. ids that exist)", () => {
    const known = ["7d4f7a52-2b6e-4c55-9d43-6b1f7c1e2a10", "0b3a3f3e-8f57-4a84-93a0-1f3b5c9d0e21"];
    const ids = zodArbitrary(z.object({ id: z.string().uuid() }), { formats: { uuid: fc.constantFrom(...known) } });
    for (const value of fc.sample(ids, 50)) expect(known).toContain((value as { id: string }).id);
  });

  it("leaves optional keys out sometimes, and keeps strict objects free of extra keys", () => {
    const schema = z.strictObject({ a: z.string(), b: z.number().optional(), c: z.boolean().default(false) });
    const samples = fc.sample(zodArbitrary(schema), 300) as Array<Record<string, unknown>>;
    expect(samples.some((s) => !("b" in s))).toBe(true);
    expect(samples.some((s) => "b" in s)).toBe(true);
    expect(samples.every((s) => Object.keys(s).every((k) => ["a", "b", "c"].includes(k)))).toBe(true);
  });
});

describe("zodArbitrary, hostile mode", () => {
  const schema = z.strictObject({
    orgSlug: z.string().max(64),
    run: z.strictObject({ rpe: z.number().int().min(1).max(10), notes: z.string().max(2000) }),
  });
  const samples = fc.sample(zodArbitrary(schema, { mode: "hostile" }), { numRuns: 3_000, seed: 42 });

  /** Every value reachable inside a sample (bounded, since some are nested thousands deep). */
  function* leaves(value: unknown, depth = 0): Generator<unknown> {
    yield value;
    if (depth > 6 || typeof value !== "object" || value === null) return;
    for (const key of Reflect.ownKeys(value)) yield* leaves((value as Record<PropertyKey, unknown>)[key], depth + 1);
  }
  const all = samples.flatMap((s) => [...leaves(s)]);

  it("mixes in what hostile clients send", () => {
    expect(all.some((v) => Number.isNaN(v))).toBe(true);
    expect(all.some((v) => v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY)).toBe(true);
    expect(all.some((v) => Object.is(v, -0))).toBe(true);
    expect(all.some((v) => typeof v === "string" && v.length > 10_000)).toBe(true);
    expect(all.some((v) => typeof v === "string" && v.includes("\u0000"))).toBe(true);
    expect(all.some((v) => typeof v === "object" && v !== null && Object.hasOwn(v, "__proto__"))).toBe(true);
    expect(all.some((v) => typeof v === "object" && v !== null && Object.hasOwn(v, "constructor"))).toBe(true);
    expect(samples.some((v) => typeof v === "object" && v !== null && Object.hasOwn(v, "org_id"))).toBe(true);
  });

  it("mostly keeps the shape, so refusals happen deep inside as well as at the top", () => {
    const results = samples.map((s) => schema.safeParse(s));
    const refused = results.filter((r) => !r.success).length;
    expect(refused).toBeGreaterThan(samples.length * 0.3);
    expect(refused).toBeLessThan(samples.length);
    const deepIssues = results.filter((r) => !r.success && r.error.issues.some((i) => i.path.length >= 2)).length;
    expect(deepIssues).toBeGreaterThan(0);
  });

  it("nests deeply sometimes", () => {
    const depthOf = (value: unknown): number => {
      let depth = 0;
      let node = value;
      while (typeof node === "object" && node !== null && depth < 10_000) {
        node = Array.isArray(node) ? node[0] : (node as Record<string, unknown>).a;
        depth++;
      }
      return depth;
    };
    expect(fc.sample(hostileValue, { numRuns: 2_000, seed: 7 }).some((v) => depthOf(v) >= 100)).toBe(true);
  });

  it("does not pollute Object.prototype while generating", () => {
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("polluted");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

describe("mergedInputSchema", () => {
  it("merges tRPC's input parsers into one object, strict if any is", () => {
    const merged = mergedInputSchema([
      z.object({ orgSlug: z.string() }),
      z.object({ orgSlug: z.string(), runId: z.string().uuid() }).strict(),
    ])!;
    expect(merged.safeParse({ orgSlug: "a", runId: "7d4f7a52-2b6e-4c55-9d43-6b1f7c1e2a10" }).success).toBe(true);
    expect(merged.safeParse({ orgSlug: "a", runId: "7d4f7a52-2b6e-4c55-9d43-6b1f7c1e2a10", org_id: "x" }).success).toBe(
      false,
    );
  });

  it("keeps refined objects' shapes, and is undefined without parsers", () => {
    const refined = z
      .object({ a: z.string().optional(), b: z.string().optional() })
      .refine((v) => (v.a === undefined) !== (v.b === undefined));
    expect(Object.keys((mergedInputSchema([refined]) as z.ZodObject).shape)).toEqual(["a", "b"]);
    expect(mergedInputSchema([])).toBeUndefined();
  });
});
