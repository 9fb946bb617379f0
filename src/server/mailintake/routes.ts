// HTTP API of e-mail intake: the unit's official mailbox settings and state, "check now", and
// the log of messages read from it (for the records officer of the unit, or the administrator).
import { desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { isSystemAdmin } from '../auth/actor.js';
import { actorOf } from '../http/authHook.js';
import { errorResponses, VersionField, type App } from '../http/types.js';
import { units } from '../org/schema.js';
import { checkMailboxNow, configureMailbox, unitForMailbox } from './configureMailbox.js';
import { mailboxStateMessage } from './messages.js';
import { INTAKE_MESSAGE_STATES, MAILBOX_STATES, mailIntakeAccounts, mailIntakeMessages } from './schema.js';

const MailboxSchema = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    host: z.string(),
    port: z.number().int(),
    tls: z.boolean(),
    username: z.string(),
    mailbox: z.string(),
    enabled: z.boolean(),
    state: z.enum(MAILBOX_STATES),
    stateMessage: z.string().describe('Keadaan kotak surat untuk petugas'),
    lastCheckedAt: z.date().nullable(),
    lastSuccessAt: z.date().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'IntakeMailbox' });

const MessageSchema = z
  .object({
    id: z.string(),
    fromAddress: z.string().nullable(),
    fromName: z.string().nullable(),
    subject: z.string().nullable(),
    body: z.string().nullable(),
    sentAt: z.date().nullable(),
    state: z.enum(INTAKE_MESSAGE_STATES),
    reason: z.string().nullable(),
    attachments: z.array(z.object({ name: z.string(), kind: z.string(), size: z.number() })),
    skipped: z.array(z.object({ name: z.string(), kind: z.string(), size: z.number(), why: z.string() })),
    registrationId: z.string().nullable(),
    createdAt: z.date(),
  })
  .meta({ id: 'IntakeMessage' });

const MailboxInput = z.object({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  tls: z.boolean(),
  username: z.string().min(1).max(255),
  password: z.string().min(1).max(500).nullable().optional().describe('Kosongkan untuk tetap memakai kata sandi tersimpan'),
  mailbox: z.string().max(255).optional(),
  enabled: z.boolean(),
  version: VersionField.optional(),
});

export async function mailIntakeRoutes(app: App, ctx: AppContext): Promise<void> {
  const view = (a: typeof mailIntakeAccounts.$inferSelect, unitName: string, lang: 'id' | 'en') => ({
    unitId: a.unitId,
    unitName,
    host: a.host,
    port: a.port,
    tls: a.tls,
    username: a.username,
    mailbox: a.mailbox,
    enabled: a.enabled,
    state: a.state,
    stateMessage: mailboxStateMessage(a.state, lang),
    lastCheckedAt: a.lastCheckedAt,
    lastSuccessAt: a.lastSuccessAt,
    version: a.version,
  });

  app.get(
    '/mail-intake/mailboxes',
    { schema: { tags: ['mail-intake'], summary: 'Kotak surat resmi unit yang dibaca untuk surat masuk', response: { 200: z.object({ items: z.array(MailboxSchema) }), ...errorResponses } } },
    async (req) => {
      const actor = actorOf(req);
      const rows = await ctx.database.db.select({ a: mailIntakeAccounts, path: units.path, name: units.name }).from(mailIntakeAccounts).innerJoin(units, eq(units.id, mailIntakeAccounts.unitId));
      const visible = rows.filter((r) => isSystemAdmin(actor) || actor.grants.some((g) => g.role === 'records_officer' && (g.unitPath === null || r.path.startsWith(g.unitPath))));
      return { items: visible.map((r) => view(r.a, r.name, req.lang)) };
    },
  );

  app.put(
    '/mail-intake/mailboxes/:unitId',
    { schema: { tags: ['mail-intake'], summary: 'Atur kotak surat resmi unit (IMAP)', params: z.object({ unitId: z.string().uuid() }), body: MailboxInput, response: { 200: MailboxSchema, ...errorResponses } } },
    async (req) => {
      const actor = actorOf(req);
      const u = await unitForMailbox(ctx.database.db, actor, req.params.unitId);
      const row = await configureMailbox(ctx, actor, req.params.unitId, req.body);
      return view(row, u.name, req.lang);
    },
  );

  app.post(
    '/mail-intake/mailboxes/:unitId/check',
    { schema: { tags: ['mail-intake'], summary: 'Periksa kotak surat sekarang', params: z.object({ unitId: z.string().uuid() }), response: { 202: z.object({ queued: z.literal(true) }), ...errorResponses } } },
    async (req, reply) => {
      await checkMailboxNow(ctx, actorOf(req), req.params.unitId);
      return reply.code(202).send({ queued: true as const });
    },
  );

  app.get(
    '/mail-intake/mailboxes/:unitId/messages',
    {
      schema: {
        tags: ['mail-intake'],
        summary: 'E-mail yang dibaca dari kotak surat unit (terbaru dulu)',
        params: z.object({ unitId: z.string().uuid() }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(MessageSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      await unitForMailbox(ctx.database.db, actorOf(req), req.params.unitId);
      const accs = await ctx.database.db.select({ id: mailIntakeAccounts.id }).from(mailIntakeAccounts).where(eq(mailIntakeAccounts.unitId, req.params.unitId));
      if (!accs.length) return { items: [] };
      const rows = await ctx.database.db
        .select()
        .from(mailIntakeMessages)
        .where(inArray(mailIntakeMessages.accountId, accs.map((a) => a.id)))
        .orderBy(desc(mailIntakeMessages.createdAt))
        .limit(req.query.limit);
      return { items: rows.map(({ accountId: _a, unitId: _u, uidValidity: _v, uid: _uid, messageId: _m, ...r }) => r) };
    },
  );
}
