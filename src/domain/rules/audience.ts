/** Who reads a flag: the athlete's pages show only theirs, the coach's only theirs. */
import type { Flag } from "./types";

/** Everything but the coach's own flags (the plan's: an athlete cannot change the plan). */
export function isForAthlete(flag: Pick<Flag, "audience">): boolean {
  return flag.audience !== "coach";
}

/** Everything but flags meant for the athlete alone. */
export function isForCoach(flag: Pick<Flag, "audience">): boolean {
  return flag.audience !== "athlete";
}
