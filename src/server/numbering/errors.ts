// Error codes of the numbering domain.
import { defineErrors, type CodesOf } from '../errors.js';

export const numberingErrors = defineErrors({
  NUMBERING_UNIT_NO_CODE: {
    status: 409,
    id: 'Unit ini belum memiliki kode unit, sehingga belum dapat memberi nomor naskah. Minta admin mengisi kode unit.',
    en: 'The unit has no unit code yet, so it cannot number documents.',
  },
  NUMBER_FORMAT_INVALID: { status: 400, id: 'Format nomor naskah tidak valid.', en: 'Invalid document number format.' },
  NUMBER_FORMAT_NEEDS_TYPE: {
    status: 400,
    id: 'Format nomor memuat {kode_jenis}, tetapi jenis naskah tidak diketahui. Pilih jenis naskah.',
    en: 'The number format uses {kode_jenis} but no document type was given.',
  },
  NUMBER_DATE_INVALID: { status: 400, id: 'Tanggal naskah tidak valid atau tahunnya berbeda dengan tahun register.', en: 'Invalid document date, or its year differs from the register year.' },
  NUMBER_ENTRY_NOT_FOUND: { status: 404, id: 'Nomor tidak ditemukan di buku register.', en: 'Number not found in the register.' },
  NUMBER_ENTRY_OTHER_UNIT: {
    status: 409,
    id: 'Nomor ini milik register unit lain dan tidak dapat dipakai untuk naskah unit ini.',
    en: 'This number belongs to another unit’s register.',
  },
  NUMBER_ENTRY_USED: { status: 409, id: 'Nomor ini sudah dipakai untuk naskah lain.', en: 'This number is already used by another document.' },
  NUMBER_ENTRY_CANCELLED: { status: 409, id: 'Nomor ini sudah dibatalkan dan tidak dapat dipakai lagi.', en: 'This number was cancelled and cannot be used.' },
  NUMBER_ENTRY_IN_USE: {
    status: 409,
    id: 'Nomor ini sudah melekat pada naskah; batalkan naskahnya melalui alur naskah, bukan dari buku register.',
    en: 'The number is attached to a document; cancel the document through its workflow.',
  },
});

declare module '../errors.js' {
  interface ErrorCodeRegistry extends CodesOf<typeof numberingErrors> {}
}
