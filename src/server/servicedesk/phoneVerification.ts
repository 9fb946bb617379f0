// Proving a WhatsApp number: a 6-digit code sent to it (job, after commit), valid 10 minutes,
// 5 attempts; at most 5 codes per person per hour.
import { and, count, desc, eq, gte } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { AppError } from '../errors.js';
import { normaliseWhatsapp } from '../../shared/identity.js';
import { hashSecret, sameHash, sixDigitCode } from './codes.js';
import { maskWhatsapp } from './access.js';
import { msg, sendNotice } from './messages.js';
import { phoneVerifications } from './schema.js';
import { requireWhatsApp } from './deps.js';

const CODE_TTL_MS = 10 * 60_000;
const MAX_ATTEMPTS = 5;
const MAX_PER_HOUR = 5;

export function parseWhatsapp(raw: string): string {
  const r = normaliseWhatsapp(raw);
  if (!r.ok) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.whatsapp', message: r.reason }] }, { id: r.reason });
  return r.number;
}

export async function requestPhoneCode(ctx: AppContext, actor: Actor, rawNumber: string) {
  const whatsapp = parseWhatsapp(rawNumber);
  requireWhatsApp(ctx);
  const now = ctx.now();
  return inTransaction(ctx.database, async (tx) => {
    const [recent] = await tx.db
      .select({ n: count() })
      .from(phoneVerifications)
      .where(and(eq(phoneVerifications.userId, actor.userId), eq(phoneVerifications.purpose, 'request'), gte(phoneVerifications.createdAt, new Date(now.getTime() - 3600_000))));
    if ((recent?.n ?? 0) >= MAX_PER_HOUR) throw new AppError('PHONE_CODE_TOO_MANY');
    const code = sixDigitCode();
    const [row] = await tx.db
      .insert(phoneVerifications)
      .values({ userId: actor.userId, purpose: 'request', whatsapp, codeHash: 'pending', expiresAt: new Date(now.getTime() + CODE_TTL_MS), createdAt: now })
      .returning();
    await tx.db.update(phoneVerifications).set({ codeHash: hashSecret('phone', row!.id, code) }).where(eq(phoneVerifications.id, row!.id));
    await sendNotice(ctx, tx, whatsapp, msg.code(code), 'phone_code', actor.userId);
    await recordAudit(tx.db, { at: now, actorUserId: actor.userId, action: 'servicedesk.phone_code_requested', entityType: 'phone_verification', entityId: row!.id, data: { whatsapp: maskWhatsapp(whatsapp) }, ip: actor.ip });
    return { id: row!.id, whatsappMasked: maskWhatsapp(whatsapp), expiresAt: row!.expiresAt };
  });
}

/** Checks a code against a verification row (locked); marks it verified. */
export async function checkCode(ctx: AppContext, tx: import('../db/tx.js').Tx, id: string, code: string): Promise<typeof phoneVerifications.$inferSelect> {
  const [row] = await tx.db.select().from(phoneVerifications).where(eq(phoneVerifications.id, id)).for('update');
  if (!row) throw new AppError('PHONE_CODE_INVALID');
  if (row.attempts >= MAX_ATTEMPTS) throw new AppError('PHONE_CODE_ATTEMPTS');
  if (row.expiresAt.getTime() < ctx.now().getTime() || !sameHash(row.codeHash, hashSecret('phone', row.id, code.trim()))) {
    await tx.db.update(phoneVerifications).set({ attempts: row.attempts + 1 }).where(eq(phoneVerifications.id, id));
    return Promise.reject(Object.assign(new AppError('PHONE_CODE_INVALID', { attemptsLeft: Math.max(0, MAX_ATTEMPTS - row.attempts - 1) }), { commit: true }));
  }
  const [done] = await tx.db.update(phoneVerifications).set({ verifiedAt: row.verifiedAt ?? ctx.now(), attempts: row.attempts + 1 }).where(eq(phoneVerifications.id, id)).returning();
  return done!;
}

/** Runs fn in a transaction; a wrong code still records the attempt (the error is thrown after commit). */
export async function withAttemptCommitted<T>(ctx: AppContext, fn: (tx: import('../db/tx.js').Tx) => Promise<T>): Promise<T> {
  let deferred: unknown = null;
  const result = await inTransaction(ctx.database, async (tx) => {
    try {
      return await fn(tx);
    } catch (e) {
      if ((e as { commit?: boolean }).commit) {
        deferred = e;
        return null as T;
      }
      throw e;
    }
  });
  if (deferred) throw deferred;
  return result;
}

export async function confirmPhoneCode(ctx: AppContext, actor: Actor, id: string, code: string) {
  return withAttemptCommitted(ctx, async (tx) => {
    const [own] = await tx.db.select({ userId: phoneVerifications.userId }).from(phoneVerifications).where(eq(phoneVerifications.id, id));
    if (!own || own.userId !== actor.userId) throw new AppError('PHONE_CODE_INVALID');
    const row = await checkCode(ctx, tx, id, code);
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'servicedesk.phone_verified', entityType: 'phone_verification', entityId: row.id, data: { whatsapp: maskWhatsapp(row.whatsapp) }, ip: actor.ip });
    return { id: row.id, verified: true, whatsappMasked: maskWhatsapp(row.whatsapp) };
  });
}

export async function latestVerification(ctx: AppContext, userId: string) {
  const [row] = await ctx.database.db.select().from(phoneVerifications).where(eq(phoneVerifications.userId, userId)).orderBy(desc(phoneVerifications.createdAt)).limit(1);
  return row ?? null;
}
