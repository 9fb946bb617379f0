// Small helpers to lay out the printed forms (tanda terima, lembar disposisi, buku ekspedisi) with pdf-lib's
// standard fonts: WinAnsi-safe text, wrapping, a bordered row.
import { rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';

/** Standard fonts encode WinAnsi only: replace what they cannot draw. */
export function winAnsi(s: string | null | undefined): string {
  return (s ?? '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[^\x20-\x7e\xa0-\xff\n]/g, '?');
}

export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const para of winAnsi(text).split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) <= width || !line) line = next;
      else {
        out.push(line);
        line = word;
      }
    }
    out.push(line);
  }
  return out;
}

export interface Cursor {
  page: PDFPage;
  y: number;
}

export function drawLines(c: Cursor, lines: string[], x: number, font: PDFFont, size: number, leading = size + 3): void {
  for (const l of lines) {
    c.page.drawText(l, { x, y: c.y, size, font, color: rgb(0, 0, 0) });
    c.y -= leading;
  }
}

export function hr(c: Cursor, x1: number, x2: number, thickness = 0.7): void {
  c.page.drawLine({ start: { x: x1, y: c.y }, end: { x: x2, y: c.y }, thickness, color: rgb(0, 0, 0) });
}

export function box(page: PDFPage, x: number, y: number, w: number, h: number): void {
  page.drawRectangle({ x, y, width: w, height: h, borderColor: rgb(0, 0, 0), borderWidth: 0.7 });
}
