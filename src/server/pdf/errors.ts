// Error codes of the PDF utilities (inspection, attachment checks, stamping).
import { defineErrors, type CodesOf } from '../errors.js';

export const pdfErrors = defineErrors({
  PDF_INVALID: {
    status: 400,
    id: 'Berkas bukan PDF yang valid atau rusak.',
    en: 'The file is not a valid PDF or is damaged.',
  },
  PDF_ENCRYPTED: {
    status: 400,
    id: 'PDF dilindungi kata sandi atau terenkripsi. Unggah PDF tanpa kata sandi.',
    en: 'The PDF is password-protected or encrypted. Upload a PDF without a password.',
  },
  PDF_TOO_LARGE: {
    status: 413,
    id: 'Berkas PDF terlalu besar.',
    en: 'The PDF file is too large.',
  },
  PDF_PAGE_OUT_OF_RANGE: {
    status: 400,
    id: 'Nomor halaman di luar jumlah halaman PDF.',
    en: 'Page number outside the PDF page range.',
  },
  ATTACHMENT_INVALID: {
    status: 400,
    id: 'Lampiran tidak dapat diterima.',
    en: 'The attachment cannot be accepted.',
  },
});

declare module '../errors.js' {
  interface ErrorCodeRegistry extends CodesOf<typeof pdfErrors> {}
}
