import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ancestorClassificationCodes,
  classificationCodeProblem,
  classificationLevel,
  classificationSortKey,
  isValidClassificationCode,
  jraLabel,
  parentClassificationCode,
  parseDisposition,
  parseRetentionYears,
} from './classificationCode.js';
import { classificationsToCsv, parseClassificationRow } from './classificationCsv.js';
import { referenceClassifications } from './referenceClassifications.js';
import { parseCsv } from '../org/importOrg.js';

const codeArb = fc
  .tuple(fc.integer({ min: 0, max: 999 }), fc.array(fc.integer({ min: 1, max: 999 }), { maxLength: 4 }))
  .map(([top, rest]) => [String(top).padStart(3, '0'), ...rest.map(String)].join('.'));

describe('classification code format', () => {
  it('accepts Permendagri 83/2022 codes up to five levels', () => {
    for (const c of ['000', '000.8', '000.8.3', '000.8.3.3', '400.12.2', '800.1.11.1', '900.1.15.5.1']) expect(isValidClassificationCode(c), c).toBe(true);
  });

  it('explains what is wrong, in Indonesian', () => {
    expect(classificationCodeProblem('')).toBe('Kode klasifikasi wajib diisi');
    expect(classificationCodeProblem('00.1')).toMatch(/diawali tiga angka/);
    expect(classificationCodeProblem('000.01')).toMatch(/tanpa nol di depan/);
    expect(classificationCodeProblem('000..1')).toMatch(/tanpa nol di depan/);
    expect(classificationCodeProblem('000.1.')).toMatch(/tanpa nol di depan/);
    expect(classificationCodeProblem('000.1.2.3.4.5')).toMatch(/terlalu dalam/);
    expect(classificationCodeProblem('000 .1')).toMatch(/spasi/);
    expect(classificationCodeProblem('000.8.3.3')).toBeNull();
  });

  it('derives parent, level and ancestors', () => {
    expect(parentClassificationCode('000.8.3.3')).toBe('000.8.3');
    expect(parentClassificationCode('000')).toBeNull();
    expect(classificationLevel('000.8.3.3')).toBe(4);
    expect(ancestorClassificationCodes('000.8.3.3')).toEqual(['000', '000.8', '000.8.3']);
  });

  it('property: every generated code is valid; its parent is valid, one level up, and a prefix', () => {
    fc.assert(
      fc.property(codeArb, (code) => {
        expect(classificationCodeProblem(code)).toBeNull();
        const parent = parentClassificationCode(code);
        if (parent === null) return classificationLevel(code) === 1;
        return isValidClassificationCode(parent) && classificationLevel(parent) === classificationLevel(code) - 1 && code.startsWith(`${parent}.`);
      }),
    );
  });

  it('property: the sort key orders codes naturally (parents first, 000.1.2 before 000.1.10)', () => {
    const natural = (a: string, b: string) => {
      const pa = a.split('.').map(Number);
      const pb = b.split('.').map(Number);
      for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
      return pa.length - pb.length;
    };
    fc.assert(
      fc.property(codeArb, codeArb, (a, b) => {
        const byKey = classificationSortKey(a) < classificationSortKey(b) ? -1 : classificationSortKey(a) > classificationSortKey(b) ? 1 : 0;
        return Math.sign(natural(a, b)) === byKey;
      }),
    );
    expect(['000.1.10', '000.1.2', '000.1', '000'].sort((a, b) => classificationSortKey(a).localeCompare(classificationSortKey(b)))).toEqual(['000', '000.1', '000.1.2', '000.1.10']);
  });
});

describe('JRA values as regions write them', () => {
  it('reads dispositions in any case and spacing', () => {
    expect(parseDisposition('Musnah')).toBe('musnah');
    expect(parseDisposition(' PERMANEN ')).toBe('permanen');
    expect(parseDisposition('Dinilai Kembali')).toBe('dinilai_kembali');
    expect(parseDisposition('dinilai_kembali')).toBe('dinilai_kembali');
    expect(parseDisposition('simpan')).toBeNull();
  });

  it('reads retention years and refuses conditions and nonsense', () => {
    expect(parseRetentionYears('2')).toEqual({ ok: true, years: 2 });
    expect(parseRetentionYears('3 Tahun')).toEqual({ ok: true, years: 3 });
    expect(parseRetentionYears('')).toEqual({ ok: true, years: null });
    expect(parseRetentionYears('-')).toEqual({ ok: true, years: null });
    expect(parseRetentionYears('2 tahun setelah tidak berlaku')).toMatchObject({ ok: false });
    expect(parseRetentionYears('dua')).toMatchObject({ ok: false });
    expect(parseRetentionYears('500')).toMatchObject({ ok: false });
  });

  it('labels unknown JRA "belum ditetapkan"', () => {
    expect(jraLabel({ retentionActiveYears: null, retentionInactiveYears: null, finalDisposition: null })).toBe('belum ditetapkan');
    expect(jraLabel({ retentionActiveYears: 2, retentionInactiveYears: 3, finalDisposition: 'permanen' })).toBe('Aktif 2 th, inaktif 3 th, permanen');
    expect(jraLabel({ retentionActiveYears: 1, retentionInactiveYears: null, finalDisposition: null })).toBe('Aktif 1 th, inaktif belum ditetapkan, keterangan akhir belum ditetapkan');
  });
});

