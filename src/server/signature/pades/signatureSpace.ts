// Where the visible stamp goes in a letter's signature block: the blank space between the
// signer's title (jabatan, possibly "a.n. …" over several lines) and his printed name, found
// from the text the page really carries. Nothing is written into the letter to find it (no
// marker text), and the stamp is never placed over text: if the space is too small, the
// drafter gets a clear error instead.
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { AppError } from '../../errors.js';
import { DEFAULT_STAMP } from './appearance.js';
import { pdfjs } from './marker.js';
import type { StampBox } from './placeholder.js';

/** One text item: baseline start (x, y) in PDF user space, advance width and font size. */
export interface TextItemBox {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PageText {
  pageIndex: number;
  /** The page's visible box [x1, y1, x2, y2]. */
  view: [number, number, number, number];
  items: TextItemBox[];
  /** Rectangles already taken (earlier signatures' stamps, seals). */
  taken: Rect[];
}

/** Stamp limits in points: the default height, the least that still gives a scannable QR code. */
export const STAMP_MAX_HEIGHT = DEFAULT_STAMP.height;
export const STAMP_MIN_HEIGHT = 45; // ~1.6 cm
export const STAMP_MIN_WIDTH = 150;
const PAD = 3;
const PAGE_EDGE = 28; // ~1 cm from the paper's edge

/**
 * The box a text item's glyphs can occupy, generous on purpose (ascenders, accents, descenders;
 * what `pdftotext -bbox` reports as the word's box).
 */
export function textRect(t: TextItemBox): Rect {
  return { x: t.x, y: t.y - 0.32 * t.size, width: Math.max(t.width, 0.3 * t.size), height: 1.4 * t.size };
}

export function intersects(a: Rect, b: Rect, tolerance = 0): boolean {
  return a.x < b.x + b.width - tolerance && b.x < a.x + a.width - tolerance && a.y < b.y + b.height - tolerance && b.y < a.y + a.height - tolerance;
}

const squash = (s: string) => s.replace(/\s+/g, '').normalize('NFC').toLowerCase();

/** The items that spell `needle` (ignoring spaces and case), last occurrence on the page. */
function lastOccurrence(items: TextItemBox[], needle: string): TextItemBox[] | null {
  const want = squash(needle);
  if (!want) return null;
  let joined = '';
  const owner: number[] = [];
  items.forEach((it, i) => {
    const s = squash(it.str);
    for (let k = 0; k < s.length; k++) owner.push(i);
    joined += s;
  });
  const at = joined.lastIndexOf(want);
  if (at < 0) return null;
  const first = owner[at]!;
  const last = owner[at + want.length - 1]!;
  return items.slice(first, last + 1).filter((it) => it.str.trim());
}

function tooSmall(availablePt: number, details: Record<string, unknown>): AppError {
  const cm = (pt: number) => (Math.max(0, pt) / 72) * 2.54;
  const fmt = (v: number) => v.toLocaleString('id-ID', { maximumFractionDigits: 1 });
  const have = cm(availablePt);
  const need = cm(STAMP_MIN_HEIGHT + 2 * PAD);
  return new AppError(
    'SIGNATURE_SPACE_TOO_SMALL',
    { availableCm: Math.round(have * 10) / 10, neededCm: Math.round(need * 10) / 10, ...details },
    {
      id: `Ruang kosong untuk tanda tangan elektronik di antara jabatan dan nama penandatangan hanya ${fmt(have)} cm; perlu paling sedikit ${fmt(need)} cm. Konseptor perlu menambah baris kosong di bawah jabatan pada konsep .docx (atau memakai templat terbaru), lalu mengunggahnya lagi.`,
      en: `The blank space for the electronic signature between the signer's title and name is only ${have.toFixed(1)} cm; at least ${need.toFixed(1)} cm is needed. The drafter must add blank lines below the title in the .docx draft (or use the current template) and upload it again.`,
    },
  );
}

/**
 * Pure: the stamp box in the signature block of the signer called `name`, on the last page
 * that carries that name. The box sits between the nearest text above the name (the title's
 * last line) and the name, left-aligned with the name, as wide as the column allows, and
 * intersects no text box and no taken rectangle. Text in `ignore` (e.g. a preview's label
 * inside the space) does not count as text.
 */
export function signatureSpaceBox(pages: PageText[], name: string, opts: { ignore?: string[]; size?: { width: number; height: number } } = {}): StampBox {
  const size = opts.size ?? DEFAULT_STAMP;
  const ignore = new Set((opts.ignore ?? []).map(squash));
  for (let p = pages.length - 1; p >= 0; p--) {
    const page = pages[p]!;
    const items = page.items.filter((it) => it.str.trim() && !ignore.has(squash(it.str)));
    const nameItems = lastOccurrence(items, name);
    if (!nameItems?.length) continue;
    const [vx1, vy1, vx2, vy2] = page.view;
    const nameRects = nameItems.map(textRect);
    const nameTop = Math.max(...nameRects.map((r) => r.y + r.height));
    const left = Math.min(...nameItems.map((it) => it.x));
    const nameRight = Math.max(...nameRects.map((r) => r.x + r.width));
    const others = items.filter((it) => !nameItems.includes(it)).map(textRect);
    const obstacles = [...others, ...page.taken];
    // The column: from the name's left edge to the page edge or the next column's text.
    let right = Math.min(vx2 - PAGE_EDGE, left + size.width);
    // The nearest text above the name that shares the column: the title's last line.
    const overColumn = (r: Rect, r2: number) => r.x < r2 && r.x + r.width > left;
    let ceiling = vy2 - PAGE_EDGE;
    for (const r of obstacles) if (r.y >= nameTop - 0.5 && overColumn(r, Math.max(nameRight, left + STAMP_MIN_WIDTH)) && r.y < ceiling) ceiling = r.y;
    const available = ceiling - nameTop;
    const height = Math.min(size.height, available - 2 * PAD);
    if (height < STAMP_MIN_HEIGHT) throw tooSmall(available, { page: page.pageIndex + 1 });
    const y = nameTop + PAD + (available - 2 * PAD - height) / 2;
    // Anything else inside that band (a second signer's block on the right) narrows the column.
    for (const r of obstacles) {
      if (r.y < y + height && r.y + r.height > y && r.x + r.width > left && r.x < right) {
        if (r.x <= left + 1) throw tooSmall(0, { page: page.pageIndex + 1, reason: 'text in the signature space' });
        right = Math.min(right, r.x - PAD);
      }
    }
    const width = right - left;
    if (width < STAMP_MIN_WIDTH) throw tooSmall(available, { page: page.pageIndex + 1, widthPt: Math.round(width) });
    const x = Math.max(left, vx1 + PAGE_EDGE);
    const box = { pageIndex: page.pageIndex, x, y: Math.max(y, vy1), width, height, relative: false };
    return box;
  }
  throw new AppError('SIGNATURE_MARKER_NOT_FOUND', { name }, {
    id: `Nama penandatangan (${name}) tidak ditemukan pada blok tanda tangan naskah.`,
    en: `The signer's name (${name}) was not found in the letter's signature block.`,
  });
}

interface PdfJsTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** Text items and signature widget rectangles of every page, via pdf.js. */
export async function readPageTexts(pdf: Uint8Array): Promise<PageText[]> {
  const lib = await pdfjs();
  const task = lib.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false });
  let doc: PDFDocumentProxy | null = null;
  try {
    try {
      doc = await task.promise;
    } catch (e) {
      if ((e as Error)?.name === 'PasswordException') throw new AppError('PDF_ENCRYPTED');
      throw new AppError('PDF_INVALID', { reason: (e as Error)?.message?.slice(0, 200) });
    }
    const out: PageText[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items: TextItemBox[] = [];
      for (const raw of content.items) {
        if (!('str' in raw)) continue;
        const it = raw as unknown as PdfJsTextItem;
        const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = it.transform;
        const size = Math.max(Math.hypot(c, d), Math.hypot(a, b), it.height) || 1;
        items.push({ str: it.str, x: e, y: f, width: it.width, size });
      }
      const annots = (await page.getAnnotations()) as Array<{ subtype?: string; rect?: number[] }>;
      const taken = annots
        .filter((an) => an.subtype === 'Widget' && Array.isArray(an.rect) && an.rect[2]! - an.rect[0]! > 1)
        .map((an) => ({ x: an.rect![0]!, y: an.rect![1]!, width: an.rect![2]! - an.rect![0]!, height: an.rect![3]! - an.rect![1]! }));
      out.push({ pageIndex: n - 1, view: page.view as [number, number, number, number], items, taken });
      page.cleanup();
    }
    return out;
  } finally {
    await (doc ? doc.destroy() : task.destroy());
  }
}

