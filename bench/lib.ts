// Shared by the benchmarks: the result shape and small statistics helpers.

export interface BenchResult {
  /** Measured values, e.g. { p50_ms: 41.2, p99_ms: 80.3 } */
  metrics: Record<string, number | string | boolean | null>;
  /** Goals from the issues, e.g. { p50_ms: '<= 70' } */
  goals?: Record<string, string>;
  notes?: string;
}

export interface Bench {
  name: string;
  description: string;
  run(): Promise<BenchResult>;
}

/** Percentile of a list of numbers (nearest-rank). */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;
