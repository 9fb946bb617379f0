import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_NUMBER_FORMAT, formatNumber, formatTokens, FORMAT_TOKENS, NumberFormatError, parseFormat, romanMonth, validateFormat, type FormatToken } from './numberFormat.js';

const base = { klasifikasi: '400.12.2', urut: 17, kodeUnit: '410.20', tahun: 2026, bulan: 7 };

describe('formatNumber: the forms regional offices use', () => {
  it('fills the default format as in Bantul (seed 002)', () => {
    expect(DEFAULT_NUMBER_FORMAT).toBe('{klasifikasi}/{urut}/{kode_unit}/{tahun}');
    expect(formatNumber(DEFAULT_NUMBER_FORMAT, base)).toBe('400.12.2/17/410.20/2026');
  });

  it('reproduces the examples of the domain brief', () => {
    expect(formatNumber('{klasifikasi}/{urut}/{kode_jenis}/{kode_unit}/{tahun}', { klasifikasi: '000.8.3.3', urut: 839, kodeUnit: '406.020', tahun: 2024, bulan: 3, kodeJenis: 'sop' })).toBe(
      '000.8.3.3/839/SOP/406.020/2024',
    );
    expect(formatNumber(DEFAULT_NUMBER_FORMAT, { klasifikasi: '050', urut: 30, kodeUnit: 'HK/437.12', tahun: 2026, bulan: 1 })).toBe('050/30/HK/437.12/2026');
  });

  it('pads {urut:n}, prints {bulan} with two digits and {bulan_romawi} in roman numerals', () => {
    expect(formatNumber('B-{urut:3}/{bulan}/{bulan_romawi}/{tahun}', { ...base, urut: 7, bulan: 11 })).toBe('B-007/11/XI/2026');
    expect(formatNumber('{urut:3}/{tahun}', { ...base, urut: 1234 })).toBe('1234/2026');
  });

  it('refuses {kode_jenis} without a document type, and an invalid sequence', () => {
    expect(() => formatNumber('{klasifikasi}/{urut}/{kode_jenis}/{tahun}', base)).toThrow(/jenis naskah tidak diketahui/);
    expect(() => formatNumber(DEFAULT_NUMBER_FORMAT, { ...base, urut: 0 })).toThrow(NumberFormatError);
  });
});

describe('validateFormat: Indonesian reasons', () => {
  const reasons = (f: string) => {
    const r = validateFormat(f);
    return r.ok ? [] : r.errors;
  };

  it('accepts the usual formats', () => {
    for (const f of [DEFAULT_NUMBER_FORMAT, '{klasifikasi}/{urut}/{kode_jenis}/{kode_unit}/{tahun}', 'B-{urut:4}/{kode_unit}/{bulan_romawi}/{tahun}', '{urut}.{klasifikasi}.{tahun}']) {
      expect(reasons(f), f).toEqual([]);
    }
  });

  it('requires {urut} exactly once and {tahun}', () => {
    expect(reasons('{klasifikasi}/{kode_unit}/{tahun}')).toEqual(['Format wajib memuat {urut} (nomor urut).']);
    expect(reasons('{klasifikasi}/{urut}/{kode_unit}')[0]).toMatch(/wajib memuat \{tahun\}.*berulang/);
    expect(reasons('{urut}/{urut}/{tahun}')).toContain('{urut} hanya boleh muncul satu kali.');
    expect(reasons('   ')).toEqual(['Format nomor wajib diisi.']);
  });

  it('names unknown tokens, bad widths and unbalanced braces', () => {
    expect(reasons('{nomor}/{urut}/{tahun}')[0]).toMatch(/^Token \{nomor\} tidak dikenal\. Token yang tersedia: \{klasifikasi\}/);
    expect(reasons('{urut:0}/{tahun}')[0]).toMatch(/antara 1 dan 10/);
    expect(reasons('{urut}/{tahun:4}')[0]).toMatch(/hanya berlaku untuk \{urut\}/);
    expect(reasons('{urut}/{tahun')[0]).toMatch(/tidak ditutup/);
    expect(reasons('{urut}/tahun}')[0]).toMatch(/tidak memiliki pasangan/);
  });

  it('refuses {urut} glued to another token or to letters/digits (two sequences could print alike)', () => {
    for (const f of ['{klasifikasi}{urut}/{tahun}', '{urut}{tahun}', 'A{urut}/{tahun}', '{urut}5/{tahun}']) {
      expect(reasons(f).join(' '), f).toMatch(/harus dipisahkan/);
    }
  });
});

