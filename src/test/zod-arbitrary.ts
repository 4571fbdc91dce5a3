/**
 * fast-check arbitraries from zod 4 schemas, for fuzzing tRPC inputs (zod-fast-check, the library for
 * this, supports only zod 3 and fast-check 3).
 *
 * Two modes:
 * - "valid": values shaped like the schema (right keys, types, lengths, ranges, formats, regexes).
 *   Refinements and transforms are approximated (their input side is generated and the predicate
 *   ignored), so some values are still refused; pass `overrides` for schemas whose refinement matters.
 * - "hostile": the same shapes with, at every level, a chance of a hostile value instead: anything
 *   at all, oversized strings, NaN/±Infinity/-0, deep nesting, NUL characters, `__proto__` /
 *   `constructor` keys, extra fields and missing ones.
 */
import fc from "fast-check";
import { z } from "zod";

export type ArbitraryMode = "valid" | "hostile";

export interface ArbitraryOptions {
  mode?: ArbitraryMode;
  /** Arbitraries for particular schemas, matched by identity: a real date for a refined string, a known slug. */
  overrides?: ReadonlyMap<unknown, fc.Arbitrary<unknown>>;
  /** Arbitraries for string formats ("uuid", "email", …), e.g. ids that exist in the database. */
  formats?: Readonly<Record<string, fc.Arbitrary<string>>>;
  /** Longest string generated in valid mode when the schema has no smaller maximum (default 64). */
  maxStringLength?: number;
}

interface Context extends Required<Omit<ArbitraryOptions, "overrides" | "formats">> {
  overrides: ReadonlyMap<unknown, fc.Arbitrary<unknown>>;
  formats: Readonly<Record<string, fc.Arbitrary<string>>>;
}

/** What a schema's checks say, whatever kind of check said it. */
interface Bounds {
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  minExcluded?: boolean;
  maxExcluded?: boolean;
  integer?: boolean;
  format?: string;
  patterns: RegExp[];
  /** zod's in-place rewrites of a string (trim, toLowerCase), applied before its length checks. */
  overwrites: Array<(value: string) => string>;
}

/** The fields of a check definition this converter reads (zod's own types are a wide union). */
interface CheckDef {
  check?: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  tx?: (value: string) => string;
}

type AnySchema = z.core.$ZodType;
const defOf = (schema: AnySchema) => (schema as z.core.$ZodTypes)._zod.def;

function boundsOf(schema: AnySchema): Bounds {
  const def = defOf(schema) as unknown as CheckDef & { checks?: Array<{ _zod: { def: CheckDef } }> };
  const bounds: Bounds = { patterns: [], overwrites: [] };
  // `z.uuid()` carries its format on the schema itself; `z.string().uuid()` as a check.
  const defs = [def, ...(def.checks ?? []).map((c) => c._zod.def)];
  for (const d of defs) {
    if (d.format && d.format !== "regex") bounds.format ??= d.format;
    if (d.pattern instanceof RegExp) bounds.patterns.push(d.pattern);
    switch (d.check) {
      case "overwrite":
        if (d.tx) bounds.overwrites.push(d.tx);
        break;
      case "min_length":
        bounds.minLength = Math.max(bounds.minLength ?? 0, d.minimum ?? 0);
        break;
      case "max_length":
        bounds.maxLength = Math.min(bounds.maxLength ?? Infinity, d.maximum ?? Infinity);
        break;
      case "length_equals":
        bounds.minLength = bounds.maxLength = d.value ?? (d as { length?: number }).length;
        break;
      case "greater_than":
        bounds.min = d.value;
        bounds.minExcluded = !d.inclusive;
        break;
      case "less_than":
        bounds.max = d.value;
        bounds.maxExcluded = !d.inclusive;
        break;
      case "number_format":
        bounds.integer = d.format === "safeint" || d.format === "int32" || d.format === "uint32";
        break;
    }
  }
  return bounds;
}

