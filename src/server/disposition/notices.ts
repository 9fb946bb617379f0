// Notifications for incoming letters and dispositions: who is told what, by the channels each
// person chose in Profil, queued in the transaction of the change (onIncomingEvent). The text
// names the hal only for sifat Biasa; otherwise only the sifat; always just a link.
import type { AppContext } from '../context.js';
import type { Tx } from '../db/tx.js';
import { onIncomingEvent, type IncomingEvent } from '../incoming/index.js';
import { notifyUsers, type NoticeKind } from '../notify/index.js';
import { holdersOf } from '../org/positions.js';
import { isoDateIn, tanggalIndonesia } from '../../shared/dates.js';
import { halPhrase } from '../../shared/halRule.js';

async function usersHolding(ctx: AppContext, tx: Tx, positionIds: string[]): Promise<string[]> {
  const map = await holdersOf(tx.db, [...new Set(positionIds)], isoDateIn(ctx.config.timeZone, ctx.now()));
  return [...map.values()].flat().map((h) => h.userId);
}

/** The notice for an event, or null when nobody is to be told. Pure. */
export function noticeFor(e: IncomingEvent): { kind: NoticeKind; text: string; positionIds: string[] } | null {
  switch (e.type) {
    case 'incoming.sent':
      return { kind: 'letter_received', text: `Surat masuk untuk Anda: ${halPhrase(e.sifat, e.hal)}`, positionIds: e.toPositionIds };
    case 'disposition.received':
      return { kind: 'disposition_received', text: `Disposisi untuk Anda: ${halPhrase(e.sifat, e.hal)}${e.dueDate ? `, batas waktu ${tanggalIndonesia(e.dueDate)}` : ''}`, positionIds: e.toPositionIds };
    case 'disposition.due_soon':
      return { kind: 'disposition_due', text: `Batas waktu disposisi ${tanggalIndonesia(e.dueDate)} sudah dekat: ${halPhrase(e.sifat, e.hal)}`, positionIds: e.toPositionIds };
    case 'disposition.overdue':
      // The one who disposed sees it too.
      return { kind: 'disposition_due', text: `Disposisi melewati batas waktu ${tanggalIndonesia(e.dueDate)}: ${halPhrase(e.sifat, e.hal)}`, positionIds: [...e.toPositionIds, e.senderPositionId] };
    default:
      return null;
  }
}

const wired = new WeakSet<AppContext>();
export function wireDispositionNotices(ctx: AppContext): void {
  if (wired.has(ctx)) return;
  wired.add(ctx);
  onIncomingEvent(ctx, async (tx, e) => {
    const n = noticeFor(e);
    if (!n) return;
    const userIds = await usersHolding(ctx, tx, n.positionIds);
    await notifyUsers(ctx, tx, userIds, { kind: n.kind, text: n.text, path: `/surat-masuk/${e.letterId}` });
  });
}
