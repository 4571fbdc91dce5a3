/**
 * The demo organisation: two coaches and eight athletes with eight weeks of plans and runs, built
 * deterministically from a seed and the current week so a newcomer's first screen is alive.
 * Personas carry the drift the product exists to catch: easy days run too hard, weeks heavy on
 * quality, missed sessions and a sudden jump in load.
 */
import "server-only";
import { workoutTotals } from "~/domain/training/workout-paces";
import type { WorkoutStructure } from "~/domain/training/workout-structure";
import { parseWorkout } from "~/domain/training/workout-text";
import { seededRandom, type Random } from "./random";

export const DEMO_PASSWORD = "runbalance-demo";
export const DEMO_ORG = { slug: "riverside-rc", name: "Riverside Running Club" };
export const DEMO_WEEKS = 8;

type Kind = "recovery" | "aerobic" | "long" | "tempo" | "intervals" | "hills" | "race";
type Drift = "balanced" | "easy-too-hard" | "quality-heavy" | "misses-sessions" | "load-spike" | "long-recovery";

interface Persona {
  key: string;
  name: string;
  email: string;
  drift: Drift;
  /** Minutes scale of the athlete's usual week. */
  volume: number;
  units: "km" | "mi";
  timeZone: string;
  weekStartDay: number;
  /** Easy pace in seconds per km. */
  easyPace: number;
  coaches: number[];
  /** A recent race, so structured sessions show this athlete's own paces. */
  race?: { distanceM: number; timeS: number };
}

export const DEMO_COACHES = [
  { key: "coach-ada", name: "Ada Okafor", email: "ada@riverside.example", role: "owner" as const },
  { key: "coach-ben", name: "Ben Laurent", email: "ben@riverside.example", role: "coach" as const },
];

export const DEMO_ATHLETES: Persona[] = [
  {
    key: "maya",
    name: "Maya Chen",
    email: "maya@riverside.example",
    drift: "easy-too-hard",
    volume: 1,
    units: "km",
    timeZone: "Europe/London",
    weekStartDay: 1,
    easyPace: 350,
    coaches: [0],
  },
  {
    key: "tom",
    name: "Tom Becker",
    email: "tom@riverside.example",
    drift: "balanced",
    volume: 1.2,
    units: "km",
    timeZone: "Europe/Berlin",
    weekStartDay: 1,
    easyPace: 320,
    coaches: [0],
  },
  {
    key: "sofia",
    name: "Sofia Rossi",
    email: "sofia@riverside.example",
    drift: "quality-heavy",
    volume: 1.1,
    units: "km",
    timeZone: "Europe/Rome",
    weekStartDay: 1,
    easyPace: 330,
    coaches: [0],
  },
  {
    key: "james",
    name: "James Walker",
    email: "james@riverside.example",
    drift: "misses-sessions",
    volume: 0.8,
    units: "mi",
    timeZone: "America/New_York",
    weekStartDay: 0,
    easyPace: 380,
    coaches: [0],
  },
  {
    key: "priya",
    name: "Priya Nair",
    email: "priya@riverside.example",
    drift: "load-spike",
    volume: 0.9,
    units: "km",
    timeZone: "Europe/London",
    weekStartDay: 1,
    easyPace: 360,
    coaches: [0, 1],
    race: { distanceM: 5000, timeS: 24 * 60 + 30 },
  },
  {
    key: "lucas",
    name: "Lucas Moreau",
    email: "lucas@riverside.example",
    drift: "balanced",
    volume: 1.4,
    units: "km",
    timeZone: "Europe/Paris",
    weekStartDay: 1,
    easyPace: 300,
    coaches: [1],
    race: { distanceM: 10000, timeS: 37 * 60 + 30 },
  },
  {
    key: "emma",
    name: "Emma Jones",
    email: "emma@riverside.example",
    drift: "long-recovery",
    volume: 1,
    units: "mi",
    timeZone: "America/Chicago",
    weekStartDay: 1,
    easyPace: 370,
    coaches: [1],
  },
  {
    key: "noah",
    name: "Noah Svensson",
    email: "noah@riverside.example",
    drift: "easy-too-hard",
    volume: 1.1,
    units: "km",
    timeZone: "Europe/Stockholm",
    weekStartDay: 1,
    easyPace: 340,
    coaches: [1],
  },
];

