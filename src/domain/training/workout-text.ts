/**
 * Structured sessions as one line of text, the way coaches write them on paper and in forums:
 *   "2k warm-up, 6 x 800m @ I pace w/ 400m jog, 2k cool-down"
 *   "10' E, 3 x 10' T / 2' jog, 10' E"
 * The grammar is documented in docs/workout-text.md. `parseWorkout` never throws: anything it does
 * not understand comes back as errors with the span of the text at fault, so the week builder can
 * underline it. `printWorkout` writes a structure back in the same grammar, so that print → parse
 * gives the same structure (property-tested). Pure; safe in the browser.
 */
import { workoutStepSchema, workoutStructureSchema, repeatBlockSchema } from "./workout-schema";
import type {
  StepAmount,
  StepIntent,
  StepTarget,
  TrainingPaceName,
  WorkoutItem,
  WorkoutStep,
  WorkoutStructure,
} from "./workout-structure";

export interface WorkoutTextError {
  /** Character offsets in the text, `to` exclusive. */
  readonly from: number;
  readonly to: number;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly structure: WorkoutStructure }
  | { readonly ok: false; readonly errors: readonly WorkoutTextError[] };

/** Longest text accepted: a long session written out is well under this. */
export const MAX_WORKOUT_TEXT_LENGTH = 1000;
const METRES_PER_MILE = 1609.344;

type TokenType = "number" | "clock" | "word" | "symbol";
interface Token {
  type: TokenType;
  text: string;
  from: number;
  to: number;
}