// ── valid shapes ────────────────────────────────────────────────────────────────────────────────

const oneOf = (unit: "grapheme-ascii" | "grapheme") => fc.string({ unit, minLength: 1, maxLength: 1 });
/** Mostly printable ASCII, some of the rest of Unicode (accents, emoji, astral symbols). */
const textUnit = fc.oneof(
  { arbitrary: oneOf("grapheme-ascii"), weight: 4 },
  { arbitrary: oneOf("grapheme"), weight: 1 },
);

function stringArbitrary(schema: AnySchema, ctx: Context): fc.Arbitrary<string> {
  const b = boundsOf(schema);
  const minLength = b.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(b.maxLength ?? Infinity, ctx.maxStringLength));
  // Lengths are checked after zod's own overwrites (trim, toLowerCase), in UTF-16 units like zod.
  const fitsLength = (s: string) => {
    const value = b.overwrites.reduce((v, tx) => tx(v), s);
    return value.length >= minLength && value.length <= (b.maxLength ?? Infinity);
  };
  const custom = b.format ? ctx.formats[b.format] : undefined;
  if (custom) return custom;
  if (b.format === "uuid" || b.format === "guid") return fc.uuid();
  const [pattern, ...others] = b.patterns;
  if (!pattern) return filterIfLikely(fc.string({ minLength, maxLength, unit: textUnit }), fitsLength);
  // Only the first pattern generates; the others (rare) filter, like the length bounds.
  const matching = fc.stringMatching(withLengthBounds(pattern, minLength, maxLength));
  return filterIfLikely(matching, (s) => fitsLength(s) && others.every((p) => p.test(s)));
}

/**
 * `^[a-z0-9-]+$` with lengths 20..100 becomes `^[a-z0-9-]{20,100}$`: fast-check's strings from a
 * regex are short, so filtering them by length alone could loop for ever.
 */
function withLengthBounds(pattern: RegExp, minLength: number, maxLength: number): RegExp {
  const repeated = /^\^(\[[^\]]+\]|\\?.)[+*]\$$/.exec(pattern.source);
  return repeated ? new RegExp(`^${repeated[1]}{${minLength},${maxLength}}$`, pattern.flags) : pattern;
}

/**
 * A filter, when it keeps a fair share of values (fast-check retries a filter until it passes, so a
 * rare pass is a hang); otherwise the values unfiltered, as an approximation.
 */
function filterIfLikely<T>(arbitrary: fc.Arbitrary<T>, keep: (value: T) => boolean): fc.Arbitrary<T> {
  const kept = fc.sample(arbitrary, { numRuns: 100, seed: 1 }).filter(keep).length;
  return kept >= 10 ? arbitrary.filter(keep) : arbitrary;
}

function numberArbitrary(schema: AnySchema): fc.Arbitrary<number> {
  const b = boundsOf(schema);
  if (b.integer) {
    const min = b.min === undefined ? -(2 ** 31) : b.minExcluded ? Math.floor(b.min) + 1 : Math.ceil(b.min);
    const max = b.max === undefined ? 2 ** 31 - 1 : b.maxExcluded ? Math.ceil(b.max) - 1 : Math.floor(b.max);
    return fc.integer({ min, max });
  }
  return fc.double({
    min: b.min ?? -1e9,
    max: b.max ?? 1e9,
    minExcluded: b.minExcluded ?? false,
    maxExcluded: b.maxExcluded ?? false,
    noNaN: true,
    noDefaultInfinity: true,
  });
}

/** An object's arbitrary: optional (and defaulted) keys may be absent, as zod allows. */
function objectArbitrary(shape: Record<string, AnySchema>, ctx: Context): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const [key, field] of Object.entries(shape)) {
    const optional = defOf(field).type === "optional" || defOf(field).type === "default";
    model[key] = convert(optional ? (defOf(field) as { innerType: AnySchema }).innerType : field, ctx);
    if (!optional) requiredKeys.push(key);
  }
  const record = fc.record(model, { requiredKeys });
  return ctx.mode === "hostile" ? withHostileKeys(record) : record;
}