interface TemplateSession {
  /** Day offset from the week's start. */
  day: number;
  kind: Kind;
  minutes: number;
  targetRpe: number;
  description: string;
  /** Its steps as a coach types them (workout-text.ts); the demo's only structured session. */
  workout?: string;
}

// A classic week: 60–80 % aerobic, 10–20 % recovery, the rest quality.
const BASE_WEEK: TemplateSession[] = [
  { day: 0, kind: "recovery", minutes: 25, targetRpe: 2, description: "Very easy, fully conversational" },
  { day: 1, kind: "intervals", minutes: 50, targetRpe: 8, description: "Warm-up, 6 × 800 m with 400 m jog, cool-down" },
  { day: 2, kind: "aerobic", minutes: 45, targetRpe: 5, description: "Steady aerobic" },
  { day: 3, kind: "recovery", minutes: 25, targetRpe: 2, description: "Easy jog, relaxed" },
  { day: 4, kind: "aerobic", minutes: 40, targetRpe: 5, description: "Steady aerobic with 6 strides" },
  { day: 5, kind: "long", minutes: 85, targetRpe: 5, description: "Long run at an even, comfortable effort" },
];

const TEMPO_SWAP: TemplateSession = {
  day: 1,
  kind: "tempo",
  minutes: 45,
  targetRpe: 7,
  description: "3 × 8 min at threshold, 2 min jog",
  workout: "10' warm-up, 3 x 8' T / 2' jog, 5' cool-down",
};

/** A session's steps, when it has them and they add up to its minutes (a persona's volume may scale it). */
function structureOf(session: TemplateSession): WorkoutStructure | null {
  if (!session.workout) return null;
  const parsed = parseWorkout(session.workout);
  if (!parsed.ok) throw new Error(`demo workout "${session.workout}" does not parse`);
  return workoutTotals(parsed.structure, null).seconds === session.minutes * 60 ? parsed.structure : null;
}

/**
 * The templates a new coach finds ready to use: the club's classic week and a lighter one. Both sit
 * within the default targets, so loading one shows what a week without flags looks like.
 */
export const STARTER_TEMPLATES: ReadonlyArray<{ name: string; sessions: readonly TemplateSession[] }> = [
  { name: "Starter: base week (6 runs)", sessions: BASE_WEEK },
  {
    name: "Starter: lighter week with tempo (5 runs)",
    sessions: [
      { day: 0, kind: "recovery", minutes: 25, targetRpe: 2, description: "Very easy, fully conversational" },
      { day: 1, kind: "aerobic", minutes: 45, targetRpe: 5, description: "Steady aerobic" },
      { day: 2, kind: "tempo", minutes: 30, targetRpe: 7, description: "2 × 8 min at threshold, 3 min jog" },
      { day: 4, kind: "aerobic", minutes: 40, targetRpe: 5, description: "Steady aerobic with 4 strides" },
      { day: 5, kind: "long", minutes: 75, targetRpe: 5, description: "Long run, relaxed" },
    ],
  },
];

/** A starter template's sessions in the form templates are saved in (by duration, no distance). */
export function starterSessions(sessions: readonly TemplateSession[]) {
  return sessions.map(({ day, kind, minutes, targetRpe, description }) => ({
    day,
    kind,
    durationMin: minutes,
    distanceM: null,
    targetRpe,
    description,
  }));
}

export interface DemoPlannedSession {
  date: string;
  kind: Kind;
  durationMin: number;
  targetRpe: number;
  description: string;
  structure: WorkoutStructure | null;
  position: number;
}

export interface DemoRun {
  date: string;
  startTime: string;
  kind: Kind;
  durationS: number;
  distanceM: number;
  rpe: number;
  notes: string;
  private: boolean;
  /** Index into the week's planned sessions, when the run fulfils one. */
  plannedIndex: number | null;
}

export interface DemoWeek {
  weekStart: string;
  status: "published" | "draft";
  sessions: DemoPlannedSession[];
  runs: DemoRun[];
}

const DAY_MS = 86_400_000;
const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Start (as "YYYY-MM-DD") of the week containing `today` for a week starting on `weekStartDay`. */
export function weekStartOf(today: string, weekStartDay: number): string {
  const ms = Date.parse(`${today}T00:00:00Z`);
  const back = (new Date(ms).getUTCDay() - weekStartDay + 7) % 7;
  return toDate(ms - back * DAY_MS);
}

