// HTTP: the signed-in user's notice preferences (Profil): per kind WhatsApp / e-mail / none, and
// quiet hours.
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/authHook.js';
import { recordAudit } from '../audit/recordAudit.js';
import { inTransaction } from '../db/tx.js';
import { errorResponses, type App } from '../http/types.js';
import { NOTICE_CHANNELS } from './schema.js';
import { effectivePreferences, NOTICE_KINDS, setNoticePreferences } from './userNotices.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Format jam HH:MM');
const Channels = z.array(z.enum(NOTICE_CHANNELS));
const Events = z.object(Object.fromEntries(NOTICE_KINDS.map((k) => [k, Channels])) as Record<(typeof NOTICE_KINDS)[number], typeof Channels>);
const Prefs = z.object({ hasWhatsapp: z.boolean(), hasEmail: z.boolean(), quietStart: z.string().nullable(), quietEnd: z.string().nullable(), events: Events }).meta({ id: 'NoticePreferences' });

export async function notifyRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/me/notification-preferences',
    { schema: { tags: ['profil'], summary: 'Pemberitahuan: saluran (WhatsApp/e-mail/tidak) per jenis, dan jam tenang', response: { 200: Prefs, ...errorResponses } } },
    async (req) => effectivePreferences(ctx.database.db, actorOf(req).userId),
  );
  app.put(
    '/me/notification-preferences',
    {
      schema: {
        tags: ['profil'],
        summary: 'Simpan pilihan pemberitahuan',
        body: z.object({ events: Events.partial(), quietStart: hhmm.nullish(), quietEnd: hhmm.nullish() }),
        response: { 200: Prefs, ...errorResponses },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const userId = actor.userId;
      await inTransaction(ctx.database, async (tx) => {
        const saved = await setNoticePreferences(tx.db, userId, { events: req.body.events, quietStart: req.body.quietStart ?? null, quietEnd: req.body.quietEnd ?? null }, ctx.now());
        await recordAudit(tx.db, { at: ctx.now(), actorUserId: userId, action: 'notify.preferences_updated', entityType: 'user', entityId: userId, data: { kinds: Object.keys(saved.events), quietStart: saved.quietStart, quietEnd: saved.quietEnd }, ip: actor.ip });
      });
      return effectivePreferences(ctx.database.db, userId);
    },
  );
}
