// WhatsApp notices of the service desk, on the notify domain's templates (naskah_kode_otp,
// naskah_tautan_aktivasi, naskah_pemberitahuan). None carries a password; the activation link
// is one-time, valid 24 h, and useless without the code sent to the same number.
import type { AppContext } from '../context.js';
import type { Tx } from '../db/tx.js';
import { queueWhatsApp } from '../notify/index.js';

export interface Notice {
  template: string;
  params: string[];
}

const note = (text: string, link: string): Notice => ({ template: 'naskah_pemberitahuan', params: [text, link] });

export const msg = {
  code: (code: string): Notice => ({ template: 'naskah_kode_otp', params: [code, '10'] }),
  received: (number: string, service: string, link: string) => note(`Permohonan ${service} Anda diterima dengan nomor tiket ${number}`, link),
  returned: (number: string, reason: string, link: string) => note(`Permohonan ${number} dikembalikan untuk diperbaiki. Alasan: ${reason}. Silakan perbaiki dan kirim ulang`, link),
  activation: (name: string, address: string, link: string): Notice => ({
    template: 'naskah_tautan_aktivasi',
    params: [name, `akun e-mail kedinasan Anda sudah dibuat. Nama pengguna: ${address}. Aktifkan dalam 24 jam; Anda membuat kata sandi sendiri dan memasang Google Authenticator (kata sandi tidak pernah dikirim lewat WhatsApp)`, link],
  }),
  active: (number: string, address: string, link: string) => note(`E-mail kedinasan ${address} sudah aktif (tiket ${number} selesai)`, link),
  chainActive: (number: string, address: string, link: string) => note(`Tiket ${number}: e-mail kedinasan ${address} sudah aktif dan tiket ditutup`, link),
  cancelled: (number: string, link: string) => note(`Permohonan ${number} dibatalkan`, link),
  suspended: (address: string, link: string) => note(`Akun e-mail kedinasan ${address} dinonaktifkan sementara oleh Admin Email`, link),
  closed: (address: string, link: string) => note(`Akun e-mail kedinasan ${address} ditutup`, link),
};

export function ticketLink(ctx: AppContext, ticketId: string): string {
  return `${ctx.config.publicUrl}/layanan/tiket/${ticketId}`;
}

/** Queue a notice in the caller's transaction (delivered by the notify domain's job after commit). */
export async function sendNotice(ctx: AppContext, tx: Tx, to: string, n: Notice, purpose: string, userId?: string | null): Promise<void> {
  await queueWhatsApp(ctx, tx, { to, template: n.template, params: n.params, purpose: `servicedesk.${purpose}`, userId: userId ?? null });
}
