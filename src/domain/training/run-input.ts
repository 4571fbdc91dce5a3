/**
 * The rules for a logged run, shared by the phone form (messages at each field, before sending)
 * and the server (which decides). Canonical units: seconds and metres.
 */
import { z } from "zod";
import { isValidDate, SESSION_KINDS } from "~/domain/rules";
import { MAX_RUN_METRES, MAX_RUN_SECONDS } from "./run-values";

export { futureDateProblem, MAX_RUN_METRES, MAX_RUN_SECONDS, parseDuration } from "./run-values";

export const runFieldsSchema = z
  .object({
    date: z.string().refine(isValidDate, "Enter a real date"),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter a time like 07:30"),
    kind: z.enum(SESSION_KINDS, { error: "Choose what kind of run it was" }),
    durationS: z
      .number({ error: "Enter how long you ran" })
      .int("Whole seconds only")
      .min(60, "A run lasts at least a minute")
      .max(MAX_RUN_SECONDS, "That is longer than 24 hours"),
    distanceM: z
      .number()
      .int()
      .min(0, "Distance cannot be negative")
      .max(MAX_RUN_METRES, "That is more than 300 km: check the distance and its unit")
      .nullable(),
    rpe: z
      .number({ error: "Rate the effort from 1 to 10" })
      .int("Rate the effort with a whole number")
      .min(1, "RPE goes from 1 (very easy) to 10 (all out)")
      .max(10, "RPE goes from 1 (very easy) to 10 (all out)"),
    notes: z.string().max(2000, "Notes are limited to 2,000 characters").default(""),
    private: z.boolean().default(false),
    plannedSessionId: z.string().uuid().nullable().default(null),
  })
  .strict();

export type RunFieldsInput = z.input<typeof runFieldsSchema>;
