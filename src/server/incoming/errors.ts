// Error codes of incoming letters (registration, agenda, sending to the addressed official).
import { defineErrors, type CodesOf } from '../errors.js';

export const incomingErrors = defineErrors({
  INCOMING_NOT_FOUND: { status: 404, id: 'Surat masuk tidak ditemukan atau Anda tidak berhak melihatnya.', en: 'Incoming letter not found or not visible to you.' },
  INCOMING_NOT_RECORDS_OFFICER: { status: 403, id: 'Hanya petugas arsip (pencatat) unit penerima yang dapat mencatat surat masuk.', en: 'Only the receiving unit’s records officer can register incoming letters.' },
  INCOMING_DUPLICATE: { status: 409, id: 'Surat ini tampaknya sudah pernah dicatat (pengirim dan nomor sama, atau berkas yang sama). Periksa daftar di bawah; bila memang surat lain, catat lagi dengan konfirmasi.', en: 'This letter seems to be registered already (same sender and number, or the same file). Confirm to register it again.' },
  INCOMING_SCAN_REQUIRED: { status: 400, id: 'Unggah pindaian surat (PDF, JPG, PNG atau TIFF).', en: 'Upload the scan of the letter (PDF, JPG, PNG or TIFF).' },
  INCOMING_SCAN_KIND: { status: 415, id: 'Pindaian harus berupa PDF, JPG, PNG atau TIFF.', en: 'The scan must be a PDF, JPG, PNG or TIFF file.' },
  INCOMING_SCAN_UNREADABLE: { status: 400, id: 'Gambar pindaian tidak dapat dibaca. Pindai ulang lalu unggah kembali.', en: 'The scanned image cannot be read.' },
  INCOMING_TOO_MANY_PAGES: { status: 400, id: 'Pindaian terlalu banyak halaman.', en: 'The scan has too many pages.' },
  INCOMING_CLASSIFICATION_REQUIRED: { status: 400, id: 'Kode klasifikasi wajib diisi.', en: 'The classification code is required.' },
  INCOMING_NOT_REGISTERED: { status: 409, id: 'Surat belum dicatat di agenda.', en: 'The letter is not registered yet.' },
  INCOMING_ALREADY_SENT: { status: 409, id: 'Surat sudah dikirim ke pimpinan.', en: 'The letter was already sent to the official.' },
  INCOMING_NOT_PENDING: { status: 409, id: 'Surat ini tidak sedang menunggu pencatatan.', en: 'This letter is not waiting to be registered.' },
  INCOMING_ADDRESSEE_INVALID: { status: 400, id: 'Pejabat tujuan tidak valid atau jabatannya kosong hari ini.', en: 'Invalid addressed official, or the position has no holder today.' },
  INCOMING_NOT_DELIVERED_TO_YOU: { status: 404, id: 'Naskah ini tidak diterima oleh jabatan Anda.', en: 'This document was not delivered to your position.' },
});

declare module '../errors.js' {
  interface ErrorCodeRegistry extends CodesOf<typeof incomingErrors> {}
}
