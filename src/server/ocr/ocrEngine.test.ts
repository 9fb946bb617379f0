// The OCR adapter against the real Debian ocrmypdf/tesseract: a letter is drawn, rasterised
// like a scan, and read back; bad inputs get their own failure kind.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { letterPdf, rasterise, scannedPdf } from '../../../test/helpers/letterScan.js';
import { OcrError, OcrMyPdfEngine, sniffScan, type OcrMyPdfOptions } from './ocrEngine.js';
import { suggestLetterFields } from './suggestLetterFields.js';

const options: OcrMyPdfOptions = {
  ocrmypdfPath: 'ocrmypdf',
  img2pdfPath: 'img2pdf',
  python: '/usr/bin/python3',
  languages: 'ind+eng',
  pageTimeoutSeconds: 120,
  maxPages: 50,
  threads: 1,
  nice: 5,
};
const engine = new OcrMyPdfEngine(options);

async function failure(p: Promise<unknown>): Promise<OcrError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OcrError) return e;
    throw e;
  }
  throw new Error('expected an OcrError');
}

function qpdf(args: string[], input: Buffer): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-qpdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'in.pdf'), input);
    execFileSync('qpdf', [...args, path.join(dir, 'in.pdf'), path.join(dir, 'out.pdf')]);
    return fs.readFileSync(path.join(dir, 'out.pdf'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('OcrMyPdfEngine (real ocrmypdf)', { timeout: 240_000 }, () => {
  it('reads a scanned letter image back into text and a PDF/A, and the suggestions find its number', async () => {
    const png = rasterise(await letterPdf(), 'png');
    const out = await engine.recognise(png);
    expect(out.fromImage).toBe(true);
    expect(out.pageCount).toBe(1);
    expect(out.pages).toEqual([{ page: 1, status: 'ok', chars: out.pageTexts[0]!.length }]);
    expect(out.pageTexts[0]).toContain('Permohonan Pembuatan Akun Surat');
    expect(out.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(out.pdfa).toBe(true);
    expect(out.pdf.toString('latin1')).toMatch(/pdfaid:part/);
    const s = suggestLetterFields(out.pageTexts.join('\f'));
    expect(s.nomor).toBe('800.1.11.1/427/406.020/2026');
    expect(s.tanggal).toBe('2026-10-14');
    expect(s.hal).toBe('Permohonan Pembuatan Akun Surat Elektronik Dinas');
  });

  it('turns a page scanned sideways (--rotate-pages) and reads it', async () => {
    const jpeg = rasterise(await letterPdf(undefined, { rotate: 90 }), 'jpeg');
    const out = await engine.recognise(jpeg);
    expect(out.pages[0]!.status).toBe('ok');
    expect(suggestLetterFields(out.pageTexts[0]!).nomor).toBe('800.1.11.1/427/406.020/2026');
  });

  it('marks the pages tesseract gave up on, keeping the others, and stops at the page limit', async () => {
    const scan = scannedPdf(await letterPdf(undefined, { pages: 3 }), 150);
    const out = await new OcrMyPdfEngine({ ...options, pageTimeoutSeconds: 0.05, maxPages: 2 }).recognise(scan);
    expect(out.pageCount).toBe(3);
    expect(out.pages.map((p) => p.status)).toEqual(['timeout', 'timeout', 'not_processed']);
    expect(out.pageTexts).toEqual(['', '', '']);
    expect(out.pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('keeps the text of a born-digital PDF instead of re-reading it', async () => {
    const out = await engine.recognise(await letterPdf(undefined, { pages: 2 }));
    expect(out.fromImage).toBe(false);
    expect(out.pages.map((p) => p.status)).toEqual(['had_text', 'had_text']);
    expect(out.pageTexts[1]).toContain('800.1.11.1/427/406.020/2026');
  });

  it('finds no text on an image that is not a letter', async () => {
    const blank = await (async () => {
      const { PDFDocument } = await import('@cantoo/pdf-lib');
      const d = await PDFDocument.create();
      d.addPage([300, 300]);
      return Buffer.from(await d.save());
    })();
    const out = await engine.recognise(rasterise(blank, 'png', 100));
    expect(out.pages).toEqual([{ page: 1, status: 'empty', chars: 0 }]);
  });

  it('refuses empty, foreign, damaged and encrypted files with their own kind', async () => {
    expect((await failure(engine.recognise(new Uint8Array()))).kind).toBe('empty_file');
    expect((await failure(engine.recognise(Buffer.from('PK\x03\x04 not a scan')))).kind).toBe('unsupported_type');
    const damaged = await failure(engine.recognise(Buffer.from('%PDF-1.7\n1 0 obj garbage\n%%EOF')));
    expect(damaged.kind).toBe('unreadable');
    expect(damaged.transient).toBe(false);
    const pngHeaderOnly = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
    expect((await failure(engine.recognise(pngHeaderOnly))).kind).toBe('unreadable');
    const encrypted = qpdf(['--encrypt', 'rahasia', 'rahasia', '256', '--'], await letterPdf());
    expect((await failure(engine.recognise(encrypted))).kind).toBe('encrypted');
  });

  it('says so when the engine is not installed (transient: the admin can install it)', async () => {
    const e = await failure(new OcrMyPdfEngine({ ...options, ocrmypdfPath: '/nonexistent/ocrmypdf' }).recognise(await letterPdf()));
    expect(e.kind).toBe('engine_missing');
    expect(e.transient).toBe(true);
  });
});

describe('sniffScan', () => {
  it('trusts bytes, not names', () => {
    expect(sniffScan(Buffer.from('%PDF-1.4'))).toBe('pdf');
    expect(sniffScan(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffScan(Buffer.from([0x49, 0x49, 0x2a, 0x00]))).toBe('tiff');
    expect(sniffScan(Buffer.from('GIF89a'))).toBeNull();
  });
});

describe('parseSidecar', () => {
  it('maps text chunks and skip markers to pages', async () => {
    const { parseSidecar } = await import('./ocrEngine.js');
    expect(parseSidecar('satu\fdua\f', 2)).toEqual(['satu', 'dua']);
    expect(parseSidecar('[OCR skipped on page(s) 1-2]', 2)).toEqual([null, null]);
    expect(parseSidecar('satu\f[OCR skipped on page(s) 2-3]\fempat\f', 4)).toEqual(['satu', null, null, 'empat']);
    expect(parseSidecar('[skipped page]\f[skipped page]\f', 2)).toEqual([null, null]);
    // A page without a chunk was recognised and held no text (ocrmypdf 14 leaves a blank scan's sidecar empty).
    expect(parseSidecar('', 1)).toEqual(['']);
    expect(parseSidecar('satu\f', 2)).toEqual(['satu', '']);
  });
});
