// Loading PDFs for an incremental update, with the failures users can understand.
import { EncryptedPDFError, PDFDocument, type LoadOptions } from '@cantoo/pdf-lib';
import { AppError } from '../../errors.js';

/** Largest PDF the signature module accepts (sign or verify). */
export const MAX_PDF_BYTES = 50 * 1024 * 1024;

export function assertPdfBytes(bytes: Uint8Array, maxBytes = MAX_PDF_BYTES): void {
  if (bytes.byteLength > maxBytes) throw new AppError('PDF_TOO_LARGE', { maxBytes, size: bytes.byteLength });
  const head = Buffer.from(bytes.subarray(0, Math.min(1024, bytes.byteLength))).toString('latin1');
  if (!head.includes('%PDF-')) throw new AppError('PDF_INVALID', { reason: 'no %PDF- header' });
}

export async function loadPdf(bytes: Uint8Array, opts: LoadOptions = {}): Promise<PDFDocument> {
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false, ...opts });
    if (doc.isEncrypted) throw new EncryptedPDFError();
    return doc;
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof EncryptedPDFError || (e as Error)?.name === 'EncryptedPDFError') throw new AppError('PDF_ENCRYPTED');
    throw new AppError('PDF_INVALID', { reason: (e as Error)?.message?.slice(0, 200) ?? 'parse error' });
  }
}

/** Offset named by the last startxref of the file. */
export function lastStartXref(bytes: Uint8Array): number | null {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.byteLength - 2048))).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail) ?? [...tail.matchAll(/startxref\s+(\d+)/g)].pop();
  return m ? Number(m[1]) : null;
}

/** True when the last cross-reference section is a stream (our update then writes one too). */
export function usesXrefStream(bytes: Uint8Array): boolean {
  const at = lastStartXref(bytes);
  if (at === null || at >= bytes.byteLength) return false;
  const s = Buffer.from(bytes.subarray(at, Math.min(bytes.byteLength, at + 32))).toString('latin1');
  return !s.startsWith('xref');
}

/**
 * Appends the document's changes as one incremental update. Works around a pdf-lib bug: with a
 * classic xref table, an update that creates no object above the highest existing number
 * writes /Size one too small (qpdf warns). The trailer follows the xref table, so rewriting
 * /Size moves no offset anything refers to.
 */
export async function commitUpdate(doc: PDFDocument, useObjectStreams: boolean): Promise<Uint8Array> {
  const before = doc.context.pdfFileDetails.pdfSize;
  const out = await doc.commit({ useObjectStreams });
  if (useObjectStreams) return out;
  const expected = doc.context.largestObjectNumber + 1;
  const tail = Buffer.from(out.buffer, out.byteOffset + before, out.byteLength - before);
  const t = tail.lastIndexOf('trailer');
  if (t < 0) return out;
  const m = /\/Size\s+(\d+)/.exec(tail.subarray(t, Math.min(tail.length, t + 4096)).toString('latin1'));
  if (!m || Number(m[1]) >= expected) return out;
  const at = before + t + m.index;
  const replaced = Buffer.from(`/Size ${expected}`, 'latin1');
  return Buffer.concat([Buffer.from(out.buffer, out.byteOffset, at), replaced, Buffer.from(out.buffer, out.byteOffset + at + m[0].length, out.byteLength - at - m[0].length)]);
}
