// A notice's delivery state for the screen that queued it (the service desk shows whether the
// activation link went out), without its content.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { AppError, type Lang } from '../errors.js';
import { notificationMessages } from './schema.js';

export async function getNotice(db: Db, messageId: string) {
  const [m] = await db.select().from(notificationMessages).where(eq(notificationMessages.id, messageId));
  if (!m) throw new AppError('NOT_FOUND', { entity: 'notification', id: messageId });
  const { payloadSealed: _sealed, ...rest } = m;
  return rest;
}

/** One sentence on the delivery state, for staff. */
export function noticeStatusMessage(m: { status: string; channel: string; lastError: string | null; attempts: number }, lang: Lang): string {
  const en = lang === 'en';
  const wa = m.channel === 'whatsapp';
  const kind = m.lastError?.split(':')[0] ?? '';
  if (m.status === 'sent') return en ? 'Sent.' : 'Terkirim.';
  if (m.status === 'queued') {
    if (m.attempts === 0) return en ? 'Waiting to be sent.' : 'Menunggu dikirim.';
    return en ? `Not delivered yet (attempt ${m.attempts}); it will be retried.` : `Belum terkirim (percobaan ke-${m.attempts}); sistem akan mencoba lagi.`;
  }
  switch (kind) {
    case 'not_configured':
      return en ? `${wa ? 'WhatsApp' : 'E-mail'} sending is not set up. Contact the administrator.` : `Pengiriman ${wa ? 'WhatsApp' : 'e-mail'} belum diatur. Hubungi admin.`;
    case 'auth':
      return en ? 'The WhatsApp gateway refused the instance’s access key. Contact the administrator.' : 'Gerbang WhatsApp menolak kunci akses instansi. Hubungi admin.';
    case 'rejected':
      return en ? 'The message was refused: check that the number is active on WhatsApp.' : 'Pesan ditolak: periksa apakah nomor tersebut aktif di WhatsApp.';
    default:
      return en ? `Could not be sent after ${m.attempts} attempts. Try again later.` : `Gagal dikirim setelah ${m.attempts} kali percobaan. Coba lagi nanti.`;
  }
}