function validShape(schema: AnySchema, ctx: Context): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case "string":
      return stringArbitrary(schema, ctx);
    case "number":
      return numberArbitrary(schema);
    case "boolean":
      return fc.boolean();
    case "bigint":
      return fc.bigInt();
    case "date":
      return fc.date({ noInvalidDate: true });
    case "null":
      return fc.constant(null);
    case "undefined":
    case "void":
      return fc.constant(undefined);
    case "enum":
      return fc.constantFrom(...Object.values(def.entries));
    case "literal":
      return fc.constantFrom(...def.values);
    case "array": {
      const b = boundsOf(schema);
      return fc.array(convert(def.element, ctx), { minLength: b.minLength ?? 0, maxLength: b.maxLength ?? 10 });
    }
    case "tuple":
      return fc.tuple(...def.items.map((item) => convert(item, ctx)));
    case "object":
      return objectArbitrary(def.shape, ctx);
    case "record":
      return fc.dictionary(convert(def.keyType, ctx) as fc.Arbitrary<string>, convert(def.valueType, ctx), {
        maxKeys: 5,
      });
    case "union":
      return fc.oneof(...def.options.map((option) => convert(option, ctx)));
    case "intersection":
      return fc.tuple(convert(def.left, ctx), convert(def.right, ctx)).map(([l, r]) => mergeValues(l, r));
    case "optional":
    case "default":
    case "prefault":
      return fc.option(convert(def.innerType, ctx), { nil: undefined });
    case "nullable":
      return fc.option(convert(def.innerType, ctx), { nil: null });
    case "readonly":
    case "catch":
    case "nonoptional":
    case "success":
      return convert(def.innerType, ctx);
    case "pipe":
      // The input side: what a client sends before the transform or the next stage.
      return convert(def.in, ctx);
    case "lazy":
      return fc.constant(null).chain(() => convert(def.getter(), ctx));
    default:
      // any, unknown, custom and the exotic: anything goes.
      return fc.jsonValue();
  }
}

function mergeValues(left: unknown, right: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  return isObject(left) && isObject(right) ? { ...left, ...right } : right;
}

// ── hostile values ──────────────────────────────────────────────────────────────────────────────

const specialNumbers = fc.constantFrom(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0.5,
  -1,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_SAFE_INTEGER - 2,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  2 ** 31,
  -(2 ** 31) - 1,
  1e21,
);

/** Strings a database or a parser may choke on: NUL, lone surrogates, huge ones, injection-looking ones. */
const nastyStrings = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "\uD800",
    "\uDFFF\uD800",
    "'; drop table runs; --",
    "%00",
    "../../etc/passwd",
    "\u202Egnp.exe",
    "null",
    "NaN",
    "__proto__",
  ),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 3 }), fc.integer({ min: 1_000, max: 200_000 }))
    .map(([s, n]) => s.repeat(n)),
);

/**
 * Nesting far deeper than any input needs, as arrays or objects. At most 1,000 levels: deeper, and
 * fast-check's own reporting of a failing value overflows the stack and hides the real failure.
 */
const deepNesting = fc.tuple(fc.integer({ min: 100, max: 1_000 }), fc.boolean()).map(([depth, asArray]) => {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
});

