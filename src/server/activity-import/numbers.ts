export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** Seconds to the millisecond, metres to the centimetre: what devices themselves resolve. */
export const roundSeconds = (s: number): number => round(s, 3);
export const roundMetres = (m: number | null): number | null => (m === null ? null : round(m, 2));

/** Average of values weighted by durations, over the pairs where both are present. */
export function weightedMean(pairs: Array<{ value: number | null; weight: number | null }>): number | null {
  let sum = 0;
  let weights = 0;
  for (const { value, weight } of pairs) {
    if (value !== null && weight !== null && weight > 0) {
      sum += value * weight;
      weights += weight;
    }
  }
  return weights > 0 ? sum / weights : null;
}
