/** A small seeded PRNG (mulberry32): the same seed always gives the same demo data. */
import "server-only";

export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** Integer in [min, max]. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    /** Multiplies by a factor in [1 - spread, 1 + spread]. */
    jitter: (value: number, spread: number) => value * (1 - spread + next() * 2 * spread),
  };
}

export type Random = ReturnType<typeof seededRandom>;
