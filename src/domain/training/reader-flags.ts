/**
 * The flags one reader may see, in the order they should read them. The server applies this before
 * answering, so an athlete's browser never receives what is meant for the coach alone. Pure.
 */
import { isForAthlete, isForCoach, type Flag } from "~/domain/rules";

export type FlagAudienceReader = "athlete" | "coach";

/** Warnings before information; the engine's order within each (a stable sort). */
export function severityFirst<T extends Pick<Flag, "severity">>(flags: readonly T[]): T[] {
  return [...flags].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "warning" ? -1 : 1));
}

/** Athletes never get plan-measure flags (coach audience): they cannot change the plan. */
export function flagsForReader<T extends Pick<Flag, "severity" | "audience">>(
  flags: readonly T[],
  reader: FlagAudienceReader,
): T[] {
  return severityFirst(flags.filter(reader === "athlete" ? isForAthlete : isForCoach));
}
