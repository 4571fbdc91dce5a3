import "server-only";
import { Encoder, Profile, type Mesg } from "@garmin/fitsdk";
import type { StepIntent } from "~/domain/training/workout-structure";
import { isRepeat, type WatchItem, type WatchStep, type WatchWorkout } from "~/domain/training/workout-watch";

/** Message numbers from the SDK's profile (its typings say any of them may be missing). */
const FILE_ID = Profile.MesgNum.FILE_ID ?? 0;
const WORKOUT = Profile.MesgNum.WORKOUT ?? 26;
const WORKOUT_STEP = Profile.MesgNum.WORKOUT_STEP ?? 27;

/** FIT intensity of each step's intent: Garmin shows warm-up, cool-down and recovery differently. */
const INTENSITY: Record<StepIntent, string> = {
  warmup: "warmup",
  work: "active",
  recovery: "recovery",
  cooldown: "cooldown",
};

/** FIT strings are fixed-size on many watches: longer names are cut by the device, so we cut first. */
const MAX_NAME = 40;
const MAX_NOTES = 100;
/** FIT's custom heart-rate targets are bpm + 100 (values up to 100 mean % of max heart rate). */
const HEART_RATE_OFFSET = 100;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Speed in FIT's raw unit (mm/s) for a pace in seconds per km. */
const rawSpeed = (sPerKm: number) => Math.round((1000 / sPerKm) * 1000);

function stepFields(step: WatchStep, index: number): Record<string, unknown> {
  const { amount, target } = step;
  const fields: Record<string, unknown> = {
    messageIndex: index,
    wktStepName: clip(step.name, MAX_NAME),
    intensity: INTENSITY[step.intent],
    // What the athlete reads on the watch beside the numbers; for an RPE, all there is.
    ...(target.words ? { notes: clip(target.words, MAX_NOTES) } : {}),
    // The encoder writes the main field in its raw unit (it knows nothing of sub-fields): ms and cm.
    durationType: amount.type === "time" ? "time" : "distance",
    durationValue: amount.type === "time" ? Math.round(amount.seconds * 1000) : Math.round(amount.meters * 100),
  };
  if (target.type === "pace") {
    // low is the slow end (lower speed), high the fast end; 0 in target_value means "custom range".
    Object.assign(fields, {
      targetType: "speed",
      targetValue: 0,
      customTargetValueLow: rawSpeed(target.slowSPerKm),
      customTargetValueHigh: rawSpeed(target.fastSPerKm),
    });
  } else if (target.type === "heartRate") {
    Object.assign(fields, {
      targetType: "heartRate",
      targetValue: 0,
      customTargetValueLow: Math.round(target.minBpm) + HEART_RATE_OFFSET,
      customTargetValueHigh: Math.round(target.maxBpm) + HEART_RATE_OFFSET,
    });
  } else {
    // The watch cannot measure an RPE: the step is open, its notes say the effort.
    fields.targetType = "open";
  }
  return fields;
}

/**
 * The FIT `workout_step` messages of a workout, in order: a repeat is its steps followed by a
 * `repeat_until_steps_cmplt` step naming the first of them (duration_value) and the count
 * (target_value), which is how Garmin's own workouts encode "6 × (800 m, 400 m jog)".
 */
export function workoutStepMessages(items: readonly WatchItem[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const item of items) {
    if (isRepeat(item)) {
      const first = out.length;
      for (const step of item.steps) out.push(stepFields(step, out.length));
      out.push({
        messageIndex: out.length,
        durationType: "repeatUntilStepsCmplt",
        durationValue: first,
        targetType: "open",
        targetValue: item.times,
      });
    } else {
      out.push(stepFields(item, out.length));
    }
  }
  return out;
}

/**
 * A FIT workout file (file type "workout") for a watch, written with Garmin's own encoder: file_id,
 * one workout message, then its steps. `createdAt` is the app clock's instant (FIT keeps seconds).
 */
export function encodeFitWorkout(workout: WatchWorkout, createdAt: Date): Uint8Array {
  const steps = workoutStepMessages(workout.items);
  const encoder = new Encoder();
  encoder.onMesg(FILE_ID, {
    type: "workout",
    manufacturer: "development",
    product: 0,
    serialNumber: 1,
    timeCreated: createdAt,
  } as Mesg);
  encoder.onMesg(WORKOUT, {
    wktName: clip(workout.name, MAX_NAME),
    sport: "running",
    subSport: "generic",
    numValidSteps: steps.length,
  } as Mesg);
  for (const step of steps) encoder.onMesg(WORKOUT_STEP, step as Mesg);
  return encoder.close();
}
