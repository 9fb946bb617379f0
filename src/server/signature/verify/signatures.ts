// Signature fields of a PDF revision: their /ByteRange, /Contents and where the CMS sits in
// the file, with the byte-range sanity checks that do not need cryptography.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from '@cantoo/pdf-lib';
import { OIDS } from '../pki/asn1.js';
import { certInfo, parseSignedData, parseTstInfo, signerCertOf, type CertInfo, type SignedDataLite, type SignerInfoLite, type TstInfoLite } from './lite.js';
import { PdfRevision } from './pdfRevision.js';

export interface ExtractedSignature {
  objectNumber: number | null;
  fieldName: string | null;
  kind: 'signature' | 'timestamp';
  subFilter: string | null;
  byteRange: [number, number, number, number] | null;
  /** The whole /Contents value, zero padding included (the VRI key hashes this). */
  contents: Buffer;
  /** The DER CMS inside /Contents, without padding. */
  cms: Buffer;
  claimedTime: Date | null;
  reason: string | null;
  location: string | null;
  name: string | null;
  /** Byte-range defects (Indonesian). */
  problems: string[];
}

export function pdfTextValue(o: PDFObject | undefined): string | null {
  if (o instanceof PDFString || o instanceof PDFHexString) return o.decodeText();
  return null;
}

function pdfDate(o: PDFObject | undefined): Date | null {
  if (o instanceof PDFString) {
    try {
      return o.decodeDate();
    } catch {
      return null;
    }
  }
  return null;
}

/** DER length of the object at the start of `b` (BER definite form), or b.length. */
export function derLength(b: Buffer): number {
  if (b.length < 2) return b.length;
  const l = b[1]!;
  if (l < 0x80) return Math.min(b.length, 2 + l);
  const n = l & 0x7f;
  if (n === 0 || n > 4 || 2 + n > b.length) return b.length;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[2 + i]!;
  return Math.min(b.length, 2 + n + len);
}

function contentsBytes(o: PDFObject | undefined): Buffer | null {
  if (o instanceof PDFHexString || o instanceof PDFString) return Buffer.from(o.asBytes());
  return null;
}

function checkByteRange(bytes: Uint8Array, br: [number, number, number, number], contents: Buffer): string[] {
  const problems: string[] = [];
  const [a, b, c, d] = br;
  if (a !== 0) problems.push('Rentang tanda tangan tidak dimulai dari awal berkas.');
  if (!(b > 0 && c > b && d >= 0 && c + d <= bytes.byteLength)) {
    problems.push('Rentang tanda tangan (ByteRange) tidak masuk akal.');
    return problems;
  }
  if (bytes[b] !== 0x3c || bytes[c - 1] !== 0x3e) {
    problems.push('Celah ByteRange tidak tepat berisi nilai tanda tangan.');
    return problems;
  }
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset + b + 1, c - b - 2).toString('latin1').replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(hex) || !Buffer.from(hex, 'hex').equals(contents)) problems.push('Isi celah ByteRange berbeda dengan /Contents tanda tangan.');
  return problems;
}

function inheritedFT(rev: PdfRevision, d: PDFDict): PDFName | null {
  let cur: PDFDict | undefined = d;
  for (let i = 0; cur && i < 16; i++) {
    const ft = rev.get(cur, 'FT');
    if (ft instanceof PDFName) return ft;
    cur = rev.dict(cur.get(PDFName.of('Parent')));
  }
  return null;
}

