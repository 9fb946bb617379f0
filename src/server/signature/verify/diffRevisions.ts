// What changed between a signed revision and the final document, and whether each change is
// one that may follow a signature: new signature fields and their widgets, the DSS, document
// timestamps, extension markers. Anything else (page content, resources, existing annotations
// or form fields, the page tree …) means the document was modified after it was signed.
// Objects at the same place in both revisions are identical without being parsed.
import { PDFArray, PDFBool, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, PDFRawStream, PDFRef, PDFStream, PDFString, type PDFObject } from '@cantoo/pdf-lib';
import type { PdfRevision } from './pdfRevision.js';

export interface RevisionDiff {
  /** Changes not allowed after a signature (Indonesian). */
  disallowed: string[];
  /** Allowed changes worth mentioning (Indonesian). */
  notes: string[];
}

const CATALOG_ALLOWED = new Set(['DSS', 'Extensions', 'AcroForm', 'Metadata']);
const STREAM_IGNORED = new Set(['Length', 'Filter', 'DecodeParms', 'DL']);

class Comparer {
  private readonly memo = new Map<string, boolean>();
  constructor(
    readonly a: PdfRevision,
    readonly b: PdfRevision,
  ) {}

  eq(x: PDFObject | undefined, y: PDFObject | undefined, depth = 0): boolean {
    if (depth > 200) return false;
    if (x instanceof PDFRef && y instanceof PDFRef) {
      if (x.objectNumber === y.objectNumber && this.a.sameLocation(this.b, x.objectNumber)) return true;
      const key = `${x.objectNumber}:${y.objectNumber}`;
      const known = this.memo.get(key);
      if (known !== undefined) return known;
      this.memo.set(key, true); // cycles: assume equal while comparing
      const r = this.eqResolved(this.a.resolve(x), this.b.resolve(y), depth + 1);
      this.memo.set(key, r);
      return r;
    }
    return this.eqResolved(this.a.resolve(x), this.b.resolve(y), depth + 1);
  }

  private eqResolved(x: PDFObject | undefined, y: PDFObject | undefined, depth: number): boolean {
    if (x === undefined || y === undefined) return x === y;
    if (x instanceof PDFName || y instanceof PDFName) return x === y;
    if (x instanceof PDFNumber && y instanceof PDFNumber) return x.asNumber() === y.asNumber();
    if ((x instanceof PDFString || x instanceof PDFHexString) && (y instanceof PDFString || y instanceof PDFHexString)) return Buffer.from(x.asBytes()).equals(Buffer.from(y.asBytes()));
    if (x instanceof PDFBool && y instanceof PDFBool) return x.asBoolean() === y.asBoolean();
    if (x === PDFNull || y === PDFNull) return x === y;
    if (x instanceof PDFArray && y instanceof PDFArray) {
      if (x.size() !== y.size()) return false;
      for (let i = 0; i < x.size(); i++) if (!this.eq(x.get(i), y.get(i), depth)) return false;
      return true;
    }
    if (x instanceof PDFRawStream && y instanceof PDFRawStream) {
      if (!this.dictEq(x.dict, y.dict, depth, STREAM_IGNORED)) return false;
      if (Buffer.from(x.contents).equals(Buffer.from(y.contents)) && this.eq(x.dict.get(PDFName.of('Filter')), y.dict.get(PDFName.of('Filter')), depth)) return true;
      try {
        return Buffer.from(this.a.decode(x)).equals(Buffer.from(this.b.decode(y)));
      } catch {
        return false;
      }
    }
    if (x instanceof PDFStream || y instanceof PDFStream) return false;
    if (x instanceof PDFDict && y instanceof PDFDict) {
      if (x.lookup(PDFName.of('Type')) === PDFName.of('Page') && y.lookup(PDFName.of('Type')) === PDFName.of('Page')) return this.pageEq(x, y, depth).length === 0;
      return this.dictEq(x, y, depth);
    }
    return false;
  }

  dictEq(x: PDFDict, y: PDFDict, depth: number, ignore: Set<string> = new Set()): boolean {
    const keys = new Set([...x.keys(), ...y.keys()].map((k) => k.decodeText()));
    for (const k of keys) {
      if (ignore.has(k)) continue;
      if (!this.eq(x.get(PDFName.of(k)), y.get(PDFName.of(k)), depth)) return false;
    }
    return true;
  }

  /** Differences of a page other than added signature widgets, as reasons (empty when fine). */
  pageEq(x: PDFDict, y: PDFDict, depth: number): string[] {
    const reasons: string[] = [];
    const keys = new Set([...x.keys(), ...y.keys()].map((k) => k.decodeText()));
    for (const k of keys) {
      if (k === 'Annots') continue;
      if (!this.eq(x.get(PDFName.of(k)), y.get(PDFName.of(k)), depth)) reasons.push(k === 'Contents' ? 'isi halaman' : k === 'Resources' ? 'sumber daya halaman (huruf/gambar)' : `entri /${k} halaman`);
    }
    const ax = this.a.array(x.get(PDFName.of('Annots')));
    const ay = this.b.array(y.get(PDFName.of('Annots')));
    const nx = ax?.size() ?? 0;
    const ny = ay?.size() ?? 0;
    if (ny < nx) reasons.push('anotasi dihapus');
    else {
      for (let i = 0; i < nx; i++) if (!this.eq(ax!.get(i), ay!.get(i), depth)) {
        reasons.push('anotasi yang ada diubah');
        break;
      }
      for (let i = nx; i < ny; i++) if (!this.isSignatureWidget(ay!.get(i))) {
        reasons.push('anotasi baru yang bukan tanda tangan');
        break;
      }
    }
    return reasons;
  }