/** Least seal height in points (~1.3 cm): smaller, a cap dinas is no longer legible. */
export const SEAL_MIN_HEIGHT = 36;
/** How much of the seal's width lies under the stamp's left edge (its QR code square). */
export const SEAL_OVERLAP = 0.25;

export interface SealPlacement {
  /** The stamp, possibly moved right (and narrowed) to make room for the seal. */
  stamp: StampBox;
  /** The seal image's rectangle, user space. */
  seal: Rect;
}

/**
 * Pure: where the office seal (cap dinas) goes beside a stamp, as the rules for naskah dinas
 * put it: on the left of the signature, touching it (a quarter of the seal lies under the left
 * edge of the stamp, behind its QR code), vertically centred on it, never over text or an
 * earlier stamp. Tried in order: the stamp where it is; the stamp moved right within its own
 * box (down to its least width); a smaller seal. `aspect` is the image's width / height.
 */
export function sealBeside(page: PageText, stampBox: StampBox, aspect: number): SealPlacement {
  const [vx1, vy1] = page.view;
  const stamp = stampBox.relative ? { ...stampBox, x: stampBox.x + vx1, y: stampBox.y + vy1, relative: false } : stampBox;
  const obstacles = [...page.items.filter((it) => it.str.trim()).map(textRect), ...page.taken];
  const ratio = Math.min(2, Math.max(0.5, aspect || 1));
  const minX = vx1 + PAGE_EDGE / 2;
  for (let height = stamp.height; height >= SEAL_MIN_HEIGHT; height -= 4) {
    const width = height * ratio;
    const overlap = width * SEAL_OVERLAP;
    for (let dx = 0; stamp.width - dx >= STAMP_MIN_WIDTH; dx += 2) {
      const sx = stamp.x + dx - width + overlap;
      if (sx < minX) continue;
      // The widget covers the band from the seal's left edge to the stamp: all of it must be free.
      const band: Rect = { x: sx, y: stamp.y, width: stamp.x + dx - sx, height: stamp.height };
      if (obstacles.some((o) => intersects(band, o))) continue;
      const moved = { ...stamp, x: stamp.x + dx, width: stamp.width - dx };
      return { stamp: moved, seal: { x: sx, y: stamp.y + (stamp.height - height) / 2, width, height } };
    }
  }
  const cm = (pt: number) => Math.round((pt / 72) * 2.54 * 10) / 10;
  throw new AppError(
    'SEAL_SPACE_TOO_SMALL',
    { page: stamp.pageIndex + 1, neededCm: cm(SEAL_MIN_HEIGHT * ratio * (1 - SEAL_OVERLAP)) },
    {
      id: `Tidak ada ruang kosong untuk cap dinas di sebelah kiri tanda tangan elektronik (perlu kira-kira ${cm(SEAL_MIN_HEIGHT * ratio * (1 - SEAL_OVERLAP)).toLocaleString('id-ID')} cm tanpa tulisan). Konseptor perlu menggeser blok tanda tangan ke kanan pada konsep, lalu mengunggahnya lagi.`,
      en: `There is no blank space for the office seal to the left of the electronic signature (about ${cm(SEAL_MIN_HEIGHT * ratio * (1 - SEAL_OVERLAP))} cm free of text is needed). The drafter must move the signature block to the right in the draft and upload it again.`,
    },
  );
}

/** The stamp box for `name`'s signature block in a PDF. */
export async function findSignatureSpace(pdf: Uint8Array, name: string, opts: { ignore?: string[] } = {}): Promise<StampBox> {
  return signatureSpaceBox(await readPageTexts(pdf), name, opts);
}
