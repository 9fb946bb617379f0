// Error codes of dispositions; DISPOSITION_<refusal> mirror the pure machine's refusals.
import { defineErrors, type CodesOf } from '../errors.js';

export const dispositionErrors = defineErrors({
  DISPOSITION_NOT_FOUND: { status: 404, id: 'Disposisi tidak ditemukan atau Anda tidak berhak melihatnya.', en: 'Disposition not found or not visible to you.' },
  DISPOSITION_NOT_YOURS: { status: 403, id: 'Disposisi ini bukan untuk jabatan Anda.', en: 'This disposition is not addressed to your position.' },
  DISPOSITION_NOT_SENDER: { status: 403, id: 'Hanya pengirim disposisi yang dapat membatalkan atau menariknya.', en: 'Only the sender can cancel or withdraw a disposition.' },
  DISPOSITION_LETTER_NOT_SENT: { status: 409, id: 'Surat belum dikirim ke pimpinan, belum dapat didisposisikan.', en: 'The letter has not been sent to the official yet.' },
  DISPOSITION_RECEIVER_VACANT: { status: 400, id: 'Jabatan tujuan disposisi tidak memiliki pejabat (definitif, Plt atau Plh) hari ini.', en: 'The receiving position has no holder today.' },
  DISPOSITION_INSTRUCTION_UNKNOWN: { status: 400, id: 'Instruksi disposisi tidak dikenal.', en: 'Unknown disposition instruction.' },
  DISPOSITION_INSTRUCTION_REQUIRED: { status: 400, id: 'Pilih paling sedikit satu instruksi atau tulis catatan.', en: 'Choose at least one instruction or write a note.' },
  DISPOSITION_DUE_IN_PAST: { status: 400, id: 'Batas waktu disposisi tidak boleh sebelum hari ini.', en: 'The due date cannot be in the past.' },
  DISPOSITION_REPORT_TEXT_REQUIRED: { status: 400, id: 'Tuliskan tindak lanjut yang sudah dilakukan.', en: 'Describe the follow-up.' },
  DISPOSITION_NODE_NOT_FOUND: { status: 404, id: 'Disposisi tidak ditemukan.', en: 'Disposition not found.' },
  DISPOSITION_NOT_HOLDER: { status: 403, id: 'Hanya pejabat yang dituju surat yang dapat mendisposisikannya.', en: 'Only the addressed official can dispose this letter.' },
  DISPOSITION_SENDER_MISMATCH: { status: 403, id: 'Hanya penerima disposisi ini yang dapat meneruskannya.', en: 'Only this disposition’s receiver can dispose it further.' },
  DISPOSITION_NO_RECEIVER: { status: 400, id: 'Pilih paling sedikit satu penerima disposisi.', en: 'Choose at least one receiver.' },
  DISPOSITION_RECEIVER_NOT_BELOW: { status: 400, id: 'Disposisi hanya dapat diberikan kepada jabatan di bawah Anda.', en: 'A disposition can only go to positions below yours.' },
  DISPOSITION_RECEIVER_DUPLICATE: { status: 409, id: 'Jabatan itu sudah menerima disposisi yang masih berjalan dari Anda untuk surat ini.', en: 'That position already has an open disposition from you for this letter.' },
  DISPOSITION_NODE_CLOSED: { status: 409, id: 'Disposisi sudah selesai, dibatalkan atau ditarik.', en: 'The disposition is already completed, cancelled or withdrawn.' },
  DISPOSITION_ALREADY_REPORTED: { status: 409, id: 'Tindak lanjut disposisi ini sudah dilaporkan.', en: 'The follow-up was already reported.' },
  DISPOSITION_ALREADY_READ: { status: 409, id: 'Disposisi sudah dibaca penerima sehingga tidak dapat dibatalkan; tarik kembali dengan alasan.', en: 'Already read: it can only be withdrawn with a reason.' },
  DISPOSITION_NOT_READ: { status: 409, id: 'Disposisi belum dibaca: batalkan saja.', en: 'Not read yet: cancel it instead.' },
  DISPOSITION_REASON_REQUIRED: { status: 400, id: 'Alasan penarikan disposisi wajib diisi.', en: 'A reason is required to withdraw.' },
});

declare module '../errors.js' {
  interface ErrorCodeRegistry extends CodesOf<typeof dispositionErrors> {}
}
