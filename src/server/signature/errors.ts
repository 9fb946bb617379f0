// Error codes of the signature (TTE) domain. PDF_INVALID, PDF_ENCRYPTED and PDF_TOO_LARGE
// are the PDF utilities' codes (pdf/errors.ts).
import { defineErrors, type CodesOf } from '../errors.js';

export const signatureErrors = defineErrors({
  SIGNING_CREDENTIAL_MISSING: {
    status: 409,
    id: 'Anda belum memiliki sertifikat elektronik. Daftarkan passphrase TTE terlebih dahulu.',
    en: 'You have no signing certificate yet. Enrol a signing passphrase first.',
  },
  SIGNING_CREDENTIAL_EXISTS: { status: 409, id: 'Sertifikat elektronik Anda sudah aktif.', en: 'Your signing certificate is already active.' },
  CERTIFICATE_REVOKED: { status: 409, id: 'Sertifikat elektronik Anda telah dicabut. Ajukan pendaftaran ulang.', en: 'Your signing certificate has been revoked. Enrol again.' },
  CERTIFICATE_EXPIRED: { status: 409, id: 'Sertifikat elektronik Anda telah kedaluwarsa. Perbarui sertifikat.', en: 'Your signing certificate has expired. Renew it.' },
  SEAL_CREDENTIAL_EXISTS: { status: 409, id: 'Unit ini sudah memiliki sertifikat segel elektronik yang aktif. Pilih "Terbitkan ulang" untuk menggantinya.', en: 'This unit already has an active e-seal certificate. Choose "Re-issue" to replace it.' },
  SEAL_CREDENTIAL_MISSING: { status: 404, id: 'Unit ini tidak memiliki sertifikat segel elektronik yang aktif.', en: 'This unit has no active e-seal certificate.' },
  PASSPHRASE_WRONG: { status: 400, id: 'Passphrase TTE salah.', en: 'Wrong signing passphrase.' },
  PASSPHRASE_LOCKED: {
    status: 423,
    id: 'Penandatanganan dikunci sementara karena passphrase salah berulang kali.',
    en: 'Signing is temporarily locked after repeated wrong passphrases.',
  },
  ENROLMENT_APPROVAL_REQUIRED: {
    status: 403,
    id: 'Kata sandi atau 2FA akun ini baru diatur ulang oleh admin. Pendaftaran kunci TTE perlu disetujui dahulu oleh otoritas pendaftaran (orang kedua).',
    en: 'This account\'s password or 2FA was reset by an administrator. Enrolling a signing key first needs the approval of a registration authority (a second person).',
  },
  ENROLMENT_APPROVAL_SELF: { status: 403, id: 'Persetujuan harus diberikan oleh orang kedua: bukan pemilik akun dan bukan admin yang mengatur ulang akun.', en: 'The approval must come from a second person: neither the account holder nor the administrator who reset the account.' },
  PASSPHRASE_WEAK: { status: 400, id: 'Passphrase terlalu lemah.', en: 'Passphrase too weak.' },
  SIGN_OUTSIDE_WORKFLOW_ROLE_REQUIRED: { status: 403, id: 'TTE di luar alur naskah dinas hanya untuk penandatangan yang diberi izin khusus oleh admin. Tandatangani naskah melalui alur naskah keluar.', en: 'Signing outside the official document workflow needs a special grant from the administrator.' },
  SIGNER_ROLE_REQUIRED: { status: 403, id: 'Hanya penandatangan yang dapat melakukan TTE.', en: 'Only signers can sign electronically.' },
  SIGNATURE_MARKER_NOT_FOUND: {
    status: 400,
    id: 'Penanda posisi tanda tangan tidak ditemukan pada PDF. Tentukan halaman dan koordinat.',
    en: 'The signature position marker was not found in the PDF. Give page and coordinates.',
  },
  SIGNATURE_SPACE_TOO_SMALL: {
    status: 400,
    id: 'Ruang kosong untuk tanda tangan elektronik di antara jabatan dan nama penandatangan terlalu sempit. Tambahkan baris kosong di bawah jabatan pada konsep.',
    en: 'The blank space for the electronic signature between the title and the name is too small. Add blank lines below the title in the draft.',
  },
  SEAL_SPACE_TOO_SMALL: {
    status: 400,
    id: 'Tidak ada ruang kosong untuk cap dinas di sebelah kiri tanda tangan elektronik. Geser blok tanda tangan ke kanan pada konsep.',
    en: 'There is no blank space for the office seal to the left of the electronic signature. Move the signature block to the right in the draft.',
  },
  SIGNATURE_PLACEMENT_INVALID: { status: 400, id: 'Posisi tanda tangan di luar halaman.', en: 'The signature position is outside the page.' },
  TIMESTAMP_FAILED: { status: 502, id: 'Layanan cap waktu (TSA) tidak dapat dihubungi.', en: 'The timestamp authority could not be reached.' },
  INTERRUPTED: { status: 503, id: 'Server dihentikan sebelum dokumen ini ditandatangani; tandatangani lagi.', en: 'The server stopped before this document was signed; sign it again.' },
  SIGNING_SERVICE_FAILED: { status: 502, id: 'Layanan tanda tangan elektronik gagal memproses permintaan.', en: 'The electronic signature service failed.' },
  SIGNING_SERVICE_UNAVAILABLE: { status: 503, id: 'Layanan tanda tangan elektronik tidak dapat dihubungi.', en: 'The electronic signature service is unreachable.' },
  BSRE_USER_NOT_REGISTERED: { status: 409, id: 'NIK penandatangan belum terdaftar di BSrE.', en: 'The signer NIK is not registered at BSrE.' },
  BSRE_NO_CERTIFICATE: { status: 409, id: 'Penandatangan belum memiliki sertifikat elektronik aktif di BSrE.', en: 'The signer has no active BSrE certificate.' },
  BSRE_CERTIFICATE_STATUS: { status: 409, id: 'Status sertifikat BSrE penandatangan tidak memungkinkan penandatanganan.', en: 'The signer BSrE certificate status does not allow signing.' },
  SIGNER_NIK_MISSING: { status: 409, id: 'NIK penandatangan belum diisi; BSrE mengenali penandatangan dari NIK.', en: 'The signer has no NIK; BSrE identifies signers by NIK.' },
  VERIFICATION_NOT_FOUND: { status: 404, id: 'Kode verifikasi dokumen tidak dikenal.', en: 'Unknown document verification code.' },
  BATCH_NOT_FOUND: { status: 404, id: 'Proses tanda tangan massal tidak ditemukan.', en: 'Bulk signing run not found.' },
  BATCH_TOO_LARGE: { status: 400, id: 'Terlalu banyak dokumen dalam satu kali tanda tangan massal.', en: 'Too many documents in one bulk signing run.' },
  PKI_NOT_READY: { status: 503, id: 'Otoritas sertifikat instansi belum siap.', en: 'The instance certificate authority is not ready.' },
  LOCAL_CA_NOT_IN_USE: { status: 409, id: 'Instansi memakai BSrE; sertifikat lokal tidak dipakai.', en: 'This instance signs with BSrE; local certificates are not used.' },
});

export type SignatureErrorCode = keyof typeof signatureErrors;

declare module '../errors.js' {
  interface ErrorCodeRegistry extends CodesOf<typeof signatureErrors> {}
}
