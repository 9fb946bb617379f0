// Lampiran uploads (seed 003: "lampirannya jika ada (dalam bentuk PDF maks 1 Mb)"): PDF only,
// within the size limit, readable and not encrypted. Every refusal is ATTACHMENT_INVALID with
// details { file, reason } and a message naming the file and what to do.
import { AppError, isAppError } from '../errors.js';
import { formatMb, inspectPdf, type PdfInfo } from './inspectPdf.js';

export type AttachmentProblem = 'kosong' | 'terlalu_besar' | 'bukan_pdf' | 'terenkripsi' | 'rusak';

export interface AttachmentInput {
  bytes: Uint8Array;
  name: string;
  mime?: string | null;
}

export interface AttachmentInfo extends PdfInfo {
  size: number;
}

/** What a non-PDF file really is, from its first bytes. */
export function sniffFileKind(bytes: Uint8Array): string | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 16));
  const hex = b.toString('hex');
  if (hex.startsWith('504b0304')) return 'dokumen Office/arsip ZIP (misalnya .docx)';
  if (hex.startsWith('d0cf11e0a1b11ae1')) return 'dokumen Office lama (.doc/.xls)';
  if (hex.startsWith('89504e47')) return 'gambar PNG';
  if (hex.startsWith('ffd8ff')) return 'gambar JPEG';
  if (hex.startsWith('47494638')) return 'gambar GIF';
  if (hex.startsWith('52494646') && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'gambar WebP';
  if (hex.startsWith('49492a00') || hex.startsWith('4d4d002a')) return 'gambar TIFF';
  return null;
}

function invalid(file: string, reason: AttachmentProblem, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('ATTACHMENT_INVALID', { file, reason, message, ...extra }, { id: message, en: `Attachment "${file}" rejected: ${reason}` });
}

/** Checks one lampiran; returns its PDF facts or throws ATTACHMENT_INVALID. */
export async function validateAttachment(input: AttachmentInput, limits: { maxBytes: number }): Promise<AttachmentInfo> {
  const { bytes, name } = input;
  const file = name.trim() || 'lampiran';
  const size = bytes.byteLength;
  if (size === 0) throw invalid(file, 'kosong', `Lampiran "${file}" kosong (0 byte).`);
  if (size > limits.maxBytes) {
    throw invalid(file, 'terlalu_besar', `Lampiran "${file}" berukuran ${formatMb(size)}, melebihi batas ${formatMb(limits.maxBytes)} per berkas. Perkecil (kompres) PDF lalu unggah ulang.`, {
      size,
      maxBytes: limits.maxBytes,
    });
  }
  const isPdfContent = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(size, 1024)).toString('latin1').includes('%PDF-');
  if (!isPdfContent) {
    const kind = sniffFileKind(bytes);
    const renamed = /\.pdf$/i.test(file);
    const message = kind
      ? `Lampiran "${file}" bukan PDF, melainkan ${kind}${renamed ? ' yang diganti namanya menjadi .pdf' : ''}. Simpan atau ekspor sebagai PDF lalu unggah ulang.`
      : `Lampiran "${file}" bukan berkas PDF. Lampiran harus berformat PDF.`;
    throw invalid(file, 'bukan_pdf', message, { detected: kind, mime: input.mime ?? null });
  }
  if (!/\.pdf$/i.test(file)) {
    throw invalid(file, 'bukan_pdf', `Nama lampiran "${file}" tidak berakhiran .pdf. Lampiran harus berformat PDF.`, { mime: input.mime ?? null });
  }
  try {
    const info = await inspectPdf(bytes, { maxBytes: limits.maxBytes });
    return { ...info, size };
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (e.code === 'PDF_ENCRYPTED') {
      throw invalid(file, 'terenkripsi', `Lampiran "${file}" dilindungi kata sandi (terenkripsi). Simpan ulang tanpa kata sandi lalu unggah kembali.`);
    }
    throw invalid(file, 'rusak', `Lampiran "${file}" rusak atau tidak dapat dibaca: ${e.userMessage('id')}`, { pdfReason: e.details?.reason ?? null });
  }
}
