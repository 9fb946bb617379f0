// SOP clock statistics: per measured step, how long letters took against the standard. Pure.
import type { StepTiming } from '../outgoing/timeStandards.js';

/** A measured step's key: drafting, the n-th verification (1-based), signing, sending. */
export type StepKey = 'draft' | `verify:${number}` | 'sign' | 'send';

export function keyOf(t: Pick<StepTiming, 'label'>, verifyIndex: number): StepKey {
  return t.label === 'verify' ? `verify:${verifyIndex}` : t.label;
}

/** Keys in the order the steps happen. */
export function compareKeys(a: StepKey, b: StepKey): number {
  const rank = (k: StepKey) => (k === 'draft' ? 0 : k === 'sign' ? 1000 : k === 'send' ? 2000 : Number(k.split(':')[1]));
  return rank(a) - rank(b);
}

/** The q-quantile (0..1) of sorted values by linear interpolation; null when empty. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (!sorted.length) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const v = sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  return Math.round(v * 10) / 10;
}

export interface StepSummary {
  key: StepKey;
  /** Completed steps in the period. */
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** Share (0..1) of completed steps within their standard; null when none had a standard. */
  onTimeShare: number | null;
}

/** Completed steps only: a step still running is "overdue now", not a sample. */
export function summarise(letters: ReadonlyArray<readonly StepTiming[]>): StepSummary[] {
  const samples = new Map<StepKey, { minutes: number[]; judged: number; onTime: number }>();
  for (const timings of letters) {
    let v = 0;
    for (const t of timings) {
      const key = keyOf(t, t.label === 'verify' ? ++v : 0);
      if (t.completedAt === null || t.elapsedMinutes === null) continue;
      const s = samples.get(key) ?? { minutes: [], judged: 0, onTime: 0 };
      s.minutes.push(t.elapsedMinutes);
      if (t.standardMinutes !== null) {
        s.judged++;
        if (t.elapsedMinutes <= t.standardMinutes) s.onTime++;
      }
      samples.set(key, s);
    }
  }
  return [...samples.entries()]
    .sort(([a], [b]) => compareKeys(a, b))
    .map(([key, s]) => {
      const sorted = [...s.minutes].sort((x, y) => x - y);
      return { key, count: sorted.length, medianMinutes: quantile(sorted, 0.5), p90Minutes: quantile(sorted, 0.9), onTimeShare: s.judged ? Math.round((s.onTime / s.judged) * 1000) / 1000 : null };
    });
}
