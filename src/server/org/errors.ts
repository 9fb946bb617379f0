// Error codes of the organisation domain that are its own (the older generic ones — NIP_INVALID,
// UNIT_CODE_TAKEN … — live in errors.ts).
import { defineErrors, type CodesOf } from '../errors.js';

export const orgErrors = defineErrors({
  SEAL_IMAGE_INVALID: {
    status: 400,
    id: 'Berkas cap dinas harus berupa gambar PNG (disarankan berlatar transparan) atau JPEG yang utuh.',
    en: 'The office seal must be a complete PNG (preferably with a transparent background) or JPEG image.',
  },
  SEAL_IMAGE_TOO_LARGE: {
    status: 400,
    id: 'Gambar cap dinas terlalu besar: paling besar 512 KB dan 2000 × 2000 piksel.',
    en: 'The office seal image is too large: at most 512 KB and 2000 × 2000 pixels.',
  },
  SEAL_IMAGE_TOO_SMALL: {
    status: 400,
    id: 'Gambar cap dinas terlalu kecil: paling kecil 100 × 100 piksel agar tetap jelas saat dicetak.',
    en: 'The office seal image is too small: at least 100 × 100 pixels so that it prints clearly.',
  },
  SEAL_NOT_FOUND: { status: 404, id: 'Unit ini belum memiliki cap dinas.', en: 'This unit has no office seal yet.' },
});

declare module '../errors.js' {
  interface ErrorCodeRegistry extends CodesOf<typeof orgErrors> {}
}
