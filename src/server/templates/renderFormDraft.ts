// The in-app form route of seed 002 ("mengentri lewat aplikasi esurat berupa undangan"): the
// drafter fills a short form, Naskah puts it into the template body and leaves the system
// fields (${nomor_naskah}, ${ttd_pengirim} …) for the numbering/signing-time fill.
import { z } from 'zod';
import { AppError } from '../errors.js';
import { fillDocx } from './fillDocx.js';
import { inspectDocxTemplate } from './inspectTemplate.js';
import { field, FORM_PLACEHOLDERS } from './placeholders.js';

const MAX_TEXT = 50_000;

const text = (label: string, max = MAX_TEXT) =>
  z
    .string({ error: `${label} wajib diisi.` })
    .trim()
    .min(1, `${label} wajib diisi.`)
    .max(max, `${label} terlalu panjang (maksimal ${max.toLocaleString('id-ID')} karakter).`);

const optionalText = (label: string, max = MAX_TEXT) =>
  z
    .string({ error: `${label} harus berupa teks.` })
    .trim()
    .max(max, `${label} terlalu panjang (maksimal ${max.toLocaleString('id-ID')} karakter).`)
    .optional();

export const FormDraftSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('surat'), isi: text('Isi surat') }),
    z.object({ kind: z.literal('nota_dinas'), isi: text('Isi nota dinas') }),
    z.object({
      kind: z.literal('undangan'),
      pembuka: optionalText('Kalimat pembuka', 5_000),
      hari_tanggal: text('Hari, tanggal', 200),
      waktu: text('Waktu', 200),
      tempat: text('Tempat', 500),
      acara: text('Acara', 2_000),
      penutup: optionalText('Kalimat penutup', 5_000),
    }),
  ],
  { error: 'Jenis formulir harus salah satu dari: surat, undangan, nota_dinas.' },
);

export type FormDraft = z.infer<typeof FormDraftSchema>;
export type FormDraftInput = z.input<typeof FormDraftSchema>;

export const DEFAULT_PEMBUKA = 'Bersama ini kami mengundang Saudara untuk hadir pada:';
export const DEFAULT_PENUTUP =
  'Mengingat pentingnya acara tersebut, dimohon kehadiran Saudara tepat pada waktunya. Atas perhatian Saudara diucapkan terima kasih.';

/** Validates the form; throws AppError FORM_INVALID with details.fields [{ path, message }]. */
export function parseFormDraft(form: unknown): FormDraft {
  const parsed = FormDraftSchema.safeParse(form);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new AppError('FORM_INVALID', { fields }, { id: fields.map((f) => f.message).join(' '), en: 'The document form is invalid.' });
}

/** Body values of a form, keyed by template field. */
export function formValues(form: FormDraft): Record<string, string> {
  switch (form.kind) {
    case 'surat':
    case 'nota_dinas':
      return { isi: form.isi };
    case 'undangan':
      return {
        pembuka: form.pembuka || DEFAULT_PEMBUKA,
        hari_tanggal: form.hari_tanggal,
        waktu: form.waktu,
        tempat: form.tempat,
        acara: form.acara,
        penutup: form.penutup || DEFAULT_PENUTUP,
      };
  }
}

/**
 * Puts a validated form into the template body. Returns the .docx draft, still carrying the
 * system fields for the signing-time fill. Throws TEMPLATE_MISSING_FIELDS if the template has no
 * place for the form (e.g. an uploaded template without ${isi}).
 */
export function renderFormDraft(templateBuf: Uint8Array, form: unknown): Buffer {
  const parsed = parseFormDraft(form);
  const { placeholders } = inspectDocxTemplate(templateBuf);
  const missing = FORM_PLACEHOLDERS[parsed.kind].filter((name) => !placeholders.includes(name));
  if (missing.length) {
    const list = missing.map(field).join(', ');
    throw new AppError(
      'TEMPLATE_MISSING_FIELDS',
      { missing },
      { id: `Templat tidak memuat isian untuk formulir: ${list}.`, en: `The template lacks the form fields: ${list}.` },
    );
  }
  return fillDocx(templateBuf, formValues(parsed), { keepUnknown: true, dropSampleParagraphs: true });
}
