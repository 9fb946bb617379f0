import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameWords, suggestLocalParts, validLocalPart } from './address.js';

describe('address suggestions', () => {
  it('drops degrees and titles', () => {
    expect(nameWords('Dr. Ir. Budi Santoso, S.T., M.Kom.')).toEqual(['budi', 'santoso']);
    expect(suggestLocalParts('Slamet Riyadi')[0]).toBe('slamet.riyadi');
    expect(suggestLocalParts('Hj. Siti Nur’aini Rahayu, S.Pd.')).toContain('siti.nuraini.rahayu');
    expect(suggestLocalParts('Sutrisno')[0]).toBe('sutrisno');
    expect(suggestLocalParts('Gede Ariésta')[0]).toBe('gede.ariesta');
  });
  it('every suggestion is a valid, distinct local part', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (name) => {
        const s = suggestLocalParts(name);
        expect(new Set(s).size).toBe(s.length);
        for (const x of s) expect(validLocalPart(x)).toBe(true);
      }),
    );
  });
});
