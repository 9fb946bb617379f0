// Reads one revision of a PDF the way viewers do: from the revision's last startxref, through
// its cross-reference sections (tables or streams, following /Prev), to objects at the offsets
// they name. Objects are parsed lazily with pdf-lib's object parser. Verification compares
// revisions with this reader, so objects appended but not referenced by the cross-reference
// (a way to show a verifier something other than what viewers show) cannot fool it.
import zlib from 'node:zlib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFContext,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFObjectParser,
  PDFRawStream,
  PDFRef,
  type PDFObject,
} from '@cantoo/pdf-lib';

export type Location = { kind: 'offset'; offset: number } | { kind: 'stream'; stream: number; index: number } | { kind: 'free' };

export class PdfStructureError extends Error {}

/** Largest decoded stream the verifier accepts (a small compressed stream can expand a lot). */
const MAX_DECODED_BYTES = 256 * 1024 * 1024;

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);

function latin1(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.max(0, Math.min(to, bytes.byteLength) - from)).toString('latin1');
}

/** Offset of the last "startxref" at or before `end`, and the number after it. */
export function findStartXref(bytes: Uint8Array, end: number): number {
  const from = Math.max(0, end - 4096);
  const tail = latin1(bytes, from, end);
  const i = tail.lastIndexOf('startxref');
  if (i < 0) throw new PdfStructureError('startxref not found');
  const m = /^startxref\s+(\d+)/.exec(tail.slice(i));
  if (!m) throw new PdfStructureError('startxref without offset');
  return Number(m[1]);
}

/** End offsets of every %%EOF marker (incremental updates each end with one). */
export function eofOffsets(bytes: Uint8Array): number[] {
  const out: number[] = [];
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = buf.indexOf('%%EOF');
  while (at >= 0) {
    out.push(at + 5);
    at = buf.indexOf('%%EOF', at + 5);
  }
  return out;
}

/** Undoes PNG row predictors (PDF /Predictor 10–15). */
export function unpredictPng(data: Uint8Array, columns: number, colors: number, bpc: number): Uint8Array {
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLen = Math.ceil((columns * colors * bpc) / 8);
  const rows = Math.floor(data.length / (rowLen + 1));
  const out = new Uint8Array(rows * rowLen);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLen + 1)]!;
    const src = r * (rowLen + 1) + 1;
    const dst = r * rowLen;
    for (let i = 0; i < rowLen; i++) {
      const raw = data[src + i]!;
      const left = i >= bpp ? out[dst + i - bpp]! : 0;
      const up = r > 0 ? out[dst - rowLen + i]! : 0;
      const upLeft = r > 0 && i >= bpp ? out[dst - rowLen + i - bpp]! : 0;
      let v: number;
      switch (type) {
        case 0:
          v = raw;
          break;
        case 1:
          v = raw + left;
          break;
        case 2:
          v = raw + up;
          break;
        case 3:
          v = raw + Math.floor((left + up) / 2);
          break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          v = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
          break;
        }
        default:
          throw new PdfStructureError(`unknown PNG predictor ${type}`);
      }
      out[dst + i] = v & 0xff;
    }
  }
  return out;
}

export class PdfRevision {
  readonly context = PDFContext.create();
  readonly xref = new Map<number, Location>();
  trailer!: PDFDict;
  private readonly cache = new Map<number, PDFObject | null>();
  private readonly objStreams = new Map<number, { decoded: Uint8Array; offsets: Map<number, number>; first: number; order: number[] }>();

  /** The revision ending at `end` (default: the whole file). */
  constructor(
    readonly bytes: Uint8Array,
    readonly end: number = bytes.byteLength,
  ) {
    let offset: number | null = findStartXref(bytes, end);
    const seen = new Set<number>();
    const trailers: PDFDict[] = [];
    while (offset !== null) {
      if (seen.has(offset) || seen.size > 1000) throw new PdfStructureError('cross-reference loop');
      seen.add(offset);
      if (offset < 0 || offset >= end) throw new PdfStructureError(`cross-reference offset ${offset} outside the revision`);
      const section = this.readSection(offset);
      trailers.push(section.trailer);
      const xrefStm = section.trailer.get(PDFName.of('XRefStm'));
      if (xrefStm instanceof PDFNumber && !seen.has(xrefStm.asNumber())) {
        seen.add(xrefStm.asNumber());
        trailers.push(this.readSection(xrefStm.asNumber()).trailer);
      }
      const prev = section.trailer.get(PDFName.of('Prev'));
      offset = prev instanceof PDFNumber ? prev.asNumber() : null;
    }
    // Newest trailer first: its entries win.
    const merged = this.context.obj({});
    for (const t of trailers.reverse()) for (const [k, v] of t.entries()) merged.set(k, v);
    this.trailer = merged;
  }

