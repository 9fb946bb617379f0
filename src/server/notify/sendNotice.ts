// Queue a WhatsApp or e-mail notice inside the caller's transaction, and the job that
// delivers it: rate-limited, retried on transient failures (5xx, timeouts, throttling), each
// attempt written to the message's delivery log. Content is sealed with the instance key.
import { z } from 'zod';
import { defineJob } from '../jobs.js';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { open, seal } from '../crypto/kek.js';
import { uuidv7 } from '../db/ids.js';
import type { Tx } from '../db/tx.js';
import { AppError } from '../errors.js';
import { createMailer } from '../mail/mailer.js';
import { normaliseWhatsapp } from '../../shared/identity.js';
import { createWhatsAppGateway } from './createGateway.js';
import { RateLimiter } from './rateLimiter.js';
import { notificationMessages, type DeliveryLogEntry } from './schema.js';
import { placeholderCount, renderTemplate, whatsAppTemplate } from './templates.js';
import { GatewayError, type WhatsAppGateway } from './whatsAppGateway.js';

export const NOTICE_RETRY_LIMIT = 5;
/** Delivers one notice; retried with back-off (20 s, 40 s, 80 s …) on 5xx, time-outs and 429. */
export const NOTICE_JOB = defineJob('notify.deliver', z.object({ messageId: z.string().min(1) }), { retryLimit: NOTICE_RETRY_LIMIT, retryDelaySeconds: 20, expireInSeconds: 120, concurrency: 2 });

interface Payload {
  params?: string[];
  text: string;
  subject?: string;
}

const sealContext = (id: string) => `notification:${id}`;

export interface WhatsAppNoticeInput {
  /** Any usual spelling (0812-…, +62 812 …); normalised to 62…. */
  to: string;
  template: string;
  params: string[];
  purpose: string;
  userId?: string | null;
  /** Not before this instant (quiet hours). One-time codes pass nothing. */
  sendAfter?: Date | null;
}

/** Queue a WhatsApp template message. Throws WHATSAPP_NUMBER_INVALID for a number that is not an Indonesian mobile. */
export async function queueWhatsApp(ctx: AppContext, tx: Tx, input: WhatsAppNoticeInput): Promise<{ messageId: string; to: string }> {
  const n = normaliseWhatsapp(input.to);
  if (!n.ok) throw new AppError('WHATSAPP_NUMBER_INVALID', { fields: [{ path: 'whatsapp', message: n.reason }] });
  const t = whatsAppTemplate(input.template);
  if (input.params.length < placeholderCount(t.body)) throw new AppError('WHATSAPP_TEMPLATE_PARAMS', { template: t.name });
  const id = uuidv7();
  const payload: Payload = { params: input.params, text: renderTemplate(t.body, input.params) };
  await tx.db.insert(notificationMessages).values({
    id,
    channel: 'whatsapp',
    purpose: input.purpose,
    userId: input.userId ?? null,
    recipient: n.number,
    template: t.name,
    payloadSealed: seal(ctx.kek, JSON.stringify(payload), sealContext(id)),
    sendAfter: input.sendAfter ?? null,
    createdAt: ctx.now(),
  });
  await ctx.jobs.send(tx, NOTICE_JOB, { messageId: id }, input.sendAfter ? { startAfter: input.sendAfter } : {});
  return { messageId: id, to: n.number };
}

export interface EmailNoticeInput {
  to: string;
  subject: string;
  text: string;
  purpose: string;
  userId?: string | null;
  sendAfter?: Date | null;
}

export async function queueEmail(ctx: AppContext, tx: Tx, input: EmailNoticeInput): Promise<{ messageId: string }> {
  const to = input.to.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(to)) throw new AppError('EMAIL_ADDRESS_INVALID', { fields: [{ path: 'email', message: 'Alamat e-mail tidak valid' }] });
  const id = uuidv7();
  const payload: Payload = { text: input.text, subject: input.subject };
  await tx.db.insert(notificationMessages).values({
    id,
    channel: 'email',
    purpose: input.purpose,
    userId: input.userId ?? null,
    recipient: to,
    payloadSealed: seal(ctx.kek, JSON.stringify(payload), sealContext(id)),
    sendAfter: input.sendAfter ?? null,
    createdAt: ctx.now(),
  });
  await ctx.jobs.send(tx, NOTICE_JOB, { messageId: id }, input.sendAfter ? { startAfter: input.sendAfter } : {});
  return { messageId: id };
}

