import { describe, expect, it } from 'vitest';
import {
  cleanChain,
  clickToPdfPoint,
  defaultIssuingUnitId,
  formatMinutes,
  lastReturn,
  moveItem,
  orderActions,
  pdfPointToPixel,
  returnTargets,
  signatureMarkAt,
  signatureMarkBox,
} from './documents';

describe('defaultIssuingUnitId', () => {
  const units = [
    { id: 'pemda', parentId: null, depth: 0, code: null },
    { id: 'dukcapil', parentId: 'pemda', depth: 1, code: '410.20' },
    { id: 'dafduk', parentId: 'dukcapil', depth: 2, code: 'DAFDUK/410.20' },
    { id: 'pimpinan', parentId: 'pemda', depth: 1, code: null },
    { id: 'staf', parentId: 'pimpinan', depth: 2, code: 'STAF' },
  ];
  it('is the Perangkat Daerah containing the unit', () => {
    expect(defaultIssuingUnitId(units, 'dafduk')).toBe('dukcapil');
    expect(defaultIssuingUnitId(units, 'dukcapil')).toBe('dukcapil');
  });
  it('falls back to the nearest unit with a code when the PD has none', () => {
    expect(defaultIssuingUnitId(units, 'staf')).toBe('staf');
    expect(defaultIssuingUnitId(units, 'pemda')).toBeNull();
  });
});

describe('chain editing', () => {
  it('moves an item and clamps the target', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, 99)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b'], 5, 0)).toEqual(['a', 'b']);
  });
  it('drops the signer, the a.n. position and repeats from a chain', () => {
    expect(cleanChain(['k', 's', 'k', 'x', 'an'], 's', 'an')).toEqual(['k', 'x']);
  });
});

describe('PDF coordinates', () => {
  const a4 = { view: [0, 0, 595.28, 841.89] as [number, number, number, number], scale: 1.5 };
  it('turns a click (top-left origin, CSS px) into PDF points (bottom-left origin)', () => {
    expect(clickToPdfPoint(a4, 0, 0)).toEqual({ x: 0, y: 841.89 });
    expect(clickToPdfPoint(a4, 150, 300)).toEqual({ x: 100, y: 641.89 });
  });
  it('round-trips through pdfPointToPixel', () => {
    const p = clickToPdfPoint(a4, 321, 456);
    const back = pdfPointToPixel(a4, p.x, p.y);
    expect(back.left).toBeCloseTo(321, 1);
    expect(back.top).toBeCloseTo(456, 1);
  });
  it('respects a view box that does not start at 0,0', () => {
    const g = { view: [10, 20, 610, 820] as [number, number, number, number], scale: 1 };
    expect(clickToPdfPoint(g, 0, 0)).toEqual({ x: 10, y: 820 });
  });
  it('puts the signature box below and right of the click, relative to the visible box', () => {
    const g = { view: [10, 20, 610, 820] as [number, number, number, number], scale: 2 };
    const m = signatureMarkAt(g, 1, 200, 400);
    // click at (110, 620) in user space → relative (100, 600); the box hangs 72 pt down.
    expect(m).toEqual({ page: 1, x: 100, y: 528, width: 230, height: 72 });
    const box = signatureMarkBox(g, m);
    expect(box.left).toBeCloseTo(200);
    expect(box.top).toBeCloseTo(400);
    expect(box.width).toBe(460);
    expect(box.height).toBe(144);
  });
});

describe('display rules', () => {
  it('formats minutes', () => {
    expect(formatMinutes(0)).toBe('0 mnt');
    expect(formatMinutes(45.4)).toBe('45 mnt');
    expect(formatMinutes(125)).toBe('2 j 5 mnt');
    expect(formatMinutes(120)).toBe('2 j');
    expect(formatMinutes(60 * 26)).toBe('1 hr 2 j');
    expect(formatMinutes(null)).toBe('–');
  });
  it('offers the drafter and earlier verifiers as return targets', () => {
    const steps = [
      { order: 1, kind: 'verify' as const, positionName: 'Kabag' },
      { order: 2, kind: 'verify' as const, positionName: 'Asisten' },
      { order: 3, kind: 'verify' as const, positionName: 'Sekda' },
      { order: 4, kind: 'sign' as const, positionName: 'Bupati' },
    ];
    expect(returnTargets(steps, 3)).toEqual([
      { to: 'drafter', positionName: null },
      { to: 1, positionName: 'Kabag' },
      { to: 2, positionName: 'Asisten' },
    ]);
    expect(returnTargets(steps, 1)).toEqual([{ to: 'drafter', positionName: null }]);
    expect(returnTargets(steps, 4).map((t) => t.to)).toEqual(['drafter', 1, 2, 3]);
  });
  it('finds the return still open, not one already answered', () => {
    const ev = (action: string, note: string | null = null) => ({ action, note, actorName: 'x', at: '2026-01-01T00:00:00Z' });
    expect(lastReturn([ev('submitted'), ev('returned', 'Perbaiki hal'), ev('version_added')])?.note).toBe('Perbaiki hal');
    expect(lastReturn([ev('returned', 'Perbaiki hal'), ev('submitted')])).toBeNull();
    expect(lastReturn([ev('created')])).toBeNull();
  });
  it('puts the forward action last', () => {
    expect(orderActions(['approve', 'edit_and_approve', 'return'])).toEqual(['return', 'edit_and_approve', 'approve']);
    expect(orderActions(['submit', 'cancel'])).toEqual(['cancel', 'submit']);
  });
});
