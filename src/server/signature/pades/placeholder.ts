// Adds a signature field with an empty /Contents and a /ByteRange placeholder as one
// incremental update (@cantoo/pdf-lib), keeping every earlier byte: earlier signatures stay
// valid. The update uses a cross-reference stream when the input's last section is one.
import { PDFArray, PDFDict, PDFHexString, PDFInvalidObject, PDFName, PDFNumber, PDFRef, PDFString, StandardFonts, type PDFDocument, type PDFFont, type PDFObject, type PDFPage } from '@cantoo/pdf-lib';
import { AppError } from '../../errors.js';
import { footerContent, footerLayout, qrSquare, stampContent, type StampContent } from './appearance.js';
import type { SealImage } from '../signers/types.js';
import { commitUpdate, loadPdf, usesXrefStream } from './pdfLoad.js';

/** The @signpdf/signpdf placeholder name: "/ByteRange [0 /********** /********** /**********]". */
export const BYTE_RANGE_PLACEHOLDER = '**********';

export interface StampBox {
  /** 0-based page index. */
  pageIndex: number;
  /** Lower-left corner and size in points. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** x/y relative to the lower-left corner of the page's visible box (else user space). */
  relative: boolean;
  /** The office seal's rectangle (user space, with relative false), drawn in the same widget. */
  seal?: { x: number; y: number; width: number; height: number } | null | undefined;
}

export interface SignatureFieldOptions {
  kind: 'signature' | 'timestamp';
  /** Bytes reserved for the CMS (the hex string is twice as long). */
  contentsLength: number;
  reason?: string | undefined;
  location?: string | undefined;
  signerName?: string | undefined;
  /** Claimed signing time for /M (the CMS carries none; the timestamp proves time). */
  signingTime?: Date | undefined;
  stamp?: { box: StampBox; content: StampContent; seal?: SealImage | null | undefined } | null;
  /** Footer text for the foot of every page (only when the document has no signature yet). */
  footer?: string | null;
}

function pdfText(s: string): PDFString | PDFHexString {
  return /^[\x20-\x7e]*$/.test(s) ? PDFString.of(s.replace(/([()\\])/g, '\\$1')) : PDFHexString.fromText(s);
}

function isSigField(d: PDFDict): boolean {
  let cur: PDFDict | undefined = d;
  for (let i = 0; cur && i < 10; i++) {
    const ft = cur.lookup(PDFName.of('FT'));
    if (ft instanceof PDFName) return ft === PDFName.of('Sig');
    const parent: unknown = cur.lookup(PDFName.of('Parent'));
    cur = parent instanceof PDFDict ? parent : undefined;
  }
  return false;
}

function acroForm(doc: PDFDocument): PDFDict {
  const existing = doc.catalog.lookup(PDFName.of('AcroForm'));
  if (existing instanceof PDFDict) return existing;
  const form = doc.context.obj({ Fields: [] });
  doc.catalog.set(PDFName.of('AcroForm'), doc.context.register(form));
  return form;
}

function fieldsArray(doc: PDFDocument, form: PDFDict): PDFArray {
  const fields = form.lookup(PDFName.of('Fields'));
  if (fields instanceof PDFArray) return fields;
  const arr = doc.context.obj([]);
  form.set(PDFName.of('Fields'), arr);
  return arr;
}

/** Existing signature fields (count) and every field name in use. */
function existingFields(fields: PDFArray): { signatures: number; names: Set<string> } {
  let signatures = 0;
  const names = new Set<string>();
  const visit = (d: PDFDict, depth: number) => {
    if (depth > 10) return;
    const t = d.lookup(PDFName.of('T'));
    if (t instanceof PDFString || t instanceof PDFHexString) names.add(t.decodeText());
    if (isSigField(d) && t) signatures++;
    const kids = d.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray)
      for (let i = 0; i < kids.size(); i++) {
        const k = kids.lookup(i);
        if (k instanceof PDFDict) visit(k, depth + 1);
      }
  };
  for (let i = 0; i < fields.size(); i++) {
    const f = fields.lookup(i);
    if (f instanceof PDFDict) visit(f, 0);
  }
  return { signatures, names };
}

/** Appends to the page's /Annots without pdf-lib's page normalisation (which rewrites content). */
function addAnnotation(doc: PDFDocument, page: PDFPage, ref: PDFRef): void {
  const annots = page.node.get(PDFName.of('Annots'));
  const resolved = annots instanceof PDFRef ? doc.context.lookup(annots) : annots;
  if (resolved instanceof PDFArray) resolved.push(ref);
  else page.node.set(PDFName.of('Annots'), doc.context.obj([ref]));
}

