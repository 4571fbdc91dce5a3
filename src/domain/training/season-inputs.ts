/**
 * What a race or a phase may be, as sent by the forms and checked again by the server (zod).
 */
import { z } from "zod";
import { isoDateSchema, plainText } from "./plan-inputs";
import { RACE_PRIORITIES } from "./season";
import { editableOverrideSchema } from "./settings-form";

const seconds = (what: string) =>
  z
    .number()
    .int()
    .min(1, `${what}: enter a time`)
    .max(14 * 24 * 3600, `${what}: at most two weeks`);

export const raceFieldsSchema = z.strictObject({
  name: plainText(120).pipe(z.string().min(1, "Name the race")),
  date: isoDateSchema,
  distanceM: z.number().int().min(100, "A race of at least 100 m").max(1_000_000, "A race of at most 1000 km"),
  priority: z.enum(RACE_PRIORITIES),
  goalTimeS: seconds("Goal time").nullable(),
  resultTimeS: seconds("Result").nullable(),
  note: plainText(2000),
});
export type RaceFields = z.output<typeof raceFieldsSchema>;

export const phaseFieldsSchema = z
  .strictObject({
    name: plainText(60).pipe(z.string().min(1, "Name the phase")),
    startDate: isoDateSchema,
    endDate: isoDateSchema,
    settings: editableOverrideSchema,
  })
  .refine((p) => p.endDate >= p.startDate, { error: "The phase must end on or after its start", path: ["endDate"] });
export type PhaseFields = z.output<typeof phaseFieldsSchema>;
