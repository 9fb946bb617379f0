import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { MACRO_MAIN, makeDocx, para, run } from '../../../test/fixtures/templates/docx.js';
import { AppError } from '../errors.js';
import { checkTemplate, inspectDocxTemplate } from './inspectTemplate.js';

function problem(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}

const cfbHeader = Buffer.from('d0cf11e0a1b11ae1', 'hex');

function workbook(): Buffer {
  const z = new PizZip();
  z.file('[Content_Types].xml', '<Types/>');
  z.file('xl/workbook.xml', '<workbook/>');
  return z.generate({ type: 'nodebuffer' });
}

describe('inspectDocxTemplate', () => {
  it('lists fields, also when Word split one over several runs, and flags unknown ones', () => {
    const docx = makeDocx(
      para(run('Nomor : '), run('$'), run('{nomor_'), run('naskah}', '<w:b/>')) +
        para(run('${ hal }')) +
        para(run('${nomor_nasakh} and ${isi}')),
    );
    expect(inspectDocxTemplate(docx)).toEqual({ placeholders: ['nomor_naskah', 'hal', 'nomor_nasakh', 'isi'], unknown: ['nomor_nasakh'] });
  });

  it('ignores a stray closing brace in ordinary text', () => {
    expect(inspectDocxTemplate(makeDocx(para(run('Catatan: a } b')) + para(run('${hal}')))).placeholders).toEqual(['hal']);
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'kosong'],
    ['random bytes', Buffer.from('bukan dokumen sama sekali'), 'bukan_docx'],
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'pdf'],
    ['a Word 97-2003 .doc', Buffer.concat([cfbHeader, Buffer.alloc(600), Buffer.from('WordDocument', 'utf16le')]), 'format_doc_lama'],
    ['a password-protected .docx', Buffer.concat([cfbHeader, Buffer.alloc(600), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.from('EncryptedPackage', 'utf16le')]), 'terenkripsi'],
    ['a truncated zip', makeDocx(para(run('${hal}'))).subarray(0, 200), 'rusak'],
    ['a zip that is not a Word document (a workbook)', workbook(), 'bukan_docx'],
    ['a macro-enabled .docm', makeDocx(para(run('${hal}')), { mainContentType: MACRO_MAIN, files: { 'word/vbaProject.bin': new Uint8Array([1, 2, 3]) } }), 'makro'],
  ])('rejects %s with TEMPLATE_INVALID', (_label, buf, reason) => {
    const e = problem(() => inspectDocxTemplate(buf));
    expect(e.code).toBe('TEMPLATE_INVALID');
    expect(e.details?.reason).toBe(reason);
    expect(e.userMessage('id').length).toBeGreaterThan(20);
  });

  it('reports fields docxtemplater cannot parse, by name', () => {
    const e = problem(() => inspectDocxTemplate(makeDocx(para(run('Nomor: ${nomor_naskah')) + para(run('Hal: ${hal}')))));
    expect(e.code).toBe('TEMPLATE_INVALID');
    expect(e.details?.reason).toBe('isian_rusak');
    const errors = e.details?.errors as Array<{ code: string; field: string | null; message: string }>;
    expect(errors[0]!.code).toBe('unclosed_tag');
    expect(errors[0]!.field).toContain('nomor_naskah');
    expect(e.userMessage('id')).toContain('nomor_naskah');
  });
});

describe('checkTemplate', () => {
  const all = ['nomor_naskah', 'tanggal_naskah', 'sifat', 'lampiran', 'hal', 'tujuan', 'ttd_pengirim', 'nama_pengirim', 'nip_pengirim', 'jabatan_pengirim', 'tembusan'];
  const withFields = (names: string[]) => makeDocx(names.map((n) => para(run(`\${${n}}`))).join(''));

  it('accepts a template with every field its shape requires', () => {
    expect(checkTemplate(withFields(all), 'korespondensi')).toEqual({ ok: true, placeholders: all, unknown: [] });
    const judul = all.filter((n) => !['sifat', 'lampiran', 'tujuan'].includes(n));
    expect(checkTemplate(withFields(judul), 'judul').ok).toBe(true);
  });

  it('names the missing fields in details and in the Indonesian message', () => {
    const e = problem(() => checkTemplate(withFields(all.filter((n) => n !== 'nomor_naskah' && n !== 'ttd_pengirim')), 'korespondensi'));
    expect(e.code).toBe('TEMPLATE_MISSING_FIELDS');
    expect(e.details?.missing).toEqual(['nomor_naskah', 'ttd_pengirim']);
    expect(e.userMessage('id')).toBe('Templat tidak memuat isian wajib: ${nomor_naskah}, ${ttd_pengirim}.');
    expect(e.status).toBe(400);
  });

  it('a judul template is not a korespondensi template', () => {
    const judul = all.filter((n) => !['sifat', 'lampiran', 'tujuan'].includes(n));
    const e = problem(() => checkTemplate(withFields(judul), 'korespondensi'));
    expect(e.details?.missing).toEqual(['sifat', 'lampiran', 'tujuan']);
  });

  it('hints at misspelt fields', () => {
    const e = problem(() => checkTemplate(withFields([...all.filter((n) => n !== 'hal'), 'perihal']), 'korespondensi'));
    expect(e.details?.unknown).toEqual(['perihal']);
    expect(e.userMessage('id')).toContain('Isian tidak dikenal: ${perihal}');
  });
});
