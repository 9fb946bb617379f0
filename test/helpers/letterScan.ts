// A scanned incoming letter for OCR tests and the bench: an Indonesian request letter drawn
// as a PDF, then rasterised by poppler (pdftoppm) as a scanner would deliver it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { degrees, PDFDocument, StandardFonts } from '@cantoo/pdf-lib';

export interface LetterText {
  place: string;
  date: string;
  nomor: string;
  sifat: string;
  lampiran: string;
  hal: [string, string?];
  to: string;
  body: string[];
}

export const REQUEST_LETTER: LetterText = {
  place: 'Trenggalek',
  date: '14 Oktober 2026',
  nomor: '800.1.11.1/427/406.020/2026',
  sifat: 'Biasa',
  lampiran: '1 (satu) berkas',
  hal: ['Permohonan Pembuatan Akun Surat', 'Elektronik Dinas'],
  to: 'Yth. Kepala Dinas Komunikasi dan Informatika',
  body: [
    'Dengan hormat, bersama ini kami mengajukan permohonan pembuatan akun e-mail dinas',
    'untuk pegawai kami. Nomor WhatsApp yang dapat dihubungi 0812-3456-7890.',
    'Demikian permohonan ini kami sampaikan, atas perhatiannya diucapkan terima kasih.',
  ],
};

/** A born-digital letter PDF (has a text layer). `pages` repeats the letter; `rotate` turns each page. */
export async function letterPdf(l: LetterText = REQUEST_LETTER, opts: { pages?: number; rotate?: 0 | 90 | 180 | 270 } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const bold = await doc.embedFont(StandardFonts.TimesRomanBold);
  for (let n = 0; n < (opts.pages ?? 1); n++) {
    const page = doc.addPage([595, 842]);
    let y = 790;
    const line = (t: string, x = 60, f = font, s = 12) => {
      page.drawText(t, { x, y, size: s, font: f });
      y -= s * 1.6;
    };
    line('PEMERINTAH KABUPATEN TRENGGALEK', 150, bold, 14);
    line('DINAS PERUMAHAN, KAWASAN PERMUKIMAN DAN LINGKUNGAN HIDUP', 90, bold, 12);
    line('Jalan Dr. Soetomo No. 12, Trenggalek 66311', 170);
    y -= 20;
    line(`${l.place}, ${l.date}`, 360);
    line(`Nomor      : ${l.nomor}`);
    line(`Sifat      : ${l.sifat}`);
    line(`Lampiran   : ${l.lampiran}`);
    line(`Hal        : ${l.hal[0]}`);
    if (l.hal[1]) line(`                   ${l.hal[1]}`);
    y -= 10;
    line(l.to);
    line('di Trenggalek');
    y -= 10;
    for (const b of l.body) line(b);
    if (opts.rotate) page.setRotation(degrees(opts.rotate));
  }
  return Buffer.from(await doc.save());
}

/** The first page of a PDF as a scanner's image. */
export function rasterise(pdf: Uint8Array, format: 'png' | 'jpeg' = 'png', dpi = 200): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-scan-'));
  try {
    fs.writeFileSync(path.join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), format === 'png' ? '-png' : '-jpeg', '-gray', '-singlefile', path.join(dir, 'in.pdf'), path.join(dir, 'page')]);
    return fs.readFileSync(path.join(dir, `page.${format === 'png' ? 'png' : 'jpg'}`));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A multi-page scan as scanners send it: a PDF whose pages are images only (no text layer). */
export function scannedPdf(pdf: Uint8Array, dpi = 200): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-scan-'));
  try {
    fs.writeFileSync(path.join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-gray', path.join(dir, 'in.pdf'), path.join(dir, 'p')]);
    const pages = fs.readdirSync(dir).filter((f) => f.startsWith('p') && f.endsWith('.png')).sort();
    execFileSync('img2pdf', [...pages.map((p) => path.join(dir, p)), '-o', path.join(dir, 'scan.pdf')]);
    return fs.readFileSync(path.join(dir, 'scan.pdf'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