  private readSection(offset: number): { trailer: PDFDict } {
    let p = offset;
    while (p < this.end && WS.has(this.bytes[p]!)) p++;
    if (latin1(this.bytes, p, p + 4) === 'xref') return this.readTable(p + 4);
    const obj = this.parseIndirectAt(p);
    if (!(obj.object instanceof PDFRawStream) || obj.object.dict.lookup(PDFName.of('Type')) !== PDFName.of('XRef')) {
      throw new PdfStructureError(`no cross-reference at ${offset}`);
    }
    this.readXrefStream(obj.object);
    return { trailer: obj.object.dict };
  }

  /** Entries of a cross-reference stream (/W, /Index), decoded with its predictor. */
  private readXrefStream(stream: PDFRawStream): void {
    const dict = stream.dict;
    const data = this.decode(stream);
    const w = (dict.lookup(PDFName.of('W')) as PDFArray | undefined)?.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : 0)) ?? [];
    if (w.length !== 3) throw new PdfStructureError('cross-reference stream without /W');
    const size = (dict.lookup(PDFName.of('Size')) as PDFNumber | undefined)?.asNumber() ?? 0;
    const index = dict.lookup(PDFName.of('Index'));
    const sections: Array<[number, number]> = [];
    if (index instanceof PDFArray) for (let i = 0; i + 1 < index.size(); i += 2) sections.push([(index.lookup(i) as PDFNumber).asNumber(), (index.lookup(i + 1) as PDFNumber).asNumber()]);
    else sections.push([0, size]);
    const [w0, w1, w2] = w as [number, number, number];
    const entry = w0 + w1 + w2;
    let pos = 0;
    const field = (width: number, dflt: number) => {
      if (width === 0) return dflt;
      let v = 0;
      for (let i = 0; i < width; i++) v = v * 256 + (data[pos++] ?? 0);
      return v;
    };
    for (const [first, count] of sections) {
      for (let k = 0; k < count; k++) {
        if (pos + entry > data.length) throw new PdfStructureError('cross-reference stream too short');
        const type = field(w0, 1);
        const f1 = field(w1, 0);
        const f2 = field(w2, 0);
        const n = first + k;
        if (this.xref.has(n)) continue;
        if (type === 0) this.xref.set(n, { kind: 'free' });
        else if (type === 1) this.xref.set(n, { kind: 'offset', offset: f1 });
        else if (type === 2) this.xref.set(n, { kind: 'stream', stream: f1, index: f2 });
      }
    }
  }

  private readTable(p: number): { trailer: PDFDict } {
    const text = latin1(this.bytes, p, this.end);
    const t = text.indexOf('trailer');
    if (t < 0) throw new PdfStructureError('xref table without trailer');
    const lines = text.slice(0, t).split(/\r\n|\r|\n/);
    let current = -1;
    for (const raw of lines) {
      const line = raw.trim();
      if (!line) continue;
      const parts = line.split(/\s+/);
      if (parts.length === 2) {
        current = Number(parts[0]);
        continue;
      }
      if (parts.length === 3 && current >= 0) {
        const [off, , kind] = parts as [string, string, string];
        if (!this.xref.has(current)) this.xref.set(current, kind === 'n' ? { kind: 'offset', offset: Number(off) } : { kind: 'free' });
        current++;
        continue;
      }
      throw new PdfStructureError('malformed xref table');
    }
    const trailer = PDFObjectParser.forBytes(this.bytes.subarray(p + t + 7, this.end), this.context).parseObject();
    if (!(trailer instanceof PDFDict)) throw new PdfStructureError('malformed trailer');
    return { trailer };
  }

  /** Parses "n g obj <object>" at `offset`. */
  parseIndirectAt(offset: number): { num: number; gen: number; object: PDFObject; bodyStart: number } {
    const head = latin1(this.bytes, offset, Math.min(this.end, offset + 64));
    const m = /^\s*(\d+)\s+(\d+)\s+obj/.exec(head);
    if (!m) throw new PdfStructureError(`no object at ${offset}`);
    const bodyStart = offset + m[0].length;
    const object = PDFObjectParser.forBytes(this.bytes.subarray(bodyStart, this.end), this.context).parseObject();
    return { num: Number(m[1]), gen: Number(m[2]), object, bodyStart };
  }

  location(num: number): Location | null {
    return this.xref.get(num) ?? null;
  }

  /** Same bytes in both revisions: same offset, or same slot of an object stream at the same offset. */
  sameLocation(other: PdfRevision, num: number): boolean {
    const a = this.location(num);
    const b = other.location(num);
    if (!a || !b || a.kind !== b.kind) return false;
    if (a.kind === 'offset' && b.kind === 'offset') return a.offset === b.offset;
    if (a.kind === 'stream' && b.kind === 'stream') return a.index === b.index && a.stream === b.stream && this.sameLocation(other, a.stream);
    return false;
  }

  private objectStream(num: number) {
    let s = this.objStreams.get(num);
    if (s) return s;
    const raw = this.object(num);
    if (!(raw instanceof PDFRawStream)) throw new PdfStructureError(`object stream ${num} missing`);
    const decoded = this.decode(raw);
    const n = (raw.dict.lookup(PDFName.of('N'), PDFNumber) as PDFNumber).asNumber();
    const first = (raw.dict.lookup(PDFName.of('First'), PDFNumber) as PDFNumber).asNumber();
    const header = latin1(decoded, 0, first).trim().split(/\s+/).map(Number);
    const offsets = new Map<number, number>();
    const order: number[] = [];
    for (let i = 0; i < n; i++) {
      offsets.set(header[2 * i]!, header[2 * i + 1]!);
      order.push(header[2 * i]!);
    }
    s = { decoded, offsets, first, order };
    this.objStreams.set(num, s);
    return s;
  }

  /** The object with this number in this revision (null when free or missing). */
  object(num: number): PDFObject | null {
    if (this.cache.has(num)) return this.cache.get(num)!;
    this.cache.set(num, null); // guards against self-reference while parsing
    const loc = this.xref.get(num);
    let obj: PDFObject | null = null;
    if (loc?.kind === 'offset') {
      const parsed = this.parseIndirectAt(loc.offset);
      if (parsed.num !== num) throw new PdfStructureError(`xref names object ${num} at ${loc.offset}, found ${parsed.num}`);
      obj = parsed.object;
    } else if (loc?.kind === 'stream') {
      const s = this.objectStream(loc.stream);
      const rel = s.offsets.get(num);
      if (rel === undefined || s.order[loc.index] !== num) throw new PdfStructureError(`object ${num} not in object stream ${loc.stream}`);
      obj = PDFObjectParser.forBytes(s.decoded.subarray(s.first + rel), this.context).parseObject();
    }
    this.cache.set(num, obj);
    return obj;
  }

  resolve(o: PDFObject | undefined): PDFObject | undefined {
    let cur = o;
    for (let i = 0; cur instanceof PDFRef && i < 32; i++) cur = this.object(cur.objectNumber) ?? undefined;
    return cur;
  }

  dict(o: PDFObject | undefined): PDFDict | undefined {
    const r = this.resolve(o);
    return r instanceof PDFDict ? r : undefined;
  }

  array(o: PDFObject | undefined): PDFArray | undefined {
    const r = this.resolve(o);
    return r instanceof PDFArray ? r : undefined;
  }

  get(d: PDFDict | undefined, key: string): PDFObject | undefined {
    return d ? this.resolve(d.get(PDFName.of(key))) : undefined;
  }

  catalog(): PDFDict {
    const c = this.dict(this.trailer.get(PDFName.of('Root')));
    if (!c) throw new PdfStructureError('no document catalog');
    return c;
  }

  isEncrypted(): boolean {
    return this.trailer.has(PDFName.of('Encrypt'));
  }

  /** Stream data with its filters applied, including the PNG predictors pdf-lib ignores. */
  decode(s: PDFRawStream): Uint8Array {
    const filter = s.dict.lookup(PDFName.of('Filter'));
    const filters = filter instanceof PDFArray ? filter.asArray() : filter ? [filter] : [];
    const parmsRaw = s.dict.lookup(PDFName.of('DecodeParms'));
    const parms = parmsRaw instanceof PDFArray ? parmsRaw.lookup(parmsRaw.size() - 1) : parmsRaw;
    let data: Uint8Array;
    if (filters.length === 1 && filters[0] === PDFName.of('FlateDecode')) {
      data = zlib.inflateSync(Buffer.from(s.contents), { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: MAX_DECODED_BYTES });
    } else {
      data = decodePDFRawStream(s).decode();
    }
    if (parms instanceof PDFDict) {
      const predictor = (parms.lookup(PDFName.of('Predictor')) as PDFNumber | undefined)?.asNumber() ?? 1;
      if (predictor >= 10) {
        const num = (k: string, d: number) => (parms.lookup(PDFName.of(k)) as PDFNumber | undefined)?.asNumber() ?? d;
        data = unpredictPng(data, num('Columns', 1), num('Colors', 1), num('BitsPerComponent', 8));
      } else if (predictor === 2) throw new PdfStructureError('TIFF predictor not supported');
    }
    return data;
  }
}
