/** The wellness check-in's input schema, for the server (zod stays out of the phone's first load). */
import { z } from "zod";
import { RESTING_HR_RANGE, WELLNESS_NOTE_MAX } from "./wellness";

const score = (legend: string) =>
  z
    .number({ error: `Choose how your ${legend.toLowerCase()} is` })
    .int()
    .min(1, `Choose 1 to 5 for ${legend.toLowerCase()}`)
    .max(5, `Choose 1 to 5 for ${legend.toLowerCase()}`);

/** What the form sends (and the server checks again). */
export const wellnessValuesSchema = z.strictObject({
  sleep: score("sleep"),
  soreness: score("soreness"),
  stress: score("stress"),
  mood: score("mood"),
  restingHr: z
    .number()
    .int("Enter whole beats per minute")
    .min(RESTING_HR_RANGE[0], `Resting heart rate is between ${RESTING_HR_RANGE[0]} and ${RESTING_HR_RANGE[1]}`)
    .max(RESTING_HR_RANGE[1], `Resting heart rate is between ${RESTING_HR_RANGE[0]} and ${RESTING_HR_RANGE[1]}`)
    .nullable(),
  note: z.string().trim().max(WELLNESS_NOTE_MAX, `Keep the note under ${WELLNESS_NOTE_MAX} characters`),
});