function resourcesOf(doc: PDFDocument, page: PDFPage): PDFDict {
  const own = page.node.get(PDFName.of('Resources'));
  const ownDict = own instanceof PDFRef ? doc.context.lookup(own) : own;
  if (ownDict instanceof PDFDict) return ownDict;
  const inherited = page.node.getInheritableAttribute(PDFName.of('Resources'));
  const inheritedDict = inherited instanceof PDFRef ? doc.context.lookup(inherited) : inherited;
  const copy = inheritedDict instanceof PDFDict ? inheritedDict.clone(doc.context) : doc.context.obj({});
  page.node.set(PDFName.of('Resources'), copy);
  return copy;
}

function addFooter(doc: PDFDocument, page: PDFPage, font: PDFFont, text: string): void {
  const ctx = doc.context;
  const pb = pageBox(page);
  const width = Math.max(100, pb.width - 72);
  const { lines, height } = footerLayout(font, text, width);
  const form = ctx.register(ctx.flateStream(footerContent(font, lines, width, height), { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, width, height], Resources: { Font: { F1: font.ref } } }));
  const resources = resourcesOf(doc, page);
  let xobjects = resources.get(PDFName.of('XObject'));
  if (xobjects instanceof PDFRef) xobjects = ctx.lookup(xobjects);
  if (!(xobjects instanceof PDFDict)) {
    xobjects = ctx.obj({});
    resources.set(PDFName.of('XObject'), xobjects);
  }
  const name = (xobjects as PDFDict).uniqueKey('NaskahTTE');
  (xobjects as PDFDict).set(name, form);
  const x = pb.x + (pb.width - width) / 2;
  const y = pb.y + 6;
  // Isolate the original content's graphics state, then draw the footer on top.
  const open = ctx.register(ctx.stream('q\n'));
  const draw = ctx.register(ctx.stream(`Q\nq 1 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)} cm ${name.toString()} Do Q\n`));
  const contents = page.node.get(PDFName.of('Contents'));
  const resolved = contents instanceof PDFRef ? ctx.lookup(contents) : contents;
  if (resolved instanceof PDFArray) {
    const refs: PDFObject[] = [];
    for (let i = 0; i < resolved.size(); i++) refs.push(resolved.get(i));
    page.node.set(PDFName.of('Contents'), ctx.obj([open, ...refs, draw] as PDFRef[]));
  } else if (contents) {
    page.node.set(PDFName.of('Contents'), ctx.obj([open, contents, draw] as PDFRef[]));
  } else {
    page.node.set(PDFName.of('Contents'), ctx.obj([open, draw]));
  }
}

function pageBox(page: PDFPage): { x: number; y: number; width: number; height: number } {
  const b = page.getCropBox?.() ?? page.getMediaBox();
  return b;
}

