// Where the office seal goes beside the stamp: left of it, a quarter under it, never over text.
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../errors.js';
import { intersects, SEAL_OVERLAP, sealBeside, signatureSpaceBox, textRect, type PageText, type TextItemBox } from './signatureSpace.js';

const A4: [number, number, number, number] = [0, 0, 595, 842];
const t = (str: string, x: number, y: number, size = 11): TextItemBox => ({ str, x, y, width: str.length * size * 0.5, size });

/** A signature block at `left`: title line, blank space, name; body text across the page above it. */
function page(left: number, extra: TextItemBox[] = []): PageText {
  return {
    pageIndex: 0,
    view: A4,
    items: [t('Demikian disampaikan, atas perhatian Saudara kami ucapkan terima kasih.', 72, 420), t('KEPALA DINAS KOMINFO,', left, 380), t('Edi Hariyanto, S.Sos.', left, 280), ...extra],
    taken: [],
  };
}

describe('sealBeside', () => {
  it('puts the seal left of a right-hand signature block, a quarter under the stamp, clear of text', () => {
    const p = page(320);
    const stamp = signatureSpaceBox([p], 'Edi Hariyanto, S.Sos.');
    const { stamp: s, seal } = sealBeside(p, stamp, 1);
    expect(s).toEqual(stamp);
    expect(seal.height).toBe(stamp.height);
    expect(seal.x + seal.width - s.x).toBeCloseTo(seal.width * SEAL_OVERLAP, 5);
    expect(seal.y).toBeGreaterThanOrEqual(s.y);
    expect(seal.y + seal.height).toBeLessThanOrEqual(s.y + s.height);
    for (const it of p.items) expect(intersects(seal, textRect(it)), it.str).toBe(false);
  });

  it('moves the stamp right within its box when the seal would leave the page edge', () => {
    const p = page(40);
    const stamp = signatureSpaceBox([p], 'Edi Hariyanto, S.Sos.');
    const { stamp: s, seal } = sealBeside(p, stamp, 1);
    expect(s.x).toBeGreaterThan(stamp.x);
    expect(s.x + s.width).toBeCloseTo(stamp.x + stamp.width, 5);
    expect(seal.x).toBeGreaterThanOrEqual(14);
    for (const it of p.items) expect(intersects(seal, textRect(it)), it.str).toBe(false);
  });

  it("steps around a neighbour signer's block on the left", () => {
    const neighbour = [t('KEPALA BAGIAN UMUM,', 100, 380), t('(tanda tangan)', 195, 330), t('Alice Pratiwi', 100, 280)];
    const p = page(320, neighbour);
    const stamp = signatureSpaceBox([p], 'Edi Hariyanto, S.Sos.');
    const { stamp: s, seal } = sealBeside(p, stamp, 1);
    expect(s.x).toBeGreaterThan(stamp.x);
    for (const it of p.items) expect(intersects(seal, textRect(it)), it.str).toBe(false);
  });

  it('refuses with a clear message when text fills the space left of the stamp', () => {
    const p = page(72, [t('xx', 30, 330, 40)]);
    const stamp = { pageIndex: 0, x: 72, y: 300, width: 150, height: 72, relative: false };
    try {
      sealBeside(p, stamp, 1);
      throw new Error('placed');
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('SEAL_SPACE_TOO_SMALL');
      expect((e as { messageId?: string }).messageId).toMatch(/cap dinas.*sebelah kiri/);
    }
  });
});
