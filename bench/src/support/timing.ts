/** Wall-clock timing for benchmarks (never used by tests). */

export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** Runs `fn` repeatedly for at least `minMs`; returns the total work units it reported and the elapsed ms. */
export function timeFor(minMs: number, fn: () => number): { units: number; ms: number } {
  const start = nowMs();
  let units = 0;
  let ms = 0;
  do {
    units += fn();
    ms = nowMs() - start;
  } while (ms < minMs);
  return { units, ms };
}

/** A seeded PRNG (mulberry32): the same seed gives the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
