// Reads the basics of an uploaded PDF (pages, version, signatures) and refuses what Naskah
// cannot use: not a PDF, damaged or truncated, encrypted, too large. Never hangs: parsing is
// capped in time and every failure becomes an AppError with an Indonesian message.
import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { AppError, isAppError } from '../errors.js';
import { checkUntrustedPdf } from './untrusted.js';

export interface PdfInfo {
  pages: number;
  /** "1.7", from the header or the catalog's /Version, whichever is higher. */
  pdfVersion: string;
  encrypted: false;
  /** The file already carries a digital signature (a /ByteRange signature dictionary). */
  hasSignatures: boolean;
}

export interface InspectPdfOptions {
  maxBytes?: number;
  /** Parse-time limit, default 10 s. */
  timeoutMs?: number;
}

export type PdfProblem = 'kosong' | 'bukan_pdf' | 'terpotong' | 'rusak' | 'tanpa_halaman' | 'terlalu_lama';

const PROBLEM_TEXT: Record<PdfProblem, string> = {
  kosong: 'Berkas kosong (0 byte).',
  bukan_pdf: 'Berkas bukan PDF.',
  terpotong: 'Berkas PDF tidak lengkap (terpotong saat diunggah atau disimpan). Unggah ulang berkas aslinya.',
  rusak: 'Berkas PDF rusak dan tidak dapat dibaca.',
  tanpa_halaman: 'Berkas PDF tidak memiliki halaman.',
  terlalu_lama: 'Berkas PDF terlalu rumit untuk diperiksa. Simpan ulang sebagai PDF biasa lalu unggah kembali.',
};

export function pdfInvalid(reason: PdfProblem, extra: Record<string, unknown> = {}): AppError {
  return new AppError('PDF_INVALID', { reason, ...extra }, { id: PROBLEM_TEXT[reason], en: `Invalid PDF: ${reason}` });
}

/** "1,4 MB" (Indonesian decimal comma); whole numbers without decimals ("1 MB"). */
export function formatMb(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  const digits = Number.isInteger(mb) ? 0 : mb < 0.1 ? 2 : 1;
  return `${mb.toLocaleString('id-ID', { minimumFractionDigits: digits, maximumFractionDigits: digits })} MB`;
}

export function pdfTooLarge(size: number, maxBytes: number): AppError {
  return new AppError(
    'PDF_TOO_LARGE',
    { size, maxBytes },
    { id: `Berkas PDF berukuran ${formatMb(size)}, melebihi batas ${formatMb(maxBytes)}.`, en: `The PDF is ${size} bytes, over the ${maxBytes}-byte limit.` },
  );
}

export function pdfEncrypted(): AppError {
  return new AppError('PDF_ENCRYPTED');
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** "%PDF-1.x" within the first KiB (some producers put junk before it). */
export function headerVersion(buf: Buffer): string | null {
  const m = /%PDF-(\d\.\d)/.exec(buf.subarray(0, 1024).toString('latin1'));
  return m ? m[1]! : null;
}

function hasEof(buf: Buffer): boolean {
  return buf.subarray(Math.max(0, buf.length - 2048)).toString('latin1').includes('%%EOF');
}

function timeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(pdfInvalid('terlalu_lama')), ms);
    }),
  ]);
}

/** Loads a PDF with pdf-lib under a time limit (pdf-lib yields while parsing, so the timer fires). */
export async function loadPdf(bytes: Uint8Array, opts: { timeoutMs?: number } = {}): Promise<PDFDocument> {
  const buf = asBuffer(bytes);
  if (buf.length === 0) throw pdfInvalid('kosong');
  if (!headerVersion(buf)) throw pdfInvalid('bukan_pdf');
  if (!hasEof(buf)) throw pdfInvalid('terpotong');
  let doc: PDFDocument;
  try {
    doc = await timeout(
      PDFDocument.load(buf, { ignoreEncryption: true, throwOnInvalidObject: false, updateMetadata: false, parseSpeed: 200 }),
      opts.timeoutMs ?? 10_000,
    );
  } catch (e) {
    if (isAppError(e)) throw e;
    if (/encrypt/i.test(String((e as Error).message))) throw pdfEncrypted();
    throw pdfInvalid('rusak', { cause: String((e as Error).message ?? e).slice(0, 200) });
  }
  if (doc.isEncrypted) throw pdfEncrypted();
  return doc;
}

/** Pages, version and signatures of a PDF; throws PDF_INVALID, PDF_ENCRYPTED or PDF_TOO_LARGE. */
export async function inspectPdf(bytes: Uint8Array, opts: InspectPdfOptions = {}): Promise<PdfInfo> {
  const buf = asBuffer(bytes);
  if (opts.maxBytes !== undefined && buf.length > opts.maxBytes) throw pdfTooLarge(buf.length, opts.maxBytes);
  if (buf.length === 0) throw pdfInvalid('kosong');
  if (!headerVersion(buf)) throw pdfInvalid('bukan_pdf');
  if (!hasEof(buf)) throw pdfInvalid('terpotong');
  // Parsed in a worker thread under limits (untrusted.ts), never on the event loop.
  let facts;
  try {
    facts = await checkUntrustedPdf(buf);
  } catch (e) {
    if (isAppError(e) && e.code === 'PDF_INVALID' && (e.details?.reason === 'rusak' || e.details?.reason === 'tanpa_halaman')) throw pdfInvalid(e.details.reason, e.details.detail ? { cause: e.details.detail } : {});
    throw e;
  }
  let version = headerVersion(buf)!;
  const v = facts.catalogVersion;
  if (v && /^\d\.\d$/.test(v) && v > version) version = v;
  const pages = facts.pages;
  return { pages, pdfVersion: version, encrypted: false, hasSignatures: /\/ByteRange\s*\[/.test(buf.toString('latin1')) };
}
