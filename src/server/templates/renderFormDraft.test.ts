import { describe, expect, it } from 'vitest';
import { makeDocx, para, paragraphs, partXml, run } from '../../../test/fixtures/templates/docx.js';
import { AppError } from '../errors.js';
import { fillDocx } from './fillDocx.js';
import { generateTemplateDocx, type TemplateInput } from './generateTemplate.js';
import { inspectDocxTemplate } from './inspectTemplate.js';
import { DEFAULT_PENUTUP, parseFormDraft, renderFormDraft } from './renderFormDraft.js';

const pd: TemplateInput['letterhead'] = { kind: 'pd', lines: ['Pemerintah Kabupaten Bantul', 'Dinas Kependudukan dan Pencatatan Sipil'] };
const template = (formKind: 'surat' | 'undangan' | 'nota_dinas') =>
  generateTemplateDocx({
    type: { code: formKind, name: formKind, shape: 'korespondensi', formKind },
    letterhead: pd,
    paper: 'A4',
    region: 'Kabupaten Bantul',
  });

async function failure(p: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}

describe('renderFormDraft', () => {
  it('puts a surat form into the body, drops the sample text and keeps the system fields', async () => {
    const tpl = await template('surat');
    const sample = paragraphs(partXml(tpl)).find((t) => t.startsWith('Sehubungan dengan [dasar'));
    expect(sample).toBeDefined();
    const draft = renderFormDraft(tpl, { kind: 'surat', isi: 'Paragraf pertama tentang KTP-el.\n\nParagraf kedua: mohon hadir tepat waktu.' });
    const text = paragraphs(partXml(draft));
    expect(text).toContain('Paragraf pertama tentang KTP-el.');
    expect(text).toContain('Paragraf kedua: mohon hadir tepat waktu.');
    expect(text.some((t) => t.includes('[dasar atau latar belakang surat]'))).toBe(false);
    const { placeholders } = inspectDocxTemplate(draft);
    expect(placeholders).toContain('nomor_naskah');
    expect(placeholders).toContain('ttd_pengirim');
    expect(placeholders).not.toContain('isi');
    // …and the signing-time fill completes it.
    const final = fillDocx(draft, { nomor_naskah: '470/12/2026', tanggal_naskah: '2 Desember 2026', sifat: 'Biasa', lampiran: '-', hal: 'Pemberitahuan', tujuan: ['Camat Sewon'], nama_pengirim: 'Budi', nip_pengirim: '1', jabatan_pengirim: 'Kepala Dinas', tembusan: [] });
    expect(inspectDocxTemplate(final).placeholders).toEqual([]);
    expect(paragraphs(partXml(final))).toContain('Paragraf pertama tentang KTP-el.');
  });

  it('fills an invitation, with standard opening and closing sentences when none are given', async () => {
    const draft = renderFormDraft(await template('undangan'), {
      kind: 'undangan',
      hari_tanggal: 'Senin, 7 Desember 2026',
      waktu: '09.00 WIB s.d. selesai',
      tempat: 'Aula Disdukcapil',
      acara: 'Sosialisasi Identitas Kependudukan Digital',
    });
    const text = paragraphs(partXml(draft));
    expect(text).toContain('hari, tanggal\t:\tSenin, 7 Desember 2026');
    expect(text).toContain('waktu\t:\t09.00 WIB s.d. selesai');
    expect(text).toContain('tempat\t:\tAula Disdukcapil');
    expect(text).toContain('acara\t:\tSosialisasi Identitas Kependudukan Digital');
    expect(text).toContain('Bersama ini kami mengundang Saudara untuk hadir pada:');
    expect(text).toContain(DEFAULT_PENUTUP);
  });

  it('uses the drafter\'s own opening sentence', async () => {
    const draft = renderFormDraft(await template('undangan'), {
      kind: 'undangan',
      pembuka: 'Dalam rangka Hari Jadi Kabupaten, kami mengundang Saudara pada:',
      hari_tanggal: 'Senin',
      waktu: '08.00',
      tempat: 'Alun-alun',
      acara: 'Upacara',
    });
    expect(paragraphs(partXml(draft))).toContain('Dalam rangka Hari Jadi Kabupaten, kami mengundang Saudara pada:');
  });

  it('validates the form with Indonesian messages', async () => {
    const e = await failure(() => parseFormDraft({ kind: 'undangan', hari_tanggal: ' ', waktu: '09.00', acara: 'Rapat' }));
    expect(e.code).toBe('FORM_INVALID');
    const fields = e.details?.fields as Array<{ path: string; message: string }>;
    expect(fields).toEqual(
      expect.arrayContaining([
        { path: 'hari_tanggal', message: 'Hari, tanggal wajib diisi.' },
        { path: 'tempat', message: 'Tempat wajib diisi.' },
      ]),
    );
    expect(e.userMessage('id')).toContain('Tempat wajib diisi.');
    const k = await failure(() => parseFormDraft({ kind: 'memo', isi: 'x' }));
    expect(k.userMessage('id')).toContain('Jenis formulir harus salah satu dari');
    const s = await failure(() => parseFormDraft({ kind: 'surat', isi: '' }));
    expect(s.details?.fields).toEqual([{ path: 'isi', message: 'Isi surat wajib diisi.' }]);
  });

  it('refuses a template that has no place for the form', async () => {
    const e = await failure(() => renderFormDraft(makeDocx(para(run('${nomor_naskah}'))), { kind: 'nota_dinas', isi: 'Isi' }));
    expect(e.code).toBe('TEMPLATE_MISSING_FIELDS');
    expect(e.details?.missing).toEqual(['isi']);
  });
});
