// Error codes of the .docx -> PDF converter.
import { defineErrors, type CodesOf } from '../errors.js';

export const conversionErrors = defineErrors({
  CONVERSION_FAILED: {
    status: 422,
    id: 'Dokumen tidak dapat dikonversi ke PDF. Periksa apakah berkas .docx dapat dibuka di Word/LibreOffice.',
    en: 'The document could not be converted to PDF. Check that the .docx opens in Word/LibreOffice.',
  },
  CONVERSION_TIMEOUT: {
    status: 504,
    id: 'Konversi dokumen ke PDF melebihi batas waktu. Coba lagi atau sederhanakan dokumen.',
    en: 'Converting the document to PDF timed out. Retry or simplify the document.',
  },
  CONVERTER_UNAVAILABLE: {
    status: 503,
    id: 'Layanan konversi dokumen (LibreOffice) tidak tersedia di server.',
    en: 'The document converter (LibreOffice) is not available on the server.',
  },
});

declare module '../errors.js' {
  interface ErrorCodeRegistry extends CodesOf<typeof conversionErrors> {}
}
