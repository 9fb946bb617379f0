import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_SOP_STEPS, pickStandard, standardFor, stepProblems, unitChainOf } from '../catalog/sopStandards.js';
import { stepTimings } from '../outgoing/timeStandards.js';
import { quantile, summarise } from './summary.js';

const at = (min: number) => new Date(Date.UTC(2026, 11, 1, 1, 0) + min * 60_000);

describe('which SOP standard applies', () => {
  const c = [
    { id: 'default', unitId: null, documentTypeId: null },
    { id: 'default-sk', unitId: null, documentTypeId: 'sk' },
    { id: 'dinas', unitId: 'dinas', documentTypeId: null },
    { id: 'bidang-surat', unitId: 'bidang', documentTypeId: 'surat' },
  ];
  it('takes the nearest office, the type before "every type", the instance default last', () => {
    expect(pickStandard(c, unitChainOf('/pemda/dinas/bidang/'), 'surat')?.id).toBe('bidang-surat');
    expect(pickStandard(c, unitChainOf('/pemda/dinas/bidang/'), 'nota')?.id).toBe('dinas');
    expect(pickStandard(c, unitChainOf('/pemda/dinas/'), 'surat')?.id).toBe('dinas');
    expect(pickStandard(c, unitChainOf('/pemda/setda/'), 'sk')?.id).toBe('default-sk');
    expect(pickStandard(c, unitChainOf('/pemda/setda/'), 'surat')?.id).toBe('default');
    expect(pickStandard([], ['x'], 'surat')).toBeNull();
  });
});

describe('what the SOP allows per measured step', () => {
  it('SOP TTE Bupati: drafting = rows 1-4 (55 min), verifications 10 each, TTE 15, sending 5 + 15', () => {
    expect(standardFor(DEFAULT_SOP_STEPS, { kind: 'draft' })).toEqual({ minutes: 55, sopNos: [1, 2, 3, 4] });
    expect(standardFor(DEFAULT_SOP_STEPS, { kind: 'verify', index: 0 })).toEqual({ minutes: 10, sopNos: [5] });
    expect(standardFor(DEFAULT_SOP_STEPS, { kind: 'verify', index: 2 })).toEqual({ minutes: 10, sopNos: [7] });
    // a chain longer than the SOP's rows uses the last verify row
    expect(standardFor(DEFAULT_SOP_STEPS, { kind: 'verify', index: 5 })).toEqual({ minutes: 10, sopNos: [7] });
    expect(standardFor(DEFAULT_SOP_STEPS, { kind: 'sign' })).toEqual({ minutes: 15, sopNos: [8] });
    expect(standardFor(DEFAULT_SOP_STEPS, { kind: 'send' })).toEqual({ minutes: 20, sopNos: [9, 10] });
    expect(standardFor([{ no: 1, activity: 'x', phase: 'draft', minutes: 3 }], { kind: 'verify', index: 0 })).toEqual({ minutes: null, sopNos: [] });
  });

  it('refuses duplicate numbers, empty activities and rows out of order', () => {
    expect(stepProblems(DEFAULT_SOP_STEPS)).toEqual([]);
    expect(stepProblems([]).map((p) => p.path)).toEqual(['steps']);
    const bad = [
      { no: 2, activity: 'a', phase: 'draft' as const, minutes: 1 },
      { no: 1, activity: ' ', phase: 'sign' as const, minutes: 1 },
      { no: 1, activity: 'c', phase: 'send' as const, minutes: 1 },
    ];
    expect(stepProblems(bad).map((p) => p.path)).toEqual(['steps.1.activity', 'steps.2.no', 'steps.1.no']);
  });
});

describe('timings and their summary', () => {
  const steps = [
    { order: 1, kind: 'verify' as const, startedAt: at(60), completedAt: at(65) },
    { order: 2, kind: 'verify' as const, startedAt: at(65), completedAt: at(90) },
    { order: 3, kind: 'sign' as const, startedAt: at(90), completedAt: null },
  ];
  it("each step gets its own SOP row; a running step counts to now and is overdue past its standard", () => {
    const t = stepTimings({ standard: DEFAULT_SOP_STEPS, createdAt: at(0), submittedAt: at(60), signedAt: null, deliveredAt: null, steps, now: at(120) });
    expect(t.map((x) => [x.label, x.elapsedMinutes, x.standardMinutes, x.overdue])).toEqual([
      ['draft', 60, 55, true],
      ['verify', 5, 10, false],
      ['verify', 25, 10, true],
      ['sign', 30, 15, true],
    ]);
    expect(t[2]!.sopNos).toEqual([6]);
  });

  it('summarises completed steps only, per position in the chain', () => {
    const a = stepTimings({ standard: DEFAULT_SOP_STEPS, createdAt: at(0), submittedAt: at(60), signedAt: null, deliveredAt: null, steps, now: at(120) });
    const b = stepTimings({ standard: DEFAULT_SOP_STEPS, createdAt: at(0), submittedAt: at(30), signedAt: null, deliveredAt: null, steps: [{ order: 1, kind: 'verify', startedAt: at(30), completedAt: at(50) }], now: at(120) });
    const s = summarise([a, b]);
    expect(s.map((x) => x.key)).toEqual(['draft', 'verify:1', 'verify:2']);
    expect(s[0]).toMatchObject({ count: 2, medianMinutes: 45, onTimeShare: 0.5 });
    expect(s[1]).toMatchObject({ count: 2, medianMinutes: 12.5, onTimeShare: 0.5 });
    expect(s[2]).toMatchObject({ count: 1, onTimeShare: 0 });
  });

  it('quantiles lie between the smallest and largest sample and grow with q', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 50 }), (xs) => {
        const s = [...xs].sort((a, b) => a - b);
        const m = quantile(s, 0.5)!;
        const p90 = quantile(s, 0.9)!;
        return m >= s[0]! - 0.05 && p90 <= s[s.length - 1]! + 0.05 && m <= p90 + 0.05;
      }),
    );
  });
});
