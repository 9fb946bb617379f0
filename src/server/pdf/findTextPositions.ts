// Where a string appears in a PDF, e.g. the signature marker the .docx filler leaves at
// ${ttd_pengirim}, so the stamp can be drawn there. Uses pdfjs-dist (legacy build, Node).
//
// NOTE: pdfjs-dist is a devDependency in package.json; move it to dependencies before this runs
// in production.
import { StandardFontEmbedder, StandardFonts } from '@cantoo/pdf-lib';
import { pdfInvalid } from './inspectPdf.js';

const helvetica = StandardFontEmbedder.for(StandardFonts.Helvetica as unknown as Parameters<typeof StandardFontEmbedder.for>[0]);

/** Relative advance of a prefix within a text item (Helvetica metrics; exact for whole items). */
function share(str: string, chars: number): number {
  if (chars <= 0) return 0;
  if (chars >= str.length) return 1;
  const safe = (s: string) => s.replace(/[^\x20-\x7e\xa0-\xff]/g, 'n');
  const whole = helvetica.widthOfTextAtSize(safe(str), 1);
  return whole > 0 ? helvetica.widthOfTextAtSize(safe(str.slice(0, chars)), 1) / whole : chars / str.length;
}

export interface TextPosition {
  /** 1-based page number. */
  page: number;
  /** Left end of the match on the baseline, PDF points, origin bottom-left (page user space). */
  x: number;
  y: number;
  width: number;
  /** Font size of the text (the box spans about y - 0.2·height … y + 0.8·height). */
  height: number;
}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/** Every occurrence of `needle` (also when split over several text items on one page). */
export async function findTextPositions(pdf: Uint8Array, needle: string): Promise<TextPosition[]> {
  if (!needle) return [];
  const { getDocument, VerbosityLevel } = await loadPdfJs();
  // pdfjs takes ownership of (detaches) the buffer it gets: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(pdf),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: VerbosityLevel.ERRORS,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy();
    const msg = String((e as Error).message ?? e);
    if (/password/i.test(msg)) {
      const { pdfEncrypted } = await import('./inspectPdf.js');
      throw pdfEncrypted();
    }
    throw pdfInvalid('rusak', { cause: msg.slice(0, 200) });
  }
  const out: TextPosition[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items = content.items.filter((i): i is TextItem & (typeof content.items)[number] => 'str' in i && typeof i.str === 'string');
      // Concatenate the page's text, remembering which item each character came from.
      let text = '';
      const owner: Array<{ item: TextItem; offset: number }> = [];
      for (const item of items) {
        for (let k = 0; k < item.str.length; k++) owner.push({ item, offset: k });
        text += item.str;
      }
      for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
        const first = owner[at]!;
        const last = owner[at + needle.length - 1]!;
        const xAt = (o: { item: TextItem; offset: number }, end: boolean): number =>
          o.item.transform[4]! + o.item.width * share(o.item.str, o.offset + (end ? 1 : 0));
        const [, , c, d, , f] = first.item.transform;
        const size = Math.max(first.item.height, Math.hypot(c!, d!));
        const x = xAt(first, false);
        out.push({ page: n, x, y: f!, width: Math.max(0, xAt(last, true) - x), height: size });
      }
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return out;
}