describe('classification CSV', () => {
  const header = ['kode', 'nama', 'keterangan', 'retensi_aktif', 'retensi_inaktif', 'keterangan_akhir', 'dasar_hukum', 'aktif'];

  it('reads a good row, keeping only the columns present', () => {
    expect(parseClassificationRow(header, { kode: '000.8.3.3', nama: 'Standar  Operasional Prosedur', keterangan: '', retensi_aktif: '2', retensi_inaktif: '3 tahun', keterangan_akhir: 'Permanen', dasar_hukum: 'Perbup 5/2024', aktif: 'ya' })).toEqual({
      ok: true,
      row: { code: '000.8.3.3', fields: { name: 'Standar Operasional Prosedur', description: null, retentionActiveYears: 2, retentionInactiveYears: 3, finalDisposition: 'permanen', legalBasis: 'Perbup 5/2024', active: true } },
    });
    expect(parseClassificationRow(['kode', 'nama'], { kode: '000', nama: 'Umum' })).toEqual({ ok: true, row: { code: '000', fields: { name: 'Umum' } } });
  });

  it('reports every problem of a bad row with its column', () => {
    const r = parseClassificationRow(header, { kode: '000.08', nama: '', retensi_aktif: 'dua', retensi_inaktif: '1', keterangan_akhir: 'dibakar', aktif: 'mungkin' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.column)).toEqual(['kode', 'nama', 'retensi_aktif', 'keterangan_akhir', 'aktif']);
    expect(r.problems.find((p) => p.column === 'keterangan_akhir')!.message).toBe('Keterangan akhir "dibakar" tidak dikenal; isi musnah, permanen, atau dinilai kembali');
  });

  it('property: an exported row reads back to the same fields (BOM, ; or , and quotes included)', () => {
    const rowArb = fc.record({
      code: codeArb,
      name: fc.string({ minLength: 1, maxLength: 40 }).map((s) => `${s.replace(/\s+/g, ' ').trim()}X`),
      description: fc.option(fc.string({ maxLength: 40 }).map((s) => `${s.trim()}D`), { nil: null }),
      retentionActiveYears: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      retentionInactiveYears: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      finalDisposition: fc.option(fc.constantFrom('musnah' as const, 'permanen' as const, 'dinilai_kembali' as const), { nil: null }),
      legalBasis: fc.option(fc.constantFrom('Perbup 12/2023', 'Perkada "JRA"; pasal 3, ayat 1'), { nil: null }),
      active: fc.boolean(),
    });
    fc.assert(
      fc.property(rowArb, fc.constantFrom(',' as const, ';' as const), (row, sep) => {
        fc.pre(!/^[=+\-@\t\r]/.test(row.name) && !/^[=+\-@\t\r]/.test(row.description ?? ''));
        const csv = classificationsToCsv([row], sep);
        expect(csv.startsWith('\uFEFF')).toBe(true);
        const { header: h, records } = parseCsv(csv);
        const back = parseClassificationRow(h, records[0]!);
        expect(back).toEqual({ ok: true, row: { code: row.code, fields: { name: row.name, description: row.description, retentionActiveYears: row.retentionActiveYears, retentionInactiveYears: row.retentionInactiveYears, finalDisposition: row.finalDisposition, legalBasis: row.legalBasis, active: row.active } } });
      }),
    );
  });
});

describe('shipped reference codes', () => {
  const byCode = new Map(referenceClassifications.map((r) => [r.code, r]));

  it('are valid, unique, and every parent is shipped too', () => {
    expect(byCode.size).toBe(referenceClassifications.length);
    for (const r of referenceClassifications) {
      expect(classificationCodeProblem(r.code), r.code).toBeNull();
      const parent = parentClassificationCode(r.code);
      if (parent) expect(byCode.has(parent), `${r.code} needs ${parent}`).toBe(true);
    }
  });

  it('hold the whole first level and the second level of Lampiran B', () => {
    const tops = referenceClassifications.filter((r) => classificationLevel(r.code) === 1).map((r) => `${r.code} ${r.name}`);
    expect(tops).toEqual([
      '000 Umum',
      '100 Pemerintahan',
      '200 Politik',
      '300 Keamanan dan Ketertiban',
      '400 Kesejahteraan Rakyat',
      '500 Perekonomian',
      '600 Pekerjaan Umum dan Ketenagaan',
      '700 Pengawasan',
      '800 Kepegawaian',
      '900 Keuangan',
    ]);
    const secondPerTop = Object.fromEntries(tops.map((t) => [t.slice(0, 3), referenceClassifications.filter((r) => r.code.startsWith(`${t.slice(0, 3)}.`) && classificationLevel(r.code) === 2).length]));
    expect(secondPerTop).toEqual({ '000': 9, '100': 3, '200': 2, '300': 2, '400': 14, '500': 18, '600': 4, '700': 1, '800': 2, '900': 1 });
  });

  it('include every code the domain brief names, with its JRA', () => {
    for (const code of ['000.1', '000.2', '000.3', '000.4', '000.5', '000.6', '000.7', '000.8', '000.9', '000.8.3.3', '100.3', '100.3.3', '100.3.4', '800.1', '800.1.11.1', '900.1']) {
      expect(byCode.has(code), code).toBe(true);
    }
    expect(byCode.get('000.8.3.3')).toMatchObject({ name: 'Standar Operasional Prosedur', jra: { active: 2, inactive: 3, disposition: 'permanen' } });
    expect(byCode.get('800.1.11.1')).toMatchObject({ name: 'Surat Perintah Dinas/Surat Tugas', jra: { active: 1, inactive: 1, disposition: 'musnah' } });
  });
});
