// Actual time per SOP step against the standard that applies to the letter (its office's SOP,
// see catalog/sopStandards.ts). Pure.
import type { SopStepStandard } from '../catalog/schema.js';
import { standardFor } from '../catalog/sopStandards.js';

export interface StepTiming {
  label: 'draft' | 'verify' | 'sign' | 'send';
  stepOrder: number | null;
  startedAt: Date | null;
  completedAt: Date | null;
  elapsedMinutes: number | null;
  standardMinutes: number | null;
  /** The SOP rows ("No") the standard comes from. */
  sopNos: number[];
  /** true when elapsed exceeds the standard (running steps count up to now). */
  overdue: boolean;
}

const minutes = (from: Date, to: Date) => Math.max(0, Math.round(((to.getTime() - from.getTime()) / 60_000) * 10) / 10);

export function stepTimings(input: {
  standard: readonly SopStepStandard[] | null;
  createdAt: Date;
  submittedAt: Date | null;
  signedAt: Date | null;
  deliveredAt: Date | null;
  steps: Array<{ order: number; kind: 'verify' | 'sign'; startedAt: Date | null; completedAt: Date | null }>;
  now: Date;
}): StepTiming[] {
  const rows = input.standard ?? [];
  const row = (label: StepTiming['label'], stepOrder: number | null, start: Date | null, end: Date | null, std: { minutes: number | null; sopNos: number[] }): StepTiming => {
    const elapsed = start ? minutes(start, end ?? input.now) : null;
    const standardMinutes = std.minutes;
    return { label, stepOrder, startedAt: start, completedAt: end, elapsedMinutes: elapsed, standardMinutes, sopNos: std.sopNos, overdue: elapsed !== null && standardMinutes !== null && elapsed > standardMinutes };
  };
  const out: StepTiming[] = [row('draft', null, input.createdAt, input.submittedAt, standardFor(rows, { kind: 'draft' }))];
  let verifyIndex = 0;
  for (const st of [...input.steps].sort((a, b) => a.order - b.order)) {
    const std = st.kind === 'verify' ? standardFor(rows, { kind: 'verify', index: verifyIndex++ }) : standardFor(rows, { kind: 'sign' });
    out.push(row(st.kind, st.order, st.startedAt, st.completedAt, std));
  }
  if (input.signedAt) out.push(row('send', null, input.signedAt, input.deliveredAt, standardFor(rows, { kind: 'send' })));
  return out;
}