// Minute and second marks as typed on any keyboard: ' ’ ′ and " ” ″.
const TOKEN =
  /\s+|(\d+:\d{1,2}(?::\d{1,2})?)|(\d+(?:\.\d+)?|\.\d+)|([A-Za-z]+(?:-[A-Za-z]+)*)|(['’′"”″,/@()\-–—×*+])|([\s\S])/gy;

function tokenize(text: string): { tokens: Token[]; errors: WorkoutTextError[] } {
  const tokens: Token[] = [];
  const errors: WorkoutTextError[] = [];
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (TOKEN.lastIndex < text.length && (match = TOKEN.exec(text))) {
    const from = match.index;
    const to = from + match[0].length;
    if (match[1]) tokens.push({ type: "clock", text: match[1], from, to });
    else if (match[2]) tokens.push({ type: "number", text: match[2], from, to });
    else if (match[3]) tokens.push({ type: "word", text: match[3], from, to });
    else if (match[4]) tokens.push({ type: "symbol", text: normaliseSymbol(match[4]), from, to });
    else if (match[5]) errors.push({ from, to, message: `“${match[5]}” has no meaning here` });
  }
  return { tokens, errors };
}

function normaliseSymbol(symbol: string): string {
  if ("’′".includes(symbol)) return "'";
  if ("”″".includes(symbol)) return '"';
  if ("–—".includes(symbol)) return "-";
  if ("×*".includes(symbol)) return "x";
  return symbol;
}

const DISTANCE_UNITS: Record<string, number> = {
  m: 1,
  meter: 1,
  meters: 1,
  metre: 1,
  metres: 1,
  k: 1000,
  km: 1000,
  kms: 1000,
  mi: METRES_PER_MILE,
  mile: METRES_PER_MILE,
  miles: METRES_PER_MILE,
};
const TIME_UNITS: Record<string, number> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
};
const INTENT_WORDS: Record<string, StepIntent> = {
  "warm-up": "warmup",
  warmup: "warmup",
  wu: "warmup",
  "cool-down": "cooldown",
  cooldown: "cooldown",
  "warm-down": "cooldown",
  cd: "cooldown",
  jog: "recovery",
  recovery: "recovery",
  rec: "recovery",
  rest: "recovery",
  work: "work",
};
const PACE_NAMES: readonly TrainingPaceName[] = ["E", "M", "T", "I", "R"];
const asPaceName = (word: string): TrainingPaceName | null => PACE_NAMES.find((p) => p === word.toUpperCase()) ?? null;

/** Thrown inside the parser only, caught per part: `parseWorkout` itself never throws. */
class SyntaxProblem {
  constructor(
    readonly from: number,
    readonly to: number,
    readonly message: string,
  ) {}
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly end: number,
  ) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }
  next(): Token {
    const token = this.tokens[this.i++];
    if (!token) this.fail("Something is missing after this");
    return token;
  }
  isSymbol(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.type === "symbol" && t.text === text;
  }
  isWord(words: readonly string[], offset = 0): boolean {
    const t = this.peek(offset);
    return t?.type === "word" && words.includes(t.text.toLowerCase());
  }
  /** Points at `token`, or at the part's last token when the text ended too early. */
  fail(message: string, token: Token | undefined = this.peek()): never {
    const at = token ?? this.tokens[this.tokens.length - 1];
    if (!at) throw new SyntaxProblem(this.end, this.end, message);
    throw new SyntaxProblem(at.from, at.to, token ? message : `${message} (the text ends here)`);
  }

  /** item := INT "x" group | step */
  item(): WorkoutItem {
    const first = this.peek();
    if (first?.type === "number" && (this.isSymbol("x", 1) || this.isWord(["x"], 1))) {
      this.next();
      this.next();
      const times = Number(first.text);
      if (!Number.isInteger(times)) this.fail("Repeat a whole number of times", first);
      const from = first.from;
      const steps = this.group();
      const block = { kind: "repeat" as const, times, steps };
      const checked = repeatBlockSchema.safeParse(block);
      if (!checked.success) {
        throw new SyntaxProblem(from, this.peek(-1)?.to ?? this.end, checked.error.issues[0]!.message);
      }
      return block;
    }
    const step = this.step(false);
    return step;
  }

  /** group := "(" step (sep step)* ")" | step (sep step)* ; sep := "/" | "w/" | "with" | "+" */
  group(): WorkoutStep[] {
    const parenthesised = this.isSymbol("(");
    if (parenthesised) this.next();
    const steps = [this.step(true, 0)];
    const separator = () => {
      if (this.isSymbol("/") || this.isSymbol("+") || this.isWord(["with", "then"])) {
        this.next();
        return true;
      }
      if (this.isWord(["w"]) && this.isSymbol("/", 1)) {
        this.next();
        this.next();
        return true;
      }
      if (parenthesised && this.isSymbol(",")) {
        this.next();
        return true;
      }
      return false;
    };
    while (separator()) steps.push(this.step(true, steps.length));
    if (parenthesised) {
      if (!this.isSymbol(")")) this.fail("Close the bracket opened before the repeated steps");
      this.next();
    }
    return steps;
  }

  /**
   * step := amount qualifier* ; qualifier := intent word | pace letter ["pace"] | "@" target.
   * In a repeat, a step without an intent word is work if it comes first, recovery after.
   */
  step(inRepeat: boolean, index = 0): WorkoutStep {
    const start = this.peek();
    const amount = this.amount();
    let intent: StepIntent | null = null;
    let target: StepTarget | null = null;
    const setTarget = (value: StepTarget, token: Token) => {
      if (target) this.fail("One target per step", token);
      target = value;
    };
    for (;;) {
      const token = this.peek();
      if (!token) break;
      if (token.type === "word" && INTENT_WORDS[token.text.toLowerCase()]) {
        if (intent) this.fail("One kind of step at a time (warm-up, jog, cool-down…)", token);
        intent = INTENT_WORDS[token.text.toLowerCase()]!;
        this.next();
      } else if (token.type === "word" && asPaceName(token.text)) {
        this.next();
        setTarget({ type: "pace", pace: asPaceName(token.text)! }, token);
        if (this.isWord(["pace"])) this.next();
      } else if (this.isSymbol("@")) {
        this.next();
        setTarget(this.target(), token);
      } else break;
    }
    const after = this.peek();
    if (
      after &&
      !(after.type === "symbol" && [",", "/", "+", ")"].includes(after.text)) &&
      !this.isWord(["w", "with", "then"])
    ) {
      this.fail(
        after.type === "word"
          ? `“${after.text}” is not a step word: use warm-up, jog, cool-down, a pace (E M T I R) or @`
          : "Separate the parts of the session with commas",
        after,
      );
    }
    const step: WorkoutStep = {
      kind: "step",
      intent: intent ?? (inRepeat && index > 0 ? "recovery" : "work"),
      amount,
      target: target ?? { type: "open" },
    };
    const checked = workoutStepSchema.safeParse(step);
    if (!checked.success) {
      throw new SyntaxProblem(start?.from ?? this.end, this.peek(-1)?.to ?? this.end, checked.error.issues[0]!.message);
    }
    return step;
  }

  /** amount := NUMBER unit | NUMBER "'" [NUMBER '"'] | NUMBER '"' | CLOCK */
  amount(): StepAmount {
    const token = this.next();
    if (token.type === "clock") return { type: "time", seconds: clockSeconds(token.text) };
    if (token.type !== "number") {
      this.fail("Start each step with a time (10', 1:30, 20 min) or a distance (800m, 2k, 1 mi)", token);
    }
    const value = Number(token.text);
    const unit = this.peek();
    if (unit?.type === "symbol" && unit.text === "'") {
      this.next();
      let seconds = value * 60;
      if (this.peek()?.type === "number" && this.isSymbol('"', 1)) {
        seconds += Number(this.next().text);
        this.next();
      }
      return { type: "time", seconds: Math.round(seconds) };
    }
    if (unit?.type === "symbol" && unit.text === '"') {
      this.next();
      return { type: "time", seconds: Math.round(value) };
    }
    if (unit?.type === "word") {
      const word = unit.text.toLowerCase();
      if (DISTANCE_UNITS[word] !== undefined) {
        this.next();
        return { type: "distance", meters: Math.round(value * DISTANCE_UNITS[word]) };
      }
      if (TIME_UNITS[word] !== undefined) {
        this.next();
        return { type: "time", seconds: Math.round(value * TIME_UNITS[word]) };
      }
    }
    this.fail(
      `Give ${token.text} a unit: ${token.text}' or ${token.text} min for minutes, ${token.text}m, ${token.text}k or ${token.text} mi`,
      token,
    );
  }

  /** target := PACE ["pace"] | "HR" range ["bpm"] | "RPE" range | CLOCK ["-" CLOCK] "/" ("km"|"mi") */
  target(): StepTarget {
    const token = this.peek();
    if (!token) this.fail("Name a target after @: a pace (I, 4:10-4:20/km), HR 140-150 or RPE 7-8");
    if (token.type === "word" && asPaceName(token.text)) {
      this.next();
      if (this.isWord(["pace"])) this.next();
      return { type: "pace", pace: asPaceName(token.text)! };
    }
    if (this.isWord(["hr"])) {
      this.next();
      const [minBpm, maxBpm] = this.range("a heart rate, like HR 140-150");
      if (this.isWord(["bpm"])) this.next();
      return { type: "heartRate", minBpm, maxBpm };
    }
    if (this.isWord(["rpe"])) {
      this.next();
      const [min, max] = this.range("an RPE, like RPE 7-8");
      return { type: "rpe", min, max };
    }
    if (token.type === "clock") {
      this.next();
      let other = token;
      if (this.isSymbol("-")) {
        this.next();
        other = this.next();
        if (other.type !== "clock") this.fail("Write the pace range like 4:10-4:20/km", other);
      }
      if (!this.isSymbol("/")) this.fail("Say per what: /km or /mi", this.peek() ?? other);
      this.next();
      const unit = this.next();
      const perKm =
        unit.type === "word"
          ? { km: 1, k: 1, mi: 1000 / METRES_PER_MILE, mile: 1000 / METRES_PER_MILE }[unit.text.toLowerCase()]
          : undefined;
      if (perKm === undefined) this.fail("Paces are per km or per mi", unit);
      const a = Math.round(clockSeconds(token.text) * perKm);
      const b = Math.round(clockSeconds(other.text) * perKm);
      return { type: "paceRange", fastSPerKm: Math.min(a, b), slowSPerKm: Math.max(a, b) };
    }
    this.fail("After @ comes a pace (I, 4:10-4:20/km), HR 140-150 or RPE 7-8", token);
  }

  /** range := INT ["-" INT] (or "to"); the lower value first. */
  range(what: string): [number, number] {
    const first = this.next();
    if (first.type !== "number" || !Number.isInteger(Number(first.text))) this.fail(`Write ${what}`, first);
    let second = first;
    if (this.isSymbol("-") || this.isWord(["to"])) {
      this.next();
      second = this.next();
      if (second.type !== "number" || !Number.isInteger(Number(second.text))) this.fail(`Write ${what}`, second);
    }
    const a = Number(first.text);
    const b = Number(second.text);
    return [Math.min(a, b), Math.max(a, b)];
  }
}