const addDays = (date: string, days: number) => toDate(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);

const RPE_BY_KIND: Record<Kind, [number, number]> = {
  recovery: [2, 3],
  aerobic: [4, 6],
  long: [4, 6],
  tempo: [7, 8],
  intervals: [8, 9],
  hills: [7, 9],
  race: [9, 10],
};

const PACE_FACTOR: Record<Kind, number> = {
  recovery: 1.1,
  aerobic: 1,
  long: 1.03,
  tempo: 0.82,
  intervals: 0.85,
  hills: 0.95,
  race: 0.78,
};

function planWeek(persona: Persona, weekIndex: number, rnd: Random): TemplateSession[] {
  const week = BASE_WEEK.map((s) => (weekIndex % 2 === 1 && s.day === 1 ? TEMPO_SWAP : s));
  const scaled = week.map((s) => ({ ...s, minutes: Math.round((s.minutes * persona.volume) / 5) * 5 }));
  if (persona.drift === "quality-heavy" && weekIndex >= DEMO_WEEKS - 4) {
    // The coach let a third quality day creep in: hills instead of the Friday aerobic run.
    const friday = scaled.findIndex((s) => s.day === 4);
    scaled[friday] = { day: 4, kind: "hills", minutes: 45, targetRpe: 8, description: "8 × 60 s uphill, jog down" };
    scaled.push({ day: 6, kind: "tempo", minutes: 40, targetRpe: 7, description: "20 min tempo" });
  }
  if (persona.volume < 0.9) return scaled.filter((s) => s.day !== 3 || rnd.chance(0.3));
  return scaled;
}

function runFor(
  persona: Persona,
  session: TemplateSession,
  weekIndex: number,
  rnd: Random,
): Omit<DemoRun, "date" | "plannedIndex"> {
  let minutes = rnd.jitter(session.minutes, 0.1);
  let [lo, hi] = RPE_BY_KIND[session.kind];
  if (persona.drift === "easy-too-hard" && session.kind === "recovery") [lo, hi] = [4, 6];
  if (persona.drift === "easy-too-hard" && session.kind === "aerobic" && rnd.chance(0.3)) [lo, hi] = [7, 7];
  if (persona.drift === "long-recovery" && session.kind === "recovery") minutes = rnd.jitter(45, 0.1);
  if (persona.drift === "load-spike" && weekIndex === DEMO_WEEKS - 1) minutes *= 1.7;
  const rpe = rnd.int(lo, hi);
  const paceSPerKm = persona.easyPace * PACE_FACTOR[session.kind] * rnd.jitter(1, 0.03);
  const durationS = Math.round(minutes * 60);
  const notes =
    rpe >= 4 && session.kind === "recovery"
      ? "Felt good so I pushed a bit"
      : session.kind === "long" && rnd.chance(0.3)
        ? "Legs heavy in the last 20 minutes"
        : "";
  return {
    startTime: `${String(rnd.int(6, 8)).padStart(2, "0")}:${rnd.chance(0.5) ? "00" : "30"}`,
    kind: session.kind,
    durationS,
    distanceM: Math.round((durationS / paceSPerKm) * 1000),
    rpe,
    notes,
    private: rnd.chance(0.1),
  };
}

/**
 * Athletes whose latest planned session of the current week (before today) has no run: whatever the
 * day, one of them (James's weeks start on Sunday in New York, Emma's on Monday in Chicago) has a
 * missed session this week, which a newcomer (and e2e/season-days.spec.ts) can mark as excused.
 */
export const LEAVES_LATEST: ReadonlySet<string> = new Set(["james", "emma"]);

