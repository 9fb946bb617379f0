// Finds the signature marker ('[[TTE-NASKAH]]') an author put in a PDF signed outside the workflow
// (or a legacy one), using pdf.js text positions.
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { AppError } from '../../errors.js';

export interface MarkerHit {
  pageIndex: number;
  /** Baseline start of the marker in PDF user space. */
  x: number;
  y: number;
  fontSize: number;
  /** The page's visible box [x1, y1, x2, y2]. */
  view: [number, number, number, number];
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | null = null;
/** Loads pdf.js (about 2 s the first time in a process); signing sessions start it early. */
export function pdfjs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
}

/** Pure search over text items: the marker may be split across items; returns its start. */
export function findInItems(items: TextItemLike[], marker: string): { x: number; y: number; fontSize: number } | null {
  let joined = '';
  const owner: number[] = [];
  const offsetInItem: number[] = [];
  items.forEach((it, i) => {
    for (let k = 0; k < it.str.length; k++) {
      owner.push(i);
      offsetInItem.push(k);
    }
    joined += it.str;
  });
  const at = joined.indexOf(marker);
  if (at < 0) return null;
  const item = items[owner[at]!]!;
  const [a = 1, b = 0, , , e = 0, f = 0] = item.transform;
  const fontSize = Math.hypot(a, b) || 1;
  const charWidth = item.str.length ? item.width / item.str.length : 0;
  return { x: e + offsetInItem[at]! * charWidth, y: f, fontSize };
}

/** Last occurrence by page (signature blocks sit at the end), or null. */
export async function findMarker(pdf: Uint8Array, marker: string): Promise<MarkerHit | null> {
  const lib = await pdfjs();
  const task = lib.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false });
  let doc: PDFDocumentProxy | null = null;
  try {
    try {
      doc = await task.promise;
    } catch (e) {
      const name = (e as Error)?.name;
      if (name === 'PasswordException') throw new AppError('PDF_ENCRYPTED');
      throw new AppError('PDF_INVALID', { reason: (e as Error)?.message?.slice(0, 200) });
    }
    for (let p = doc.numPages; p >= 1; p--) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items = content.items.filter((i) => 'str' in i) as unknown as TextItemLike[];
      const hit = findInItems(items, marker);
      page.cleanup();
      if (hit) return { pageIndex: p - 1, ...hit, view: page.view as [number, number, number, number] };
    }
    return null;
  } finally {
    await (doc ? doc.destroy() : task.destroy());
  }
}