const gateways = new WeakMap<AppContext, { gateway: WhatsAppGateway | null; limiter: RateLimiter }>();

function gatewayOf(ctx: AppContext) {
  let g = gateways.get(ctx);
  if (!g) {
    g = { gateway: createWhatsAppGateway(ctx.config.whatsapp), limiter: new RateLimiter(ctx.config.whatsapp.ratePerMinute) };
    gateways.set(ctx, g);
  }
  return g;
}

class NotConfigured extends Error {}

export async function deliverNoticeJob(ctx: AppContext, data: { messageId: string }, meta: { retryCount: number }): Promise<void> {
  const { db } = ctx.database;
  const [m] = await db.select().from(notificationMessages).where(eq(notificationMessages.id, data.messageId));
  if (!m || m.status !== 'queued') return;
  const payload = JSON.parse(open(ctx.kek, m.payloadSealed, sealContext(m.id)).toString('utf8')) as Payload;
  const log = (e: Omit<DeliveryLogEntry, 'at'>): DeliveryLogEntry[] => [...m.log, { at: ctx.now().toISOString(), ...e }];
  let provider: string | null = null;
  try {
    let providerMessageId: string;
    if (m.channel === 'whatsapp') {
      const { gateway, limiter } = gatewayOf(ctx);
      if (!gateway) throw new NotConfigured('WhatsApp gateway not configured (WHATSAPP=none)');
      provider = gateway.provider;
      await limiter.take();
      ({ providerMessageId } = await gateway.send({
        to: m.recipient,
        template: { name: m.template!, language: ctx.config.whatsapp.templateLanguage, params: payload.params ?? [] },
        text: payload.text,
      }));
    } else {
      const mailer = createMailer(ctx.config.mail);
      if (!mailer) throw new NotConfigured('SMTP not configured');
      provider = 'smtp';
      ({ messageId: providerMessageId } = await mailer.send({ to: m.recipient, subject: payload.subject ?? 'Naskah', text: payload.text }));
    }
    await db
      .update(notificationMessages)
      .set({ status: 'sent', provider, providerMessageId, attempts: m.attempts + 1, sentAt: ctx.now(), lastError: null, log: log({ outcome: 'sent', detail: providerMessageId }) })
      .where(eq(notificationMessages.id, m.id));
  } catch (e) {
    let kind: string;
    let transient: boolean;
    let httpStatus: number | null = null;
    if (e instanceof GatewayError) {
      kind = e.kind;
      transient = e.transient;
      httpStatus = e.httpStatus;
    } else if (e instanceof NotConfigured) {
      kind = 'not_configured';
      transient = false;
    } else {
      // SMTP and other network errors: worth another try.
      kind = 'unavailable';
      transient = true;
    }
    const willRetry = transient && meta.retryCount < NOTICE_RETRY_LIMIT;
    const detail = `${kind}: ${(e as Error).message}`.slice(0, 500);
    await db
      .update(notificationMessages)
      .set({ status: willRetry ? 'queued' : 'failed', provider, attempts: m.attempts + 1, lastError: detail, log: log({ outcome: willRetry ? 'retry' : 'failed', detail, httpStatus }) })
      .where(eq(notificationMessages.id, m.id));
    ctx.log.warn({ messageId: m.id, channel: m.channel, kind, willRetry }, 'notice not delivered');
    if (willRetry) throw e;
  }
}

/** Replace the WhatsApp gateway of one context (another provider, or a test's fake at a URL). */
export function useWhatsAppGateway(ctx: AppContext, gateway: WhatsAppGateway | null): void {
  gateways.set(ctx, { gateway, limiter: new RateLimiter(ctx.config.whatsapp.ratePerMinute) });
}
