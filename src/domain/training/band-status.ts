import type { Proportions } from "~/domain/rules";

export type BandStatus = "low" | "high" | "ok";

/** Float noise at a band's edge is not drift (the engine compares the same way). */
const EDGE = 1e-9;

/** Where each share of a mix stands against its target band (edges inclusive, like the engine). */
export function bandStatus(
  p: Proportions,
  bands: { aerobic: readonly [number, number]; recovery: readonly [number, number]; qualityMax: number },
) {
  const within = (share: number, lo: number, hi: number): BandStatus =>
    share < lo - EDGE ? "low" : share > hi + EDGE ? "high" : "ok";
  return {
    recovery: within(p.recovery, bands.recovery[0], bands.recovery[1]),
    aerobic: within(p.aerobic, bands.aerobic[0], bands.aerobic[1]),
    quality: within(p.quality, 0, bands.qualityMax),
  };
}
