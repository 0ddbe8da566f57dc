/** Small, dependency-free statistics for the backend bench: percentiles over raw samples. */

/** Latency summary in milliseconds (nearest-rank percentiles), rounded to 0.01 ms. */
export interface LatencySummary {
  count: number;
  minMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

const round = (value: number): number => Math.round(value * 100) / 100;

/** The nearest-rank percentile `p` (0–100) of an ascending array; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  const index = Math.min(sorted.length - 1, Math.max(0, rank - 1));
  return sorted[index] as number;
}

/** Summarises samples (milliseconds). Accepts a plain array or a Float64Array; does not modify it. */
export function summarize(samples: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(samples as ArrayLike<number>).sort();
  if (sorted.length === 0) return { count: 0, minMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0, meanMs: 0 };
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    minMs: round(sorted[0] as number),
    p50Ms: round(percentile(sorted, 50)),
    p90Ms: round(percentile(sorted, 90)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] as number),
    meanMs: round(sum / sorted.length),
  };
}

/** A wall-clock timestamp in fractional milliseconds, comparable across processes on one machine. */
export const wallNow = (): number => performance.timeOrigin + performance.now();

/** Rounds a rate or ratio for the report. */
export const round2 = round;

/** Writes a progress line to stderr (stdout carries only the JSON report). */
export const note = (message: string): void => {
  process.stderr.write(`[bench:backend] ${message}\n`);
};

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** a / b rounded, or null when either is missing or b is not positive. */
export const ratio = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a !== undefined && a !== null && b !== undefined && b !== null && b > 0 ? round(a / b) : null;
