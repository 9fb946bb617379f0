// Writes the number and date onto an uploaded PDF draft where the drafter marked them (seed 002:
// "draft surat keluar lengkap ada nomor, tanggal"). The original pages stay as they are; the text
// is drawn on top with a standard font.
import { degrees, rgb, StandardFonts, type PDFFont } from '@cantoo/pdf-lib';
import { AppError } from '../errors.js';
import { loadPdf } from './inspectPdf.js';

export interface StampItem {
  /** 1-based page number. */
  page: number;
  /** Baseline start of the text in PDF points, origin bottom-left (page user space). */
  x: number;
  y: number;
  text: string;
  /** Points, default 12. */
  fontSize?: number;
}

/** Replaces characters the standard (WinAnsi) font cannot draw; Indonesian text is unaffected. */
function drawable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  return [...text.replace(/[\r\n\t]+/g, ' ')]
    .map((ch) => {
      if (supported.has(ch.codePointAt(0)!)) return ch;
      const plain = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      return plain && [...plain].every((c) => supported.has(c.codePointAt(0)!)) ? plain : '?';
    })
    .join('');
}

/** Draws each item's text; returns the new PDF. Throws PDF_* errors for unusable input. */
export async function stampTextOnPdf(pdf: Uint8Array, items: StampItem[]): Promise<Uint8Array> {
  const doc = await loadPdf(pdf);
  const pages = doc.getPages();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const item of items) {
    const page = pages[item.page - 1];
    if (!Number.isInteger(item.page) || !page) {
      throw new AppError(
        'PDF_PAGE_OUT_OF_RANGE',
        { page: item.page, pages: pages.length },
        { id: `Halaman ${item.page} tidak ada; PDF hanya ${pages.length} halaman.`, en: `Page ${item.page} does not exist; the PDF has ${pages.length} pages.` },
      );
    }
    if (!Number.isFinite(item.x) || !Number.isFinite(item.y)) {
      throw new AppError('BAD_REQUEST', { item }, { id: 'Posisi teks pada PDF tidak valid.', en: 'Invalid text position.' });
    }
    // On a page shown rotated (/Rotate), turn the text with it so it reads upright on screen.
    const rotation = ((page.getRotation().angle % 360) + 360) % 360;
    page.drawText(drawable(font, item.text), {
      x: item.x,
      y: item.y,
      size: item.fontSize ?? 12,
      font,
      color: rgb(0, 0, 0),
      ...(rotation ? { rotate: degrees(rotation) } : {}),
    });
  }
  return doc.save({ useObjectStreams: false });
}