export async function addSignatureField(pdf: Uint8Array, o: SignatureFieldOptions): Promise<Uint8Array> {
  const xrefStream = usesXrefStream(pdf);
  const doc = await loadPdf(pdf, { forIncrementalUpdate: true });
  const ctx = doc.context;
  const pages = doc.getPages();
  if (!pages.length) throw new AppError('PDF_INVALID', { reason: 'no pages' });
  const form = acroForm(doc);
  const fields = fieldsArray(doc, form);
  const { signatures: count, names } = existingFields(fields);

  const sig = ctx.obj({
    Type: o.kind === 'timestamp' ? 'DocTimeStamp' : 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: o.kind === 'timestamp' ? 'ETSI.RFC3161' : 'ETSI.CAdES.detached',
    // @signpdf/signpdf looks for "/Contents " after the ByteRange placeholder: keep this order.
    ByteRange: [PDFNumber.of(0), PDFName.of(BYTE_RANGE_PLACEHOLDER), PDFName.of(BYTE_RANGE_PLACEHOLDER), PDFName.of(BYTE_RANGE_PLACEHOLDER)],
    Contents: PDFHexString.of('0'.repeat(o.contentsLength * 2)),
  });
  if (o.kind === 'signature') {
    if (o.reason) sig.set(PDFName.of('Reason'), pdfText(o.reason));
    if (o.location) sig.set(PDFName.of('Location'), pdfText(o.location));
    if (o.signerName) sig.set(PDFName.of('Name'), pdfText(o.signerName));
    if (o.signingTime) sig.set(PDFName.of('M'), PDFString.fromDate(o.signingTime));
  }
  // pdf-lib writes every plain dictionary of an update into a compressed object stream except a
  // /Type /Sig one; a /DocTimeStamp dictionary there would hide its /ByteRange placeholder from
  // the filler. Written verbatim instead (an uncompressed object), as a signature dictionary is.
  const sigRef = o.kind === 'timestamp' && xrefStream ? ctx.register(PDFInvalidObject.of(Buffer.from(sig.toString(), 'latin1'))) : ctx.register(sig);

  const prefix = o.kind === 'timestamp' ? 'Cap-Waktu' : 'TTE';
  let n = count + 1;
  while (names.has(`${prefix}-${n}`)) n++;
  const fieldName = `${prefix}-${n}`;
  // One dictionary that is both the field and its widget: what every validator expects.
  const field = ctx.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', T: PDFString.of(fieldName), V: sigRef, F: 132, Rect: [0, 0, 0, 0], P: pages[0]!.ref });
  const fieldRef = ctx.register(field);
  let fieldPage = pages[0]!;

  let fonts: { regular: PDFFont; bold: PDFFont } | null = null;
  const getFonts = async () => (fonts ??= { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) });

  if (o.stamp) {
    const { content } = o.stamp;
    const page = pages[o.stamp.box.pageIndex];
    if (!page) throw new AppError('SIGNATURE_PLACEMENT_INVALID', { page: o.stamp.box.pageIndex + 1, pages: pages.length });
    const pb = pageBox(page);
    const box = o.stamp.box.relative ? { ...o.stamp.box, x: o.stamp.box.x + pb.x, y: o.stamp.box.y + pb.y } : o.stamp.box;
    if (box.width <= 0 || box.height <= 0 || box.x < pb.x - 1 || box.y < pb.y - 1 || box.x + box.width > pb.x + pb.width + 1 || box.y + box.height > pb.y + pb.height + 1) {
      throw new AppError('SIGNATURE_PLACEMENT_INVALID', { page: box.pageIndex + 1, box, pageBox: pb });
    }
    const f = await getFonts();
    const fontResources = { F1: f.regular.ref, F2: f.bold.ref };
    // With a seal, the widget spans seal and stamp: the seal first, then a white square behind
    // the QR code (the part of the seal under the stamp must not make the code unreadable),
    // then the stamp itself.
    const sealRect = o.stamp.seal && box.seal ? box.seal : null;
    const rect = sealRect
      ? { x: Math.min(sealRect.x, box.x), y: Math.min(sealRect.y, box.y), right: Math.max(sealRect.x + sealRect.width, box.x + box.width), top: Math.max(sealRect.y + sealRect.height, box.y + box.height) }
      : { x: box.x, y: box.y, right: box.x + box.width, top: box.y + box.height };
    const width = rect.right - rect.x;
    const height = rect.top - rect.y;
    let ops = stampContent(f, content, box.width, box.height);
    const resources: Record<string, unknown> = { Font: fontResources };
    if (sealRect && o.stamp.seal) {
      const image = o.stamp.seal.kind === 'png' ? await doc.embedPng(o.stamp.seal.bytes) : await doc.embedJpg(o.stamp.seal.bytes);
      const n = (v: number) => (Math.round(v * 100) / 100).toString();
      const qr = qrSquare(box.width, box.height);
      const sx = box.x - rect.x;
      const sy = box.y - rect.y;
      ops = [
        `q ${n(sealRect.width)} 0 0 ${n(sealRect.height)} ${n(sealRect.x - rect.x)} ${n(sealRect.y - rect.y)} cm /CapDinas Do Q`,
        `q 1 1 1 rg ${n(sx + qr.x)} ${n(sy + qr.y)} ${n(qr.size)} ${n(qr.size)} re f Q`,
        `q 1 0 0 1 ${n(sx)} ${n(sy)} cm`,
        ops,
        'Q',
      ].join('\n');
      resources.XObject = { CapDinas: image.ref };
    }
    const stream = ctx.flateStream(ops, {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, width, height],
      Resources: resources as never,
    });
    field.set(PDFName.of('Rect'), ctx.obj([rect.x, rect.y, rect.right, rect.top]));
    field.set(PDFName.of('F'), PDFNumber.of(4));
    field.set(PDFName.of('P'), page.ref);
    field.set(PDFName.of('AP'), ctx.obj({ N: ctx.register(stream) }));
    fieldPage = page;
  }
  addAnnotation(doc, fieldPage, fieldRef);

  // The legal footer is page content of the first signature's own revision (so that signature
  // covers it); never added once the document carries a signature.
  if (o.footer && count === 0) {
    const f = await getFonts();
    for (const page of pages) addFooter(doc, page, f.regular, o.footer);
  }
  fields.push(fieldRef);
  form.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  return commitUpdate(doc, xrefStream);
}