/** Eight weeks (seven past ones and the current one) for a persona, up to `today`. */
export function demoWeeks(persona: Persona, today: string, seed: number): DemoWeek[] {
  const rnd = seededRandom(seed);
  const currentStart = weekStartOf(today, persona.weekStartDay);
  const weeks: DemoWeek[] = [];
  for (let i = 0; i < DEMO_WEEKS; i++) {
    const weekStart = addDays(currentStart, (i - (DEMO_WEEKS - 1)) * 7);
    const template = planWeek(persona, i, rnd);
    const sessions = template.map((s, position) => ({
      date: addDays(weekStart, s.day),
      kind: s.kind,
      durationMin: s.minutes,
      targetRpe: s.targetRpe,
      description: s.description,
      structure: structureOf(s),
      position,
    }));
    const runs: DemoRun[] = [];
    // The latest session before today of the current week, left unrun for some (see LEAVES_LATEST).
    const leftOut =
      i === DEMO_WEEKS - 1 && LEAVES_LATEST.has(persona.key)
        ? template.findLastIndex((s) => addDays(weekStart, s.day) < today)
        : -1;
    template.forEach((s, index) => {
      const date = addDays(weekStart, s.day);
      if (date >= today) return; // not run yet
      if (index === leftOut) return;
      const missChance = persona.drift === "misses-sessions" ? 0.35 : 0.06;
      if (rnd.chance(missChance)) return;
      runs.push({ ...runFor(persona, s, i, rnd), date, plannedIndex: index });
    });
    // Now and then an extra easy run nobody planned.
    const extraDay = addDays(weekStart, 6);
    if (extraDay < today && rnd.chance(0.25)) {
      runs.push({ ...runFor(persona, BASE_WEEK[0]!, i, rnd), date: extraDay, plannedIndex: null });
    }
    weeks.push({ weekStart, status: "published", sessions, runs });
  }
  // Next week is being prepared: a draft the athlete cannot see yet.
  const nextStart = addDays(currentStart, 7);
  const next = planWeek(persona, DEMO_WEEKS, rnd);
  weeks.push({
    weekStart: nextStart,
    status: "draft",
    runs: [],
    sessions: next.map((s, position) => ({
      date: addDays(nextStart, s.day),
      kind: s.kind,
      durationMin: s.minutes,
      targetRpe: s.targetRpe,
      description: s.description,
      structure: structureOf(s),
      position,
    })),
  });
  return weeks;
}

export interface DemoExcusedDay {
  date: string;
  reason: "ill" | "injured" | "travelling" | "unavailable";
  note: string;
}

/**
 * A few excused days: for Maya and James, the latest missed session before the current week is
 * excused (ill; travelling), so their calendars show "Excused" where a red "missed" would have been;
 * Tom is away on a day of next week.
 */
export function demoExcusedDays(persona: Persona, weeks: readonly DemoWeek[], today: string): DemoExcusedDay[] {
  const currentStart = weekStartOf(today, persona.weekStartDay);
  const missed = weeks
    .filter((w) => w.weekStart < currentStart && w.status === "published")
    .flatMap((w) => w.sessions.flatMap((s, index) => (w.runs.some((r) => r.plannedIndex === index) ? [] : [s.date])));
  const latest = missed.at(-1);
  if (persona.key === "maya" && latest) return [{ date: latest, reason: "ill", note: "Head cold" }];
  if (persona.key === "james" && latest) return [{ date: latest, reason: "travelling", note: "Work trip" }];
  if (persona.key === "tom") return [{ date: addDays(currentStart, 9), reason: "unavailable", note: "Family wedding" }];
  return [];
}

export interface DemoCheckin {
  date: string;
  sleep: number;
  soreness: number;
  stress: number;
  mood: number;
  restingHr: number | null;
  note: string;
}

/** Days of check-ins seeded before today. */
export const DEMO_CHECKIN_DAYS = 28;

/**
 * Four weeks of daily check-ins up to yesterday (today's is the athlete's to make), most days
 * answered. Priya, whose load spiked, has slept poorly and been sore for the last three days: the
 * roster's neutral tag.
 */
export function demoCheckins(persona: Persona, today: string, seed: number): DemoCheckin[] {
  const rnd = seededRandom(seed);
  const rough = persona.drift === "load-spike";
  const checkins: DemoCheckin[] = [];
  for (let back = DEMO_CHECKIN_DAYS; back >= 1; back--) {
    const date = addDays(today, -back);
    const recent = back <= 3;
    if (!(rough && recent) && !rnd.chance(0.8)) continue;
    checkins.push({
      date,
      sleep: rough && recent ? rnd.int(1, 2) : rnd.int(3, 5),
      soreness: rough && recent ? rnd.int(4, 5) : rnd.int(1, 3),
      stress: rnd.int(1, 4),
      mood: rough && recent ? rnd.int(2, 3) : rnd.int(3, 5),
      restingHr: rnd.chance(0.6) ? rnd.int(44, 58) : null,
      note: rough && back === 1 ? "Legs heavy after the big week" : "",
    });
  }
  return checkins;
}
