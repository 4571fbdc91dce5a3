import "server-only";
import { addDays, DEFAULT_SETTINGS, type TrainingSettings } from "~/domain/rules";
import { resolveSettings } from "~/domain/rules/parse";
import { phaseForWeek } from "~/domain/training/season";
import type { Tx } from "~/server/db/connection";
import { phasesBetween, type PhaseRow } from "~/server/data/season";

/** The settings that judge one week of one athlete, and the phase they come from (if any). */
export interface WeekSettings {
  settings: TrainingSettings;
  phase: Pick<PhaseRow, "id" | "name" | "startDate" | "endDate"> | null;
}

/** Answers "which settings judge this athlete's week?" for the athletes and weeks it was built for. */
export type WeekSettingsOf = (athleteId: string, weekStart: string) => WeekSettings;

/** What resolving needs to know about an athlete (an AthleteContext or a roster row has it). */
export interface SettingsSubject {
  athleteId: string;
  trainingSettings: unknown;
}

/** Stored layers were validated on save, so this falls back only defensively. */
function resolved(layers: unknown[]): TrainingSettings {
  const result = resolveSettings(...layers);
  return result.ok ? result.value : DEFAULT_SETTINGS;
}

/**
 * THE place the settings judging a week are resolved (ADR 016): built-in defaults < organisation
 * default < athlete override < the override of the athlete's phase holding most of the week's days
 * (a tie goes to the later phase). Every evaluation of weeks goes through it. One query for any
 * number of athletes and weeks (their phases overlapping `weekStarts`); each distinct combination of
 * layers is validated once, since validation costs more than anything else per athlete.
 */
export async function settingsForWeeks(
  tx: Tx,
  org: { id: string; trainingSettings: unknown },
  athletes: readonly SettingsSubject[],
  weekStarts: readonly string[],
): Promise<WeekSettingsOf> {
  const sorted = [...weekStarts].sort();
  const phases =
    sorted.length === 0
      ? new Map<string, PhaseRow[]>()
      : await phasesBetween(
          tx,
          org.id,
          athletes.map((a) => a.athleteId),
          sorted[0]!,
          addDays(sorted[sorted.length - 1]!, 6),
        );
  return weekSettingsResolver(org.trainingSettings, athletes, phases);
}

/** settingsForWeeks' in-memory part, for callers that already hold the phases. */
export function weekSettingsResolver(
  orgSettings: unknown,
  athletes: readonly SettingsSubject[],
  phasesByAthlete: ReadonlyMap<string, readonly PhaseRow[]>,
): WeekSettingsOf {
  const overrides = new Map(athletes.map((a) => [a.athleteId, a.trainingSettings]));
  const cache = new Map<string, TrainingSettings>();
  const settingsOf = (athleteOverride: unknown, phaseOverride: unknown) => {
    const key = `${JSON.stringify(athleteOverride) ?? ""}\u0000${JSON.stringify(phaseOverride) ?? ""}`;
    let settings = cache.get(key);
    if (!settings) cache.set(key, (settings = resolved([orgSettings, athleteOverride, phaseOverride])));
    return settings;
  };
  return (athleteId, weekStart) => {
    const phase = phaseForWeek(phasesByAthlete.get(athleteId) ?? [], weekStart);
    return {
      settings: settingsOf(overrides.get(athleteId), phase?.settings),
      phase: phase && { id: phase.id, name: phase.name, startDate: phase.startDate, endDate: phase.endDate },
    };
  };
}