describe('romanMonth', () => {
  it('maps 1..12 to I..XII and nothing else', () => {
    expect([1, 4, 9, 12].map(romanMonth)).toEqual(['I', 'IV', 'IX', 'XII']);
    for (const bad of [0, 13, 1.5, -1]) expect(() => romanMonth(bad)).toThrow(RangeError);
  });

  it('is one-to-one and counts up like roman numerals', () => {
    const value: Record<string, number> = { I: 1, V: 5, X: 10 };
    const decode = (r: string) => [...r].reduce((sum, c, i) => sum + (value[c]! < (value[r[i + 1] ?? ''] ?? 0) ? -value[c]! : value[c]!), 0);
    fc.assert(fc.property(fc.integer({ min: 1, max: 12 }), (m) => decode(romanMonth(m)) === m));
  });
});

// Generators: a valid classification code, and a valid format built from tokens and separators.
const codeArb = fc
  .tuple(fc.integer({ min: 0, max: 9 }), fc.array(fc.integer({ min: 1, max: 999 }), { maxLength: 4 }))
  .map(([top, rest]) => [`${top}00`, ...rest.map(String)].join('.'));
const sepArb = fc.constantFrom('/', '-', '.', ' / ', '_');
const otherTokens: FormatToken[] = FORMAT_TOKENS.filter((t) => t !== 'urut' && t !== 'tahun');
const formatArb = fc
  .tuple(
    fc.shuffledSubarray(otherTokens),
    fc.nat(),
    fc.nat(),
    fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    fc.array(sepArb, { minLength: 8, maxLength: 8 }),
    fc.constantFrom('', 'B-', 'No. '),
  )
  .map(([others, tahunAt, urutAt, width, seps, prefix]) => {
    const tokens = [...others];
    tokens.splice(tahunAt % (tokens.length + 1), 0, 'tahun');
    const urut = width ? `{urut:${width}}` : '{urut}';
    const parts = tokens.map((t) => `{${t}}`);
    parts.splice(urutAt % (parts.length + 1), 0, urut);
    return prefix + parts.map((p, i) => (i === 0 ? p : `${seps[i - 1]}${p}`)).join('');
  });

describe('properties', () => {
  it('every generated format is valid, and parsing gives the format back', () => {
    fc.assert(
      fc.property(formatArb, (f) => {
        const v = validateFormat(f);
        if (!v.ok) throw new Error(`${f}: ${v.errors.join(' ')}`);
        const rebuilt = v.parts.map((p) => (p.kind === 'literal' ? p.text : p.width ? `{${p.token}:${p.width}}` : `{${p.token}}`)).join('');
        return rebuilt === f;
      }),
    );
  });

  it('distinct sequence numbers in one register never print the same number, whatever the classification codes', () => {
    // One register: unit, year, month and type are fixed; the classification code varies per letter.
    fc.assert(
      fc.property(
        formatArb,
        fc.uniqueArray(fc.tuple(codeArb, fc.integer({ min: 1, max: 100_000 })), { minLength: 2, maxLength: 40, selector: ([, seq]) => seq }),
        fc.integer({ min: 1, max: 12 }),
        (format, letters, bulan) => {
          const numbers = letters.map(([klasifikasi, urut]) => formatNumber(format, { klasifikasi, urut, kodeUnit: 'UMP/410.20', tahun: 2026, bulan, kodeJenis: 'SE' }));
          return new Set(numbers).size === numbers.length;
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the same sequence in two years prints two different numbers', () => {
    fc.assert(
      fc.property(formatArb, codeArb, fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 2000, max: 2099 }), (format, klasifikasi, urut, year) => {
        const v = { klasifikasi, urut, kodeUnit: '406.020', bulan: 1, kodeJenis: 'UND' };
        return formatNumber(format, { ...v, tahun: year }) !== formatNumber(format, { ...v, tahun: year + 1 });
      }),
    );
  });

  it('formats without {urut} or {tahun} are always refused', () => {
    fc.assert(
      fc.property(formatArb, fc.constantFrom('urut', 'tahun'), (format, drop) => {
        const without = format.replace(drop === 'urut' ? /\{urut(?::\d+)?\}/ : /\{tahun\}/, 'X');
        return !validateFormat(without).ok;
      }),
    );
  });

  it('formatTokens lists what the format needs', () => {
    expect([...formatTokens('{klasifikasi}/{urut}/{kode_jenis}/{tahun}')].sort()).toEqual(['klasifikasi', 'kode_jenis', 'tahun', 'urut']);
    expect(parseFormat('{x}').ok).toBe(false);
  });
});
