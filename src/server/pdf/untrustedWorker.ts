// Worker thread that looks at an uploaded PDF or .docx before the server does anything else
// with it. It runs under a V8 heap limit and a time limit set by untrusted.ts, so a decompression
// bomb, a 10,000-page PDF or a deeply nested XML costs this thread, never the event loop that
// answers requests. It reports facts (pages, version) or the first limit the file breaks.
import { parentPort } from 'node:worker_threads';
import { PDFDocument, PDFName, PDFNumber, PDFRawStream } from '@cantoo/pdf-lib';
import PizZip from 'pizzip';

export interface UntrustedLimits {
  maxPages: number;
  maxObjects: number;
  /** Bytes one decoded stream (FlateDecode, LZW …) may grow to. */
  maxDecodedStreamBytes: number;
  /** Bytes all decoded streams together may grow to. */
  maxDecodedTotalBytes: number;
  maxImagePixels: number;
  maxZipEntries: number;
  maxZipEntryBytes: number;
  maxZipTotalBytes: number;
  /** Uncompressed / compressed, per entry. */
  maxZipRatio: number;
  maxXmlDepth: number;
}

export type UntrustedProblem =
  | 'rusak'
  | 'terenkripsi'
  | 'tanpa_halaman'
  | 'terlalu_banyak_halaman'
  | 'terlalu_banyak_objek'
  | 'aliran_terlalu_besar'
  | 'gambar_terlalu_besar'
  | 'zip_terlalu_besar'
  | 'zip_bom'
  | 'xml_terlalu_dalam'
  | 'xml_dtd';

export type WorkerRequest = { id: number; kind: 'pdf' | 'docx'; bytes: Uint8Array; limits: UntrustedLimits };
export type PdfFacts = { pages: number; catalogVersion: string | null; encrypted: boolean };
export type WorkerReply = { id: number; ok: true; pdf?: PdfFacts } | { id: number; ok: false; problem: UntrustedProblem; detail?: string };
/** Sent when the worker (booted, limits in place) begins on a file: the time limit runs from here. */
export type WorkerStarted = { id: number; started: true };

class Refused extends Error {
  constructor(
    readonly problem: UntrustedProblem,
    readonly detail?: string,
  ) {
    super(problem);
  }
}

// Decoded streams grow through DecodeStream.ensureBuffer (pdf-lib's port of pdf.js' filters):
// bound each stream and the sum, so an object-stream bomb stops at the limit instead of
// allocating a gigabyte outside the V8 heap (ArrayBuffers do not count towards resourceLimits).
let decodedTotal = 0;
let current: UntrustedLimits | null = null;
/** pdf-lib skips objects that fail to parse: remember a refusal so it is not swallowed. */
let refusal: Refused | null = null;
async function limitDecoding(): Promise<void> {
  const entry = import.meta.resolve('@cantoo/pdf-lib');
  const mod = (await import(new URL('./core/streams/DecodeStream.js', entry).href)) as { default: { prototype: { ensureBuffer(n: number): Uint8Array; buffer: Uint8Array } } };
  const proto = mod.default.prototype;
  const original = proto.ensureBuffer;
  proto.ensureBuffer = function (this: { buffer: Uint8Array }, requested: number) {
    const before = this.buffer?.byteLength ?? 0;
    if (refusal) throw refusal;
    if (current && requested > current.maxDecodedStreamBytes) throw (refusal = new Refused('aliran_terlalu_besar', `${requested}`));
    const out = original.call(this, requested);
    decodedTotal += out.byteLength - before;
    if (current && decodedTotal > current.maxDecodedTotalBytes) throw (refusal = new Refused('aliran_terlalu_besar', `total ${decodedTotal}`));
    return out;
  };
}
const ready = limitDecoding();

async function checkPdf(bytes: Uint8Array, limits: UntrustedLimits): Promise<PdfFacts> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, throwOnInvalidObject: false, updateMetadata: false, parseSpeed: Infinity });
  } catch (e) {
    if (refusal) throw refusal;
    if (e instanceof Refused) throw e;
    if (/encrypt/i.test(String((e as Error).message))) return { pages: 0, catalogVersion: null, encrypted: true };
    throw new Refused('rusak', String((e as Error).message ?? e).slice(0, 200));
  }
  if (refusal) throw refusal;
  if (doc.isEncrypted) return { pages: 0, catalogVersion: null, encrypted: true };
  const objects = doc.context.enumerateIndirectObjects();
  if (objects.length > limits.maxObjects) throw new Refused('terlalu_banyak_objek', `${objects.length}`);
  for (const [, obj] of objects) {
    if (!(obj instanceof PDFRawStream)) continue;
    if (obj.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    const w = obj.dict.get(PDFName.of('Width'));
    const h = obj.dict.get(PDFName.of('Height'));
    const pixels = (w instanceof PDFNumber ? w.asNumber() : 0) * (h instanceof PDFNumber ? h.asNumber() : 0);
    if (pixels > limits.maxImagePixels) throw new Refused('gambar_terlalu_besar', `${pixels}`);
  }
  let pages: number;
  try {
    pages = doc.getPageCount();
  } catch {
    throw new Refused('rusak');
  }
  if (pages < 1) throw new Refused('tanpa_halaman');
  if (pages > limits.maxPages) throw new Refused('terlalu_banyak_halaman', `${pages}`);
  if (refusal) throw refusal;
  const v = doc.catalog.get(PDFName.of('Version'));
  return { pages, catalogVersion: v instanceof PDFName ? v.decodeText() : null, encrypted: false };
}

