// Error codes of the service desk (seed 004).
import { defineErrors, type CodesOf } from '../errors.js';

export const serviceDeskErrors = defineErrors({
  SERVICE_NOT_FOUND: { status: 404, id: 'Layanan tidak ditemukan.', en: 'Service not found.' },
  SERVICE_OFFICE_MISSING: { status: 409, id: 'Kantor penyelenggara layanan ini belum ada di data organisasi; hubungi admin.', en: 'The office that runs this service is not in the organisation data; contact the administrator.' },
  TICKET_NOT_FOUND: { status: 404, id: 'Tiket layanan tidak ditemukan.', en: 'Service ticket not found.' },
  TICKET_NOT_YOUR_STEP: { status: 403, id: 'Langkah ini bukan giliran Anda.', en: 'This step is not yours.' },
  TICKET_ACTION_NOT_ALLOWED: { status: 409, id: 'Tindakan ini tidak dapat dilakukan pada tahap tiket saat ini.', en: 'This action is not possible at the ticket’s current stage.' },
  TICKET_CHECKLIST_INCOMPLETE: { status: 400, id: 'Kelengkapan berkas belum lengkap. Centang semua butir, atau kembalikan ke pemohon dengan alasan.', en: 'The completeness checklist is not complete. Tick every item or return it with a reason.' },
  TICKET_REASON_REQUIRED: { status: 400, id: 'Alasan wajib diisi.', en: 'A reason is required.' },
  TICKET_DUPLICATE_NIP: { status: 409, id: 'Sudah ada permohonan yang masih berjalan untuk NIP ini.', en: 'An open request for this NIP already exists.' },
  TICKET_ADMIN_NOT_ASN: { status: 403, id: 'Admin Email harus ASN (memiliki NIP).', en: 'The e-mail administrator must be a civil servant (have a NIP).' },
  PHONE_CODE_INVALID: { status: 400, id: 'Kode verifikasi WhatsApp salah atau kedaluwarsa.', en: 'WhatsApp verification code wrong or expired.' },
  PHONE_CODE_ATTEMPTS: { status: 429, id: 'Terlalu banyak percobaan kode. Minta kode baru.', en: 'Too many code attempts. Request a new code.' },
  PHONE_NOT_VERIFIED: { status: 400, id: 'Nomor WhatsApp belum diverifikasi dengan kode yang dikirim ke nomor itu.', en: 'The WhatsApp number has not been verified with the code sent to it.' },
  PHONE_CODE_TOO_MANY: { status: 429, id: 'Terlalu banyak permintaan kode verifikasi. Coba lagi nanti.', en: 'Too many verification code requests. Try later.' },
  WHATSAPP_NOT_CONFIGURED: { status: 409, id: 'Gateway WhatsApp belum dikonfigurasi. Hubungi pengelola server.', en: 'The WhatsApp gateway is not configured. Contact the server administrator.' },
  ADDRESS_INVALID: { status: 400, id: 'Alamat e-mail hanya boleh berisi huruf kecil, angka, titik, garis bawah atau tanda hubung (3–64 karakter).', en: 'The address may contain lower-case letters, digits, dot, underscore or hyphen (3–64 characters).' },
  ADDRESS_TAKEN: { status: 409, id: 'Alamat e-mail ini sudah dipakai. Pilih salah satu saran lain.', en: 'This address is already used. Choose another suggestion.' },
  ACTIVATION_LINK_INVALID: { status: 404, id: 'Tautan aktivasi tidak dikenal.', en: 'Unknown activation link.' },
  ACTIVATION_LINK_EXPIRED: { status: 410, id: 'Tautan aktivasi sudah kedaluwarsa (berlaku 24 jam). Minta Admin Email mengirim ulang tautan.', en: 'The activation link has expired (valid 24 hours). Ask the e-mail administrator to resend it.' },
  ACTIVATION_STEP_ORDER: { status: 409, id: 'Selesaikan langkah aktivasi sebelumnya terlebih dahulu.', en: 'Finish the previous activation step first.' },
  ACTIVATION_PASSWORD_WEAK: { status: 400, id: 'Kata sandi tidak memenuhi kebijakan.', en: 'The password does not meet the policy.' },
});

export {};

declare module '../errors.js' {
  interface ErrorCodeRegistry extends CodesOf<typeof serviceDeskErrors> {}
}
