// The template fields ("isian") Naskah knows, and which ones a template must carry per page shape.
//
// Two families:
// - system fields, filled by Naskah when the document is numbered and signed (the drafter must
//   not edit them): ${nomor_naskah}, ${tanggal_naskah}, ${sifat}, ${lampiran}, ${hal}, ${tujuan},
//   ${ttd_pengirim}, ${nama_pengirim}, ${nip_pengirim}, ${jabatan_pengirim}, ${tembusan};
// - body fields, filled by the in-app form route (seed 002): ${isi}; for invitations also
//   ${pembuka}, ${hari_tanggal}, ${waktu}, ${tempat}, ${acara}, ${penutup}.
import type { FormKind, PageShape } from '../catalog/schema.js';

export const SYSTEM_PLACEHOLDERS = [
  'nomor_naskah',
  'tanggal_naskah',
  'sifat',
  'lampiran',
  'hal',
  'tujuan',
  'ttd_pengirim',
  'nama_pengirim',
  'nip_pengirim',
  'jabatan_pengirim',
  'tembusan',
] as const;
export type SystemPlaceholder = (typeof SYSTEM_PLACEHOLDERS)[number];

export const BODY_PLACEHOLDERS = ['isi', 'pembuka', 'hari_tanggal', 'waktu', 'tempat', 'acara', 'penutup'] as const;
export type BodyPlaceholder = (typeof BODY_PLACEHOLDERS)[number];

/** Fields that stand alone in their own paragraph(s): multi-paragraph text becomes real paragraphs. */
export const BLOCK_PLACEHOLDERS: ReadonlySet<string> = new Set(['isi', 'pembuka', 'penutup']);

export const KNOWN_PLACEHOLDERS: ReadonlySet<string> = new Set<string>([...SYSTEM_PLACEHOLDERS, ...BODY_PLACEHOLDERS]);

/**
 * Required system fields by page shape, checked when an admin uploads a template.
 *
 * korespondensi (Surat, Undangan, Nota Dinas …) prints every system field: number, date, the
 * Sifat/Lampiran/Hal block, the "Yth." addressee, the signature block and Tembusan.
 *
 * judul (Keputusan, Peraturan, Surat Tugas, Berita Acara …) has a centred title with NOMOR and
 * TENTANG (= hal) and no Sifat/Lampiran lines or "Yth." addressee: a decree or an assignment is
 * addressed through its content ("KESATU …", "Kepada: …"), not a recipient block, and its
 * attachments are referred to in the text. So ${sifat}, ${lampiran} and ${tujuan} are optional
 * there; number, date, subject, the signature block and Tembusan are still filled by the system.
 */
export const REQUIRED_PLACEHOLDERS: Readonly<Record<PageShape, readonly SystemPlaceholder[]>> = {
  korespondensi: SYSTEM_PLACEHOLDERS,
  judul: ['nomor_naskah', 'tanggal_naskah', 'hal', 'ttd_pengirim', 'nama_pengirim', 'nip_pengirim', 'jabatan_pengirim', 'tembusan'],
};

export function requiredPlaceholders(shape: PageShape): readonly SystemPlaceholder[] {
  return REQUIRED_PLACEHOLDERS[shape];
}

/** Body fields the in-app form of each kind fills (the template must carry them). */
export const FORM_PLACEHOLDERS: Readonly<Record<FormKind, readonly BodyPlaceholder[]>> = {
  surat: ['isi'],
  nota_dinas: ['isi'],
  undangan: ['hari_tanggal', 'waktu', 'tempat', 'acara'],
};

/** How a field is written in a template. */
export const field = (name: string): string => `\${${name}}`;