  /** A widget of a signature field (FT /Sig on itself or an ancestor), in the final revision. */
  isSignatureWidget(o: PDFObject | undefined): boolean {
    let d = this.b.dict(o);
    if (!d || this.b.get(d, 'Subtype') !== PDFName.of('Widget')) return false;
    for (let i = 0; d && i < 16; i++) {
      const ft = this.b.get(d, 'FT');
      if (ft instanceof PDFName) return ft === PDFName.of('Sig');
      d = this.b.dict(d.get(PDFName.of('Parent')));
    }
    return false;
  }

  isSignatureField(o: PDFObject | undefined): boolean {
    let d = this.b.dict(o);
    for (let i = 0; d && i < 16; i++) {
      const ft = this.b.get(d, 'FT');
      if (ft instanceof PDFName) return ft === PDFName.of('Sig');
      d = this.b.dict(d.get(PDFName.of('Parent')));
    }
    return false;
  }
}

function pageRefs(rev: PdfRevision): Array<PDFObject> {
  const out: PDFObject[] = [];
  const walk = (o: PDFObject | undefined, depth: number) => {
    const d = rev.dict(o);
    if (!d || depth > 64 || out.length > 100_000) return;
    const kids = rev.array(d.get(PDFName.of('Kids')));
    if (rev.get(d, 'Type') === PDFName.of('Pages') || (kids && !d.has(PDFName.of('Contents')))) {
      if (kids) for (let i = 0; i < kids.size(); i++) walk(kids.get(i), depth + 1);
    } else out.push(o!);
  };
  walk(rev.catalog().get(PDFName.of('Pages')), 0);
  return out;
}

/** Compares the signed revision `a` with the final revision `b`. */
export function diffRevisions(a: PdfRevision, b: PdfRevision): RevisionDiff {
  const c = new Comparer(a, b);
  const disallowed: string[] = [];
  const notes: string[] = [];
  const ca = a.catalog();
  const cb = b.catalog();

  // Pages: same count, same pages apart from added signature widgets.
  const pa = pageRefs(a);
  const pb = pageRefs(b);
  if (pa.length !== pb.length) disallowed.push(`Jumlah halaman berubah (${pa.length} → ${pb.length}).`);
  else {
    for (let i = 0; i < pa.length; i++) {
      const x = a.dict(pa[i]);
      const y = b.dict(pb[i]);
      if (!x || !y) continue;
      const reasons = c.pageEq(x, y, 0);
      if (reasons.length) disallowed.push(`Halaman ${i + 1} berubah: ${reasons.join(', ')}.`);
    }
  }

  // Catalog entries other than the page tree and what signatures may add.
  const keys = new Set([...ca.keys(), ...cb.keys()].map((k) => k.decodeText()));
  for (const k of keys) {
    if (k === 'Pages' || CATALOG_ALLOWED.has(k)) continue;
    if (!c.eq(ca.get(PDFName.of(k)), cb.get(PDFName.of(k)))) disallowed.push(k === 'Names' || k === 'OpenAction' || k === 'AA' ? `Aksi/lampiran dokumen (/${k}) berubah.` : `Katalog dokumen /${k} berubah.`);
  }
  if (!c.eq(ca.get(PDFName.of('Metadata')), cb.get(PDFName.of('Metadata')))) notes.push('Metadata XMP diperbarui.');
  if (!c.eq(ca.get(PDFName.of('DSS')), cb.get(PDFName.of('DSS')))) notes.push('Data validasi jangka panjang (DSS) ditambahkan.');

  // Form: existing fields unchanged (an empty signature field may be signed), new fields are signatures.
  const fa = a.dict(ca.get(PDFName.of('AcroForm')));
  const fb = b.dict(cb.get(PDFName.of('AcroForm')));
  if (fa && !fb) disallowed.push('Formulir dokumen dihapus.');
  if (fb) {
    if (fa && !c.dictEq(fa, fb, 0, new Set(['Fields', 'SigFlags', 'DR']))) disallowed.push('Pengaturan formulir dokumen berubah.');
    const xa = a.array(fa?.get(PDFName.of('Fields')));
    const xb = b.array(fb.get(PDFName.of('Fields')));
    const na = xa?.size() ?? 0;
    const nb = xb?.size() ?? 0;
    if (nb < na) disallowed.push('Isian formulir dihapus.');
    else {
      for (let i = 0; i < na; i++) {
        if (c.eq(xa!.get(i), xb!.get(i))) continue;
        const before = a.dict(xa!.get(i));
        const after = b.dict(xb!.get(i));
        const emptySig = before && a.get(before, 'FT') === PDFName.of('Sig') && !before.has(PDFName.of('V'));
        if (emptySig && after && c.dictEq(before, after, 0, new Set(['V', 'AP', 'F']))) continue;
        disallowed.push('Isian formulir yang ada diubah.');
        break;
      }
      for (let i = na; i < nb; i++) if (!c.isSignatureField(xb!.get(i))) {
        disallowed.push('Isian formulir baru yang bukan tanda tangan ditambahkan.');
        break;
      }
    }
  }
  return { disallowed, notes };
}

export function pageCount(rev: PdfRevision): number {
  return pageRefs(rev).length;
}