/** Signature and document-timestamp fields of the revision, ordered by where their range ends. */
export function extractSignatures(rev: PdfRevision): ExtractedSignature[] {
  const out: ExtractedSignature[] = [];
  const seenV = new Set<number>();
  const form = rev.dict(rev.catalog().get(PDFName.of('AcroForm')));
  const fields = rev.array(form?.get(PDFName.of('Fields')));
  const visit = (o: PDFObject | undefined, depth: number, visited: Set<number>) => {
    if (depth > 32) return;
    if (o instanceof PDFRef) {
      if (visited.has(o.objectNumber)) return;
      visited.add(o.objectNumber);
    }
    const d = rev.dict(o);
    if (!d) return;
    const kids = rev.array(d.get(PDFName.of('Kids')));
    if (kids) for (let i = 0; i < kids.size(); i++) visit(kids.get(i), depth + 1, visited);
    if (inheritedFT(rev, d) !== PDFName.of('Sig')) return;
    const vRaw = d.get(PDFName.of('V'));
    const v = rev.dict(vRaw);
    if (!v) return;
    const vNum = vRaw instanceof PDFRef ? vRaw.objectNumber : null;
    if (vNum !== null) {
      if (seenV.has(vNum)) return;
      seenV.add(vNum);
    }
    const type = rev.get(v, 'Type');
    const subFilter = rev.get(v, 'SubFilter');
    const brArr = rev.get(v, 'ByteRange');
    let byteRange: [number, number, number, number] | null = null;
    if (brArr instanceof PDFArray && brArr.size() === 4) {
      const nums = [0, 1, 2, 3].map((i) => rev.resolve(brArr.get(i)));
      if (nums.every((n) => n instanceof PDFNumber)) byteRange = nums.map((n) => (n as PDFNumber).asNumber()) as [number, number, number, number];
    }
    const contents = contentsBytes(rev.get(v, 'Contents')) ?? Buffer.alloc(0);
    const problems: string[] = [];
    if (!byteRange) problems.push('Tanda tangan tanpa ByteRange yang valid.');
    else problems.push(...checkByteRange(rev.bytes, byteRange, contents));
    const sf = subFilter instanceof PDFName ? subFilter.decodeText() : null;
    const kind = type === PDFName.of('DocTimeStamp') || sf === 'ETSI.RFC3161' ? 'timestamp' : 'signature';
    out.push({
      objectNumber: vNum,
      fieldName: pdfTextValue(rev.get(d, 'T')),
      kind,
      subFilter: sf,
      byteRange,
      contents,
      cms: contents.subarray(0, derLength(contents)),
      claimedTime: pdfDate(rev.get(v, 'M')),
      reason: pdfTextValue(rev.get(v, 'Reason')),
      location: pdfTextValue(rev.get(v, 'Location')),
      name: pdfTextValue(rev.get(v, 'Name')),
      problems,
    });
  };
  if (fields) for (let i = 0; i < fields.size(); i++) visit(fields.get(i), 0, new Set());
  return out.sort((x, y) => (x.byteRange ? x.byteRange[2] + x.byteRange[3] : 0) - (y.byteRange ? y.byteRange[2] + y.byteRange[3] : 0));
}

export interface ParsedCms {
  sd: SignedDataLite;
  signerInfo: SignerInfoLite;
  certificates: CertInfo[];
  signerCert: CertInfo | null;
}

export function parseCms(der: Uint8Array): ParsedCms {
  const sd = parseSignedData(der);
  const signerInfo = sd.signerInfos[0];
  if (!signerInfo) throw new Error('CMS without SignerInfo');
  const certificates: CertInfo[] = [];
  for (const c of sd.certificates) {
    try {
      certificates.push(certInfo(c));
    } catch {
      /* an unreadable certificate is simply not used */
    }
  }
  return { sd, signerInfo, certificates, signerCert: signerCertOf(signerInfo, certificates) };
}

/** The signature timestamp token (DER) of a signer info, if any. */
export function timestampTokenOf(si: SignerInfoLite): Buffer | null {
  return si.unsignedAttrs?.byType.get(OIDS.signatureTimeStampToken)?.[0]?.raw ?? null;
}

/** TSTInfo of a timestamp token. */
export function tokenInfo(token: Uint8Array): { sd: SignedDataLite; tst: TstInfoLite } {
  const sd = parseSignedData(token);
  if (sd.eContentType !== OIDS.tstInfo || !sd.eContent) throw new Error('not a timestamp token');
  return { sd, tst: parseTstInfo(sd.eContent) };
}

/** Serial and time of the newest signature of a PDF (used after remote signing). */
export async function lastSignatureInfo(pdf: Uint8Array): Promise<{ certificateSerial: string; timestamp: Date | null; claimedTime: Date | null }> {
  const sigs = extractSignatures(new PdfRevision(pdf)).filter((s) => s.kind === 'signature');
  const last = sigs[sigs.length - 1];
  if (!last) throw new Error('no signature');
  const cms = parseCms(last.cms);
  if (!cms.signerCert) throw new Error('signer certificate missing');
  const token = timestampTokenOf(cms.signerInfo);
  return { certificateSerial: cms.signerCert.serialHex, timestamp: token ? tokenInfo(token).tst.genTime : null, claimedTime: last.claimedTime };
}