/** Width × height from a PNG, JPEG or GIF header; null for other formats. */
export function imagePixels(b: Uint8Array): number | null {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (buf.length >= 24 && buf.readUInt32BE(0) === 0x89504e47) return buf.readUInt32BE(16) * buf.readUInt32BE(20);
  if (buf.length >= 10 && buf.subarray(0, 3).toString('latin1') === 'GIF') return buf.readUInt16LE(6) * buf.readUInt16LE(8);
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xd8) {
    let i = 2;
    while (i + 9 < buf.length) {
      if (buf[i] !== 0xff) return null;
      const marker = buf[i + 1]!;
      const len = buf.readUInt16BE(i + 2);
      // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC)
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return buf.readUInt16BE(i + 5) * buf.readUInt16BE(i + 7);
      i += 2 + len;
    }
  }
  return null;
}

/** Deepest element nesting of an XML text, and whether it declares a DTD (entity bombs). */
export function xmlShape(xml: string, maxDepth: number): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new Refused('xml_dtd');
  let depth = 0;
  const re = /<(\/?)[A-Za-z_][^>]*?(\/?)>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    if (m[1]) depth--;
    else if (!m[2]) {
      depth++;
      if (depth > maxDepth) throw new Refused('xml_terlalu_dalam', `${depth}`);
    }
  }
}

function checkDocx(bytes: Uint8Array, limits: UntrustedLimits): void {
  let zip: PizZip;
  try {
    zip = new PizZip(bytes);
  } catch (e) {
    throw new Refused('rusak', String((e as Error).message ?? e).slice(0, 200));
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  if (entries.length > limits.maxZipEntries) throw new Refused('zip_terlalu_besar', `${entries.length} entries`);
  let declared = 0;
  for (const f of entries) {
    const data = (f as unknown as { _data?: { uncompressedSize?: number; compressedSize?: number } })._data;
    const size = data?.uncompressedSize ?? 0;
    const packed = Math.max(1, data?.compressedSize ?? 1);
    declared += size;
    if (size > limits.maxZipEntryBytes || declared > limits.maxZipTotalBytes) throw new Refused('zip_terlalu_besar', f.name);
    if (size > 1024 * 1024 && size / packed > limits.maxZipRatio) throw new Refused('zip_bom', f.name);
  }
  // Declared sizes can lie: decompress each part (the heap limit and the sizes bound it) and check.
  let actual = 0;
  for (const f of entries) {
    const body = f.asUint8Array();
    actual += body.byteLength;
    if (body.byteLength > limits.maxZipEntryBytes || actual > limits.maxZipTotalBytes) throw new Refused('zip_bom', f.name);
    if (/\.(xml|rels)$/i.test(f.name)) xmlShape(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'), limits.maxXmlDepth);
    else if (/^word\/media\//i.test(f.name)) {
      const px = imagePixels(body);
      if (px !== null && px > limits.maxImagePixels) throw new Refused('gambar_terlalu_besar', f.name);
    }
  }
}

parentPort?.on('message', (req: WorkerRequest) => {
  void (async () => {
    await ready;
    parentPort!.postMessage({ id: req.id, started: true } satisfies WorkerStarted);
    current = req.limits;
    decodedTotal = 0;
    refusal = null;
    try {
      if (req.kind === 'pdf') parentPort!.postMessage({ id: req.id, ok: true, pdf: await checkPdf(req.bytes, req.limits) } satisfies WorkerReply);
      else {
        checkDocx(req.bytes, req.limits);
        parentPort!.postMessage({ id: req.id, ok: true } satisfies WorkerReply);
      }
    } catch (e) {
      const reply: WorkerReply =
        e instanceof Refused ? { id: req.id, ok: false, problem: e.problem, ...(e.detail ? { detail: e.detail } : {}) } : { id: req.id, ok: false, problem: 'rusak', detail: String((e as Error)?.message ?? e).slice(0, 200) };
      parentPort!.postMessage(reply);
    } finally {
      current = null;
    }
  })();
});