/** "1:30" is 90 s (minutes:seconds), "1:05:00" is 65 min (hours:minutes:seconds). */
function clockSeconds(text: string): number {
  const parts = text.split(":").map(Number);
  return parts.length === 3 ? parts[0]! * 3600 + parts[1]! * 60 + parts[2]! : parts[0]! * 60 + parts[1]!;
}

/** Splits tokens at top-level commas (not inside brackets); each part knows the comma after it. */
function parts(tokens: readonly Token[]): Array<{ tokens: Token[]; comma: Token | null }> {
  const result: Array<{ tokens: Token[]; comma: Token | null }> = [{ tokens: [], comma: null }];
  let depth = 0;
  for (const token of tokens) {
    if (token.type === "symbol" && token.text === "(") depth++;
    if (token.type === "symbol" && token.text === ")") depth = Math.max(0, depth - 1);
    if (token.type === "symbol" && token.text === "," && depth === 0) {
      result[result.length - 1]!.comma = token;
      result.push({ tokens: [], comma: null });
    } else result[result.length - 1]!.tokens.push(token);
  }
  return result;
}

export function parseWorkout(text: string): ParseResult {
  if (text.length > MAX_WORKOUT_TEXT_LENGTH) {
    return {
      ok: false,
      errors: [
        { from: MAX_WORKOUT_TEXT_LENGTH, to: text.length, message: `At most ${MAX_WORKOUT_TEXT_LENGTH} characters` },
      ],
    };
  }
  const { tokens, errors } = tokenize(text);
  if (errors.length > 0) return { ok: false, errors };
  if (tokens.length === 0) {
    return {
      ok: false,
      errors: [{ from: 0, to: text.length, message: "Type the session, e.g. 10' E, 3 x 10' T / 2' jog, 10' E" }],
    };
  }
  const items: WorkoutItem[] = [];
  let previousComma: Token | null = null;
  for (const part of parts(tokens)) {
    if (part.tokens.length === 0) {
      const at = part.comma ?? previousComma!;
      errors.push({ from: at.from, to: at.to, message: "A comma with no step after it" });
      previousComma = part.comma;
      continue;
    }
    previousComma = part.comma;
    const end = part.tokens[part.tokens.length - 1]!.to;
    const parser = new Parser(part.tokens, end);
    try {
      items.push(parser.item());
      if (!parser.done()) parser.fail("Separate the parts of the session with commas");
    } catch (problem) {
      if (!(problem instanceof SyntaxProblem)) throw problem;
      errors.push({ from: problem.from, to: Math.max(problem.to, problem.from), message: problem.message });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const structure: WorkoutStructure = { items };
  const checked = workoutStructureSchema.safeParse(structure);
  if (!checked.success)
    return { ok: false, errors: [{ from: 0, to: text.length, message: checked.error.issues[0]!.message }] };
  return { ok: true, structure };
}

/** m:ss (or h:mm:ss) — the text grammar's clock; the domain cannot use src/lib's formatters. */
export function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** 800m, 1.5km: kilometres when the distance is a whole number of hundreds of metres from 1 km. */
export function printDistance(meters: number): string {
  return meters >= 1000 && meters % 100 === 0 ? `${meters / 1000}km` : `${meters}m`;
}

function printAmount(amount: StepAmount): string {
  if (amount.type === "distance") return printDistance(amount.meters);
  return amount.seconds % 60 === 0 ? `${amount.seconds / 60}'` : clock(amount.seconds);
}

const range = (a: number, b: number) => (a === b ? `${a}` : `${a}-${b}`);

export function printTarget(target: StepTarget): string {
  switch (target.type) {
    case "open":
      return "";
    case "pace":
      return `@ ${target.pace}`;
    case "paceRange":
      return target.fastSPerKm === target.slowSPerKm
        ? `@ ${clock(target.fastSPerKm)}/km`
        : `@ ${clock(target.fastSPerKm)}-${clock(target.slowSPerKm)}/km`;
    case "heartRate":
      return `@ HR ${range(target.minBpm, target.maxBpm)}`;
    case "rpe":
      return `@ RPE ${range(target.min, target.max)}`;
  }
}

const INTENT_TEXT: Record<StepIntent, string> = { warmup: "warm-up", work: "", recovery: "jog", cooldown: "cool-down" };

function printStep(step: WorkoutStep, inRepeat: boolean, index: number): string {
  // In a repeat, a bare step after the first is recovery: a work step there says so.
  const intent = step.intent === "work" && inRepeat && index > 0 ? "work" : INTENT_TEXT[step.intent];
  return [printAmount(step.amount), intent, printTarget(step.target)].filter(Boolean).join(" ");
}

export function printWorkout(structure: WorkoutStructure): string {
  return structure.items
    .map((item) =>
      item.kind === "repeat"
        ? `${item.times} x ${item.steps.map((step, i) => printStep(step, true, i)).join(" / ")}`
        : printStep(item, false, 0),
    )
    .join(", ");
}
