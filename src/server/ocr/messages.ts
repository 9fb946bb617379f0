// What the records officer reads about an OCR run, in Indonesian (English too). Pure.
import type { Lang } from '../errors.js';
import type { OcrFailureKind, OcrPage } from './ocrEngine.js';
import type { OcrStatus } from './schema.js';

const FAILURES: Record<OcrFailureKind, { id: string; en: string }> = {
  empty_file: { id: 'Berkas kosong (0 byte). Pindai ulang surat lalu unggah lagi.', en: 'The file is empty (0 bytes). Scan the letter again and upload it.' },
  unsupported_type: {
    id: 'Jenis berkas tidak didukung. Unggah hasil pindaian berupa PDF, JPG, PNG atau TIFF.',
    en: 'Unsupported file type. Upload the scan as PDF, JPG, PNG or TIFF.',
  },
  unreadable: { id: 'Berkas rusak atau tidak dapat dibaca. Pindai ulang surat lalu unggah lagi.', en: 'The file is damaged or unreadable. Scan the letter again and upload it.' },
  encrypted: {
    id: 'PDF ini dikunci dengan kata sandi sehingga teksnya tidak dapat dibaca. Minta pengirim mengirim PDF tanpa kata sandi, atau pindai cetakannya.',
    en: 'This PDF is password-protected, so its text cannot be read. Ask the sender for an unprotected PDF, or scan a printout.',
  },
  timeout: {
    id: 'Pembacaan teks (OCR) terlalu lama dan dihentikan. Sistem akan mencoba lagi; data surat tetap dapat diisi manual.',
    en: 'Text recognition (OCR) took too long and was stopped. It will be retried; the letter data can still be entered by hand.',
  },
  engine_missing: {
    id: 'Layanan pembacaan teks (OCR) belum terpasang di server. Hubungi admin; data surat tetap dapat diisi manual.',
    en: 'The text recognition (OCR) service is not installed on the server. Contact the administrator; enter the letter data by hand.',
  },
  engine_failed: {
    id: 'Pembacaan teks (OCR) gagal. Sistem akan mencoba lagi; data surat tetap dapat diisi manual.',
    en: 'Text recognition (OCR) failed. It will be retried; the letter data can still be entered by hand.',
  },
};

function pageList(pages: OcrPage[], status: OcrPage['status']): string {
  const list = pages.filter((p) => p.status === status).map((p) => p.page);
  if (list.length <= 6) return list.join(', ');
  return `${list.slice(0, 5).join(', ')} … ${list[list.length - 1]} (${list.length} halaman)`;
}

/** One sentence on the run's state, for the officer (never the engine's own words). */
export function ocrStatusMessage(run: { status: OcrStatus; failure: OcrFailureKind | null; pages: OcrPage[]; pageCount: number | null; attempts: number }, lang: Lang): string {
  const en = lang === 'en';
  switch (run.status) {
    case 'queued':
      if (run.attempts > 0 && run.failure) return (en ? FAILURES[run.failure].en : FAILURES[run.failure].id);
      return en ? 'Waiting for text recognition (OCR).' : 'Menunggu pembacaan teks (OCR).';
    case 'running':
      return en ? 'Reading the text (OCR)…' : 'Sedang membaca teks (OCR)…';
    case 'done':
      return en ? 'Text read. Check the suggested number, date and subject before saving.' : 'Teks terbaca. Periksa usulan nomor, tanggal dan hal sebelum menyimpan.';
    case 'partial': {
      const parts: string[] = [];
      if (run.pages.some((p) => p.status === 'timeout')) {
        parts.push(en ? `pages ${pageList(run.pages, 'timeout')} could not be read in time` : `halaman ${pageList(run.pages, 'timeout')} tidak terbaca dalam batas waktu`);
      }
      const skipped = run.pages.filter((p) => p.status === 'not_processed').length;
      if (skipped > 0) {
        const done = (run.pageCount ?? run.pages.length) - skipped;
        parts.push(en ? `only the first ${done} of ${run.pageCount} pages were read` : `hanya ${done} dari ${run.pageCount} halaman pertama yang dibaca`);
      }
      return en ? `Text partly read: ${parts.join('; ')}. Check the data by hand.` : `Teks terbaca sebagian: ${parts.join('; ')}. Periksa data surat secara manual.`;
    }
    case 'no_text':
      return en
        ? 'No text could be read from the scan. Check that the file is the letter and the scan is sharp, then enter the data by hand.'
        : 'Tidak ada teks yang terbaca dari pindaian. Pastikan berkas ini memang surat dan hasil pindaiannya jelas, lalu isi data surat secara manual.';
    case 'failed':
      return run.failure ? (en ? FAILURES[run.failure].en : FAILURES[run.failure].id) : en ? FAILURES.engine_failed.en : FAILURES.engine_failed.id;
  }
}

/** The final status of a finished recognition, from its pages. */
export function statusFromPages(pages: OcrPage[]): 'done' | 'partial' | 'no_text' {
  const withText = pages.some((p) => (p.status === 'ok' || p.status === 'had_text') && p.chars > 0);
  if (!withText) return 'no_text';
  return pages.some((p) => p.status === 'timeout' || p.status === 'not_processed') ? 'partial' : 'done';
}
