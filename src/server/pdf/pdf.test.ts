import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { degrees, PDFDocument, PDFName, PDFNumber, StandardFonts } from '@cantoo/pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDocx, para, run } from '../../../test/fixtures/templates/docx.js';
import { AppError } from '../errors.js';
import { defaultLogoPng } from '../templates/emblems.js';
import { findTextPositions } from './findTextPositions.js';
import { formatMb, inspectPdf } from './inspectPdf.js';
import { stampTextOnPdf } from './stampTextOnPdf.js';
import { validateAttachment } from './validateAttachment.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-pdf-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function samplePdf(opts: { pages?: number; rotate?: number; text?: string } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < (opts.pages ?? 1); i++) {
    const page = doc.addPage([595.28, 841.89]);
    if (opts.rotate) page.setRotation(degrees(opts.rotate));
    page.drawText(opts.text ?? `Halaman ${i + 1}: surat keluar dinas`, { x: 72, y: 700, size: 12, font });
  }
  return doc.save();
}

function pdftotext(pdf: Uint8Array): string {
  const file = path.join(tmp, `t-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}

describe('inspectPdf', () => {
  it('reads pages and version of a valid PDF', async () => {
    const info = await inspectPdf(await samplePdf({ pages: 3 }));
    expect(info).toEqual({ pages: 3, pdfVersion: '1.7', encrypted: false, hasSignatures: false });
  });

  it('prefers the catalog /Version when it is newer than the header', async () => {
    const doc = await PDFDocument.load(await samplePdf());
    doc.catalog.set(PDFName.of('Version'), PDFName.of('2.0'));
    expect((await inspectPdf(await doc.save())).pdfVersion).toBe('2.0');
  });

  it('notices an existing digital signature', async () => {
    const doc = await PDFDocument.load(await samplePdf());
    const sig = doc.context.obj({ Type: 'Sig', Filter: 'Adobe.PPKLite', SubFilter: 'ETSI.CAdES.detached', ByteRange: [0, 100, 200, 300].map((n) => PDFNumber.of(n)) });
    const field = doc.context.obj({ FT: 'Sig', T: doc.context.obj('Signature1'), V: doc.context.register(sig) });
    doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: [doc.context.register(field)], SigFlags: 3 }));
    expect((await inspectPdf(await doc.save({ useObjectStreams: false }))).hasSignatures).toBe(true);
  });

  it('rejects an encrypted PDF (qpdf, AES-256)', async () => {
    const plain = path.join(tmp, 'plain.pdf');
    const enc = path.join(tmp, 'enc.pdf');
    fs.writeFileSync(plain, await samplePdf());
    execFileSync('qpdf', ['--encrypt', 'rahasia', 'pemilik', '256', '--', plain, enc]);
    const e = await failure(inspectPdf(fs.readFileSync(enc)));
    expect(e.code).toBe('PDF_ENCRYPTED');
    expect(e.userMessage('id')).toContain('kata sandi');
    // Owner-password only (opens without a password) is still encrypted.
    execFileSync('qpdf', ['--encrypt', '', 'pemilik', '256', '--', plain, enc]);
    expect((await failure(inspectPdf(fs.readFileSync(enc)))).code).toBe('PDF_ENCRYPTED');
  });

  it.each([
    ['empty', Buffer.alloc(0), 'kosong'],
    ['not a PDF', Buffer.from('Ini teks biasa, bukan PDF.'), 'bukan_pdf'],
    ['a header and garbage', Buffer.from('%PDF-1.4\n\x00\x01\x02 sampah sampah\n%%EOF\n', 'latin1'), null],
    ['random bytes after a header', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)), Buffer.from('\n%%EOF')]), null],
  ])('rejects %s with PDF_INVALID', async (_label, bytes, reason) => {
    const e = await failure(inspectPdf(bytes));
    expect(e.code).toBe('PDF_INVALID');
    if (reason) expect(e.details?.reason).toBe(reason);
  });

  it('rejects a truncated PDF', async () => {
    const pdf = await samplePdf({ pages: 2 });
    const e = await failure(inspectPdf(pdf.subarray(0, Math.floor(pdf.length * 0.6))));
    expect(e.code).toBe('PDF_INVALID');
    expect(e.details?.reason).toBe('terpotong');
  });

  it('rejects a file over maxBytes before parsing it', async () => {
    const pdf = await samplePdf();
    const e = await failure(inspectPdf(pdf, { maxBytes: 100 }));
    expect(e.code).toBe('PDF_TOO_LARGE');
    expect(e.status).toBe(413);
  });

  it('formats sizes the Indonesian way', () => {
    expect(formatMb(1024 * 1024)).toBe('1 MB');
    expect(formatMb(1.5 * 1024 * 1024)).toBe('1,5 MB');
    expect(formatMb(20 * 1024)).toBe('0,02 MB');
  });
});

describe('validateAttachment', () => {
  const limits = { maxBytes: 1024 * 1024 };

  it('accepts a PDF within the limit', async () => {
    const pdf = await samplePdf({ pages: 2 });
    expect(await validateAttachment({ bytes: pdf, name: 'Daftar Hadir.PDF', mime: 'application/pdf' }, limits)).toMatchObject({ pages: 2, size: pdf.length });
  });

  it('refuses an oversize file, naming its size and the limit', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1.4 * 1024 * 1024, 0x20)]);
    const e = await failure(validateAttachment({ bytes: big, name: 'scan.pdf' }, limits));
    expect(e.code).toBe('ATTACHMENT_INVALID');
    expect(e.details).toMatchObject({ file: 'scan.pdf', reason: 'terlalu_besar' });
    expect(e.userMessage('id')).toBe('Lampiran "scan.pdf" berukuran 1,4 MB, melebihi batas 1 MB per berkas. Perkecil (kompres) PDF lalu unggah ulang.');
  });

  it('sees through a .docx or an image renamed .pdf', async () => {
    const docx = await failure(validateAttachment({ bytes: makeDocx(para(run('halo'))), name: 'lampiran.pdf', mime: 'application/pdf' }, limits));
    expect(docx.details).toMatchObject({ file: 'lampiran.pdf', reason: 'bukan_pdf' });
    expect(docx.userMessage('id')).toContain('.docx');
    expect(docx.userMessage('id')).toContain('diganti namanya');
    const png = await failure(validateAttachment({ bytes: defaultLogoPng('Kabupaten Contoh'), name: 'foto.pdf' }, limits));
    expect(png.userMessage('id')).toContain('gambar PNG');
  });

  it('refuses a PDF whose name is not .pdf, and a Word file', async () => {
    const e = await failure(validateAttachment({ bytes: await samplePdf(), name: 'surat.docx' }, limits));
    expect(e.details).toMatchObject({ reason: 'bukan_pdf' });
  });

  it('refuses encrypted and broken PDFs', async () => {
    const plain = path.join(tmp, 'a.pdf');
    const enc = path.join(tmp, 'a-enc.pdf');
    fs.writeFileSync(plain, await samplePdf());
    execFileSync('qpdf', ['--encrypt', 'x', 'y', '256', '--', plain, enc]);
    const e1 = await failure(validateAttachment({ bytes: fs.readFileSync(enc), name: 'a.pdf' }, limits));
    expect(e1.details).toMatchObject({ file: 'a.pdf', reason: 'terenkripsi' });
    const pdf = await samplePdf();
    const e2 = await failure(validateAttachment({ bytes: pdf.subarray(0, pdf.length - 200), name: 'b.pdf' }, limits));
    expect(e2.details).toMatchObject({ file: 'b.pdf', reason: 'rusak' });
    expect(e2.userMessage('id')).toContain('terpotong');
  });
});

describe('stampTextOnPdf and findTextPositions', () => {
  it('draws number and date where marked, keeping the original text', async () => {
    const pdf = await samplePdf({ pages: 2 });
    const out = await stampTextOnPdf(pdf, [
      { page: 1, x: 150, y: 650, text: 'Nomor: 470/123/Disdukcapil/2026' },
      { page: 2, x: 400, y: 780, text: 'Bantul, 21 November 2026', fontSize: 11 },
    ]);
    const text = pdftotext(out);
    expect(text).toContain('Halaman 1: surat keluar dinas');
    expect(text).toContain('Halaman 2: surat keluar dinas');
    expect(text).toContain('Nomor: 470/123/Disdukcapil/2026');
    expect(text).toContain('Bantul, 21 November 2026');
    const [pos] = await findTextPositions(out, '470/123/Disdukcapil/2026');
    expect(pos!.page).toBe(1);
    expect(pos!.y).toBeCloseTo(650, 1);
    expect(pos!.x).toBeGreaterThan(150);
    expect(pos!.x).toBeLessThan(200);
    expect(pos!.height).toBeCloseTo(12, 1);
    const [date] = await findTextPositions(out, 'Bantul, 21 November 2026');
    expect(date).toMatchObject({ page: 2, x: 400 });
    expect(date!.width).toBeGreaterThan(100);
  });

  it('keeps Indonesian text drawable and turns text with a rotated page', async () => {
    const out = await stampTextOnPdf(await samplePdf({ rotate: 90 }), [{ page: 1, x: 300, y: 100, text: 'Tanggal: 1 Januari 2027 — “final” ✓' }]);
    const text = pdftotext(out);
    expect(text).toContain('Tanggal: 1 Januari 2027 — “final” ?');
    const doc = await PDFDocument.load(out);
    expect(doc.getPage(0).getRotation().angle).toBe(90);
  });

  it('refuses a page that does not exist', async () => {
    const e = await failure(stampTextOnPdf(await samplePdf(), [{ page: 3, x: 1, y: 1, text: 'x' }]));
    expect(e.code).toBe('PDF_PAGE_OUT_OF_RANGE');
    expect(e.userMessage('id')).toContain('hanya 1 halaman');
  });

  it('finds every occurrence, also across text items', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage();
    page.drawText('[[TTE-', { x: 100, y: 200, size: 2, font });
    page.drawText('NASKAH]]', { x: 100 + font.widthOfTextAtSize('[[TTE-', 2), y: 200, size: 2, font });
    page.drawText('lagi [[TTE-NASKAH]]', { x: 50, y: 400, size: 10, font });
    const found = await findTextPositions(await doc.save(), '[[TTE-NASKAH]]');
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({ page: 1 });
    expect(found[0]!.x).toBeCloseTo(100, 1);
    expect(found[0]!.y).toBeCloseTo(200, 1);
    expect(found[0]!.width).toBeCloseTo(font.widthOfTextAtSize('[[TTE-NASKAH]]', 2), 0);
    expect(found[1]!.y).toBeCloseTo(400, 1);
    expect(found[1]!.x).toBeCloseTo(50 + font.widthOfTextAtSize('lagi ', 10), 0);
    expect(await findTextPositions(await samplePdf(), '[[TTE-NASKAH]]')).toEqual([]);
  });

  it('reports a broken PDF as PDF_INVALID', async () => {
    const e = await failure(findTextPositions(Buffer.from('%PDF-1.4\nnot really'), 'x'));
    expect(e.code).toBe('PDF_INVALID');
  });
});
