// Error codes of the archive domain (classification codes and JRA).
import { defineErrors, type CodesOf } from '../errors.js';

export const archiveErrors = defineErrors({
  CLASSIFICATION_NOT_FOUND: { status: 404, id: 'Kode klasifikasi tidak ditemukan.', en: 'Classification code not found.' },
  CLASSIFICATION_UNKNOWN: { status: 400, id: 'Kode klasifikasi tidak terdaftar.', en: 'Unknown classification code.' },
  CLASSIFICATION_INACTIVE: { status: 400, id: 'Kode klasifikasi sudah tidak aktif dan tidak dapat dipakai.', en: 'The classification code is inactive.' },
  CLASSIFICATION_CODE_INVALID: { status: 400, id: 'Format kode klasifikasi tidak valid (contoh: 000.8.3.3).', en: 'Invalid classification code format (e.g. 000.8.3.3).' },
  CLASSIFICATION_PARENT_MISSING: { status: 400, id: 'Kode induk belum terdaftar; tambahkan induknya lebih dulu.', en: 'The parent code does not exist yet.' },
  CLASSIFICATION_EXISTS: { status: 409, id: 'Kode klasifikasi sudah ada.', en: 'The classification code already exists.' },
  BERKAS_CLOSED: { status: 409, id: 'Berkas sudah ditutup; isinya tidak dapat diubah lagi.', en: 'The berkas is closed; its contents cannot change.' },
  ARCHIVE_ON_LOAN: { status: 409, id: 'Arsip ini sedang dipinjam dan belum dikembalikan.', en: 'This record is on loan and not yet returned.' },
  LOAN_RETURNED: { status: 409, id: 'Peminjaman ini sudah dikembalikan.', en: 'This loan was already returned.' },
  DISPOSAL_NOT_DUE: { status: 409, id: 'Berkas belum jatuh tempo untuk usul ini menurut JRA (harus inaktif, lewat masa inaktif, dengan keterangan akhir yang sesuai).', en: 'The berkas is not due for this proposal under the retention schedule.' },
  DISPOSAL_LEGAL_HOLD: { status: 409, id: 'Berkas atau arsip di dalamnya sedang dalam penahanan hukum dan tidak dapat dimusnahkan atau diserahkan.', en: 'The berkas or one of its records is under legal hold.' },
  DISPOSAL_ALREADY_PROPOSED: { status: 409, id: 'Berkas sudah ada dalam usul pemusnahan atau penyerahan yang belum selesai.', en: 'The berkas is already in an unfinished proposal.' },
  DISPOSAL_WRONG_STAGE: { status: 409, id: 'Langkah ini tidak dapat dilakukan pada tahap usul sekarang.', en: 'This step is not possible at the current stage.' },
  DISPOSAL_NOT_HEAD: { status: 403, id: 'Keputusan dan berita acara ditetapkan dan ditandatangani oleh pimpinan Perangkat Daerah pencipta arsip (Sekretaris Daerah untuk Sekretariat Daerah, Kepala Dinas/Badan untuk dinasnya).', en: 'Only the head of the Perangkat Daerah that created the records decides and signs.' },
  DISPOSAL_OWN_PROPOSAL: { status: 403, id: 'Usul yang Anda ajukan sendiri tidak dapat Anda tetapkan atau tanda tangani; pejabat lain yang berwenang perlu melakukannya.', en: 'You cannot decide or sign a proposal you made yourself.' },
  RECORD_FROZEN: { status: 409, id: 'Isi arsip yang sudah ditetapkan tidak dapat diubah.', en: 'A declared record cannot change.' },
});

declare module '../errors.js' {
  interface ErrorCodeRegistry extends CodesOf<typeof archiveErrors> {}
}
