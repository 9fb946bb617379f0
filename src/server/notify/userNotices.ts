// Notices to users about their work (a disposition received, a due date near or passed, a letter
// to verify or sign, a letter returned): each user chooses per kind WhatsApp, e-mail, both or
// none in Profil, and quiet hours. Callers pass text that carries no confidential content (the
// hal only for sifat Biasa) and a link; the notice is queued in the caller's transaction.
import { eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import type { Tx } from '../db/tx.js';
import { AppError } from '../errors.js';
import { users } from '../org/schema.js';
import { quietUntil } from './quietHours.js';
import { queueEmail, queueWhatsApp } from './sendNotice.js';
import { notificationPreferences, type NoticeChannel, type NoticePreferences } from './schema.js';

export const NOTICE_KINDS = ['letter_received', 'disposition_received', 'disposition_due', 'letter_to_verify', 'letter_to_sign', 'letter_returned'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Without a choice: WhatsApp when the user has a number, else e-mail. */
export function defaultChannels(u: { whatsapp: string | null; email: string | null }): NoticeChannel[] {
  return u.whatsapp ? ['whatsapp'] : u.email ? ['email'] : [];
}

export const EMPTY_PREFERENCES: NoticePreferences = { events: {}, quietStart: null, quietEnd: null };

export async function getNoticePreferences(db: Db, userId: string): Promise<NoticePreferences> {
  const [row] = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  return row?.preferences ?? EMPTY_PREFERENCES;
}

export async function setNoticePreferences(db: Db, userId: string, prefs: NoticePreferences, now: Date): Promise<NoticePreferences> {
  const clean: NoticePreferences = {
    events: Object.fromEntries(Object.entries(prefs.events).filter(([k]) => (NOTICE_KINDS as readonly string[]).includes(k)).map(([k, v]) => [k, [...new Set(v ?? [])]])),
    quietStart: prefs.quietStart || null,
    quietEnd: prefs.quietEnd || null,
  };
  await db
    .insert(notificationPreferences)
    .values({ userId, preferences: clean, updatedAt: now })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: { preferences: clean, updatedAt: now } });
  return clean;
}

/** The preferences with the defaults filled in, for the Profil page. */
export async function effectivePreferences(db: Db, userId: string) {
  const [u] = await db.select({ whatsapp: users.whatsapp, email: users.email }).from(users).where(eq(users.id, userId));
  const prefs = await getNoticePreferences(db, userId);
  const def = defaultChannels(u ?? { whatsapp: null, email: null });
  return {
    hasWhatsapp: !!u?.whatsapp,
    hasEmail: !!u?.email,
    quietStart: prefs.quietStart,
    quietEnd: prefs.quietEnd,
    events: Object.fromEntries(NOTICE_KINDS.map((k) => [k, prefs.events[k] ?? def])) as Record<NoticeKind, NoticeChannel[]>,
  };
}

export interface UserNotice {
  kind: NoticeKind;
  /** One sentence without confidential content (no hal unless sifat Biasa). */
  text: string;
  /** Path in the web app, e.g. /surat-masuk/<id>. */
  path: string;
}

/** Queue the notice for each user by the channels he chose (inside the caller's transaction). */
export async function notifyUsers(ctx: AppContext, tx: Tx, userIds: string[], notice: UserNotice): Promise<number> {
  const ids = [...new Set(userIds)];
  if (!ids.length) return 0;
  const rows = await tx.db.select({ id: users.id, whatsapp: users.whatsapp, email: users.email }).from(users).where(inArray(users.id, ids));
  const prefs = await tx.db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, ids));
  const byUser = new Map(prefs.map((p) => [p.userId, p.preferences]));
  const link = `${ctx.config.publicUrl.replace(/\/$/, '')}${notice.path}`;
  const now = ctx.now();
  let queued = 0;
  for (const u of rows) {
    const p = byUser.get(u.id) ?? EMPTY_PREFERENCES;
    const channels = p.events[notice.kind] ?? defaultChannels(u);
    const sendAfter = quietUntil(now, ctx.config.timeZone, p.quietStart, p.quietEnd) ?? undefined;
    // A wrong number or address in the org data must not undo the change being notified:
    // both are checked before anything is written, so skipping is safe inside the transaction.
    const attempt = async (send: () => Promise<unknown>) => {
      try {
        await send();
        queued++;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        ctx.log.warn({ userId: u.id, code: err.code, kind: notice.kind }, 'notice skipped: contact invalid');
      }
    };
    if (channels.includes('whatsapp') && u.whatsapp) {
      await attempt(() => queueWhatsApp(ctx, tx, { to: u.whatsapp!, template: 'naskah_pemberitahuan', params: [notice.text, link], purpose: notice.kind, userId: u.id, ...(sendAfter ? { sendAfter } : {}) }));
    }
    if (channels.includes('email') && u.email) {
      await attempt(() => queueEmail(ctx, tx, { to: u.email!, subject: `Naskah: ${notice.text}`.slice(0, 200), text: `${notice.text}.\n\nBuka Naskah untuk melihatnya: ${link}\n`, purpose: notice.kind, userId: u.id, ...(sendAfter ? { sendAfter } : {}) }));
    }
  }
  return queued;
}
