// Actual time per SOP step against the type's standard ("Waktu" in the SOP table). Pure.
import type { TimeStandards } from './schema.js';

export interface StepTiming {
  label: 'draft' | 'verify' | 'sign' | 'send';
  stepOrder: number | null;
  startedAt: Date | null;
  completedAt: Date | null;
  elapsedMinutes: number | null;
  standardMinutes: number | null;
  /** true when elapsed exceeds the standard (running steps count up to now). */
  overdue: boolean;
}

const minutes = (from: Date, to: Date) => Math.max(0, Math.round(((to.getTime() - from.getTime()) / 60_000) * 10) / 10);

export function stepTimings(input: {
  standards: TimeStandards;
  createdAt: Date;
  submittedAt: Date | null;
  signedAt: Date | null;
  deliveredAt: Date | null;
  steps: Array<{ order: number; kind: 'verify' | 'sign'; startedAt: Date | null; completedAt: Date | null }>;
  now: Date;
}): StepTiming[] {
  const s = input.standards;
  const row = (label: StepTiming['label'], stepOrder: number | null, start: Date | null, end: Date | null, standard: number | undefined): StepTiming => {
    const elapsed = start ? minutes(start, end ?? input.now) : null;
    const standardMinutes = standard ?? null;
    return { label, stepOrder, startedAt: start, completedAt: end, elapsedMinutes: elapsed, standardMinutes, overdue: elapsed !== null && standardMinutes !== null && elapsed > standardMinutes };
  };
  const draftStandard = s.draft !== undefined || s.register !== undefined || s.review !== undefined ? (s.draft ?? 0) + (s.register ?? 0) + (s.review ?? 0) : undefined;
  const out: StepTiming[] = [row('draft', null, input.createdAt, input.submittedAt, draftStandard)];
  for (const st of input.steps) out.push(row(st.kind, st.order, st.startedAt, st.completedAt, st.kind === 'verify' ? s.verify : s.sign));
  if (input.signedAt) out.push(row('send', null, input.signedAt, input.deliveredAt, s.send));
  return out;
}
