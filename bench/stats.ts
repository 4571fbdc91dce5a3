/** Small statistics helpers shared by the bench sections. */

/** The q-quantile (0…1) of the samples, nearest-rank. */
export function percentile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Runs `work` `warmUp` times untimed, then `runs` times timed; milliseconds per run. */
export async function timeRuns(
  work: () => Promise<unknown>,
  options: { warmUp: number; runs: number; afterWarmUp?: () => void },
): Promise<number[]> {
  for (let i = 0; i < options.warmUp; i++) await work();
  options.afterWarmUp?.();
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples;
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
export const grouped = (n: number) => Math.round(n).toLocaleString("en-US");
