// Statistics over repeated runs: a shared machine makes single runs noisy, so figures are medians.

/** The value below which `fraction` of the samples lie (nearest rank). */
export function percentile(samples: readonly number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export const median = (samples: readonly number[]): number => percentile(samples, 0.5);

/** Runs `measure` `times` times, one after another: overlapping runs would slow each other. */
export async function repeat<T>(times: number, measure: (run: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let run = 0; run < times; run++) results.push(await measure(run));
  return results;
}

/**
 * Starts run i at i × `gapMs` without waiting for the others: for runs that mostly wait on a
 * timer (a connect time-out), whose busy moments then fall apart.
 */
export function staggered<T>(
  times: number,
  gapMs: number,
  measure: () => Promise<T>,
): Promise<T[]> {
  const runs = Array.from({ length: times }, async (_, run) => {
    await new Promise((resolve) => setTimeout(resolve, run * gapMs));
    return measure();
  });
  return Promise.all(runs);
}
