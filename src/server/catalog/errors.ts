// Error codes of the catalog (document types, letterheads, templates).
import { defineErrors, type CodesOf } from '../errors.js';

export const catalogErrors = defineErrors({
  DOCUMENT_LETTERHEAD_NOT_ALLOWED: { status: 403, id: 'KOP ini tidak dapat dipakai oleh unit Anda.', en: 'Your unit cannot use this letterhead.' },
  DOCUMENT_TYPE_INVALID: { status: 400, id: 'Jenis naskah tidak dikenal atau tidak aktif.', en: 'Unknown or inactive document type.' },
  SOP_STANDARD_NOT_FOUND: { status: 404, id: 'Standar waktu SOP tidak ditemukan.', en: 'SOP time standard not found.' },
  SOP_STANDARD_EXISTS: { status: 409, id: 'Unit dan jenis naskah ini sudah punya standar waktu SOP; ubah yang ada.', en: 'This unit and document type already have an SOP time standard; edit it instead.' },
  SOP_STANDARD_INVALID: { status: 400, id: 'Standar waktu SOP belum benar; periksa isian yang ditandai.', en: 'The SOP time standard is not valid; check the marked fields.' },
  SOP_STANDARD_DEFAULT_REQUIRED: { status: 409, id: 'Standar bawaan tidak dapat dihapus; ubah saja langkah dan waktunya.', en: 'The default standard cannot be deleted; edit its steps instead.' },
  SOP_REPORT_NOT_ALLOWED: { status: 403, id: 'Laporan kinerja SOP hanya untuk pimpinan unit itu (atau unit di atasnya) dan admin.', en: 'The SOP performance report is for the head of that unit (or above) and admins.' },
  TEMPLATE_NOT_AVAILABLE: { status: 404, id: 'Templat untuk jenis naskah dan KOP ini belum tersedia.', en: 'No template for this type and letterhead.' },
});

declare module '../errors.js' {
  interface ErrorCodeRegistry extends CodesOf<typeof catalogErrors> {}
}
