// Error codes of the templates domain (generation, inspection and filling of .docx templates).
import { defineErrors, type CodesOf } from '../errors.js';

export const templateErrors = defineErrors({
  TEMPLATE_INVALID: {
    status: 400,
    id: 'Berkas templat tidak valid. Gunakan dokumen Word (.docx) tanpa kata sandi dan tanpa makro.',
    en: 'Invalid template file. Use a Word document (.docx) without password or macros.',
  },
  TEMPLATE_MISSING_FIELDS: {
    status: 400,
    id: 'Templat tidak memuat semua isian wajib.',
    en: 'The template lacks required fields.',
  },
  TEMPLATE_FILL_FAILED: {
    status: 422,
    id: 'Isian templat tidak dapat diproses.',
    en: 'The template fields could not be filled.',
  },
  FORM_INVALID: {
    status: 400,
    id: 'Isian formulir naskah belum lengkap atau tidak valid.',
    en: 'The document form is incomplete or invalid.',
  },
});

declare module '../errors.js' {
  interface ErrorCodeRegistry extends CodesOf<typeof templateErrors> {}
}
