// What the records officer reads about the mailbox and each message, in Indonesian (English too).
import type { Lang } from '../errors.js';
import type { MailboxState } from './schema.js';

export function mailboxStateMessage(state: MailboxState, lang: Lang): string {
  const en = lang === 'en';
  switch (state) {
    case 'new':
      return en ? 'Not read yet; the first check runs shortly.' : 'Belum pernah dibaca; pemeriksaan pertama segera berjalan.';
    case 'ok':
      return en ? 'The mailbox is read normally.' : 'Kotak surat terbaca dengan baik.';
    case 'auth_failed':
      return en
        ? 'The mail server refused the username or password of this mailbox. Enter the current password in the mailbox settings.'
        : 'Server e-mail menolak nama pengguna atau kata sandi kotak surat ini. Masukkan kata sandi yang berlaku di pengaturan kotak surat.';
    case 'unreachable':
      return en
        ? 'The mail server cannot be reached right now. Naskah keeps trying; check the server address if this persists.'
        : 'Server e-mail tidak dapat dihubungi saat ini. Naskah akan terus mencoba; periksa alamat server bila berlanjut.';
    case 'error':
      return en ? 'The mail server answered unexpectedly. Naskah keeps trying; contact the administrator if this persists.' : 'Server e-mail memberi jawaban yang tidak terduga. Naskah akan terus mencoba; hubungi admin bila berlanjut.';
  }
}

export const NO_ATTACHMENT_REASON = 'E-mail ini tidak memiliki lampiran PDF atau gambar, sehingga tidak dicatat sebagai surat masuk. Bila isinya surat, minta pengirim melampirkan pindaiannya.';
export const TOO_LARGE_REASON = (mb: number) => `E-mail terlalu besar (${mb.toFixed(1)} MB) untuk diambil otomatis. Minta pengirim mengirim ulang dengan lampiran yang lebih kecil.`;