/** An object whose own `__proto__` key is data, the way JSON.parse makes it (a literal would set the prototype). */
const protoKeyed = fc
  .tuple(
    fc.constantFrom("__proto__", "constructor", "prototype"),
    fc.constantFrom<unknown>({ polluted: true }, { isAdmin: true }, { toString: 1 }, null),
  )
  .map(([key, value]) => JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value)}}`) as Record<string, unknown>);

const anything = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});

/** One hostile value, of any kind: used in place of a field, an item or the whole input. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: anything, weight: 4 },
  { arbitrary: specialNumbers, weight: 2 },
  { arbitrary: nastyStrings, weight: 3 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: protoKeyed, weight: 1 },
  { arbitrary: fc.constantFrom<unknown>(null, undefined, true, [], {}, 0, ""), weight: 2 },
);

const EXTRA_KEYS = ["__proto__", "constructor", "prototype", "org_id", "orgId", "role", "userId", "isAdmin"];

/** `arbitrary`'s value once in `n` times, null otherwise (fc.option is the other way round). */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, n: number) =>
  fc.oneof({ arbitrary: fc.constant(null), weight: n - 1 }, { arbitrary, weight: 1 });

/** Sometimes an extra key (the dangerous names first), sometimes a missing one. */
function withHostileKeys(record: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const extraKey = fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 10 }));
  return fc
    .tuple(record, sometimes(fc.tuple(extraKey, hostileValue), 4), sometimes(fc.nat(), 6))
    .map(([value, extra, dropIndex]) => {
      const copy: Record<string, unknown> = { ...value };
      if (dropIndex !== null) {
        const keys = Object.keys(copy);
        if (keys.length > 0) delete copy[keys[dropIndex % keys.length]!];
      }
      // defineProperty, so `__proto__` becomes an own data property and not the object's prototype.
      if (extra)
        Object.defineProperty(copy, extra[0], {
          value: extra[1],
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return copy;
    });
}

// ── entry points ────────────────────────────────────────────────────────────────────────────────

/** Hostile values of the schema's own type: where a string goes, the strings that hurt most often. */
function hostileOfType(schema: AnySchema): fc.Arbitrary<unknown> | null {
  const type = defOf(schema).type;
  if (type === "string") return nastyStrings;
  if (type === "number") return specialNumbers;
  return null;
}

function convert(schema: AnySchema, ctx: Context): fc.Arbitrary<unknown> {
  const override = ctx.overrides.get(schema);
  const shaped = override ?? validShape(schema, ctx);
  if (ctx.mode === "valid") return shaped;
  // At every level: mostly the right shape (itself possibly hostile inside), sometimes anything,
  // and as often a hostile value of the right type, which gets past type checks to deeper code.
  const ofType = hostileOfType(schema);
  return fc.oneof(
    { arbitrary: shaped, weight: 4 },
    { arbitrary: hostileValue, weight: 1 },
    ...(ofType ? [{ arbitrary: ofType, weight: 1 }] : []),
  );
}

/** An arbitrary for values of `schema` (see the file comment for the two modes). */
export function zodArbitrary(schema: AnySchema, options: ArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const ctx: Context = {
    mode: options.mode ?? "valid",
    overrides: options.overrides ?? new Map(),
    formats: options.formats ?? {},
    maxStringLength: options.maxStringLength ?? 64,
  };
  return convert(schema, ctx);
}

/** The object shape behind a schema (through refinements, which keep it, and pipes' input side). */
function shapeOf(schema: AnySchema): { shape: Record<string, AnySchema>; strict: boolean } | null {
  const def = defOf(schema);
  if (def.type === "pipe") return shapeOf(def.in);
  if (def.type !== "object") return null;
  return { shape: def.shape, strict: def.catchall !== undefined && defOf(def.catchall).type === "never" };
}

/**
 * One schema for a tRPC procedure's input parsers (`procedure._def.inputs`): tRPC parses the input
 * with each and merges the results, so object shapes are merged (strict if any is). Undefined when the
 * procedure takes no input; the last parser when one is not an object.
 */
export function mergedInputSchema(inputs: readonly unknown[]): z.ZodType | undefined {
  if (inputs.length === 0) return undefined;
  const shapes = inputs.map((input) => shapeOf(input as AnySchema));
  if (shapes.some((s) => s === null)) return inputs.at(-1) as z.ZodType;
  const merged = Object.assign({}, ...shapes.map((s) => s!.shape)) as Record<string, z.ZodType>;
  return shapes.some((s) => s!.strict) ? z.strictObject(merged) : z.object(merged);
}
