// Wrong-passphrase lockout: after `passphraseMaxFailures` wrong entries within
// `passphraseWindowMinutes`, signing is locked for that user for one window. Each failure and
// the lock are audit events. The passphrase itself never reaches this module.
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { AppError } from '../errors.js';
import { signingPassphraseGuards } from './schema.js';

export function lockedError(until: Date): AppError {
  const t = until.toISOString();
  return new AppError(
    'PASSPHRASE_LOCKED',
    { lockedUntil: t },
    {
      id: `Penandatanganan dikunci sementara karena passphrase salah berulang kali. Coba lagi setelah ${formatWib(until)}.`,
      en: `Signing is locked after repeated wrong passphrases. Try again after ${t}.`,
    },
  );
}

function formatWib(d: Date): string {
  return `${new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'medium', timeStyle: 'short' }).format(d)} WIB`;
}

export interface FailureOutcome {
  locked: boolean;
  lockedUntil: Date | null;
  remaining: number;
}

/**
 * Reserve one passphrase attempt before the passphrase is evaluated. One statement counts it
 * (pessimistically, as a failure until it succeeds) unless signing is locked or the limit is
 * used up by attempts still in flight; then PASSPHRASE_LOCKED is thrown and nothing is
 * evaluated. A burst of concurrent wrong passphrases thus evaluates at most the limit.
 * Every reservation ends in exactly one of recordPassphraseSuccess, recordPassphraseFailure or
 * releasePassphraseAttempt.
 */
export async function reservePassphraseAttempt(ctx: AppContext, userId: string): Promise<void> {
  const { passphraseMaxFailures: max, passphraseWindowMinutes: minutes } = ctx.config.signature;
  const now = ctx.now();
  const windowStart = new Date(now.getTime() - minutes * 60_000);
  const res = await ctx.database.pool.query(
    `insert into signing_passphrase_guards as g (user_id, failures, first_failed_at, updated_at) values ($1, 1, $3, $3)
     on conflict (user_id) do update set
       failures = case when g.first_failed_at is null or g.first_failed_at < $2 then 1 else g.failures + 1 end,
       first_failed_at = case when g.first_failed_at is null or g.first_failed_at < $2 then $3 else g.first_failed_at end,
       updated_at = $3
     where (g.locked_until is null or g.locked_until <= $3)
       and (g.first_failed_at is null or g.first_failed_at < $2 or g.failures < $4)
     returning failures`,
    [userId, windowStart, now, max],
  );
  if (res.rowCount === 1) return;
  const row = await getGuard(ctx, userId);
  if (row?.lockedUntil && row.lockedUntil > now) throw lockedError(row.lockedUntil);
  // The limit is taken by attempts still running: refused like a lock until the window ends.
  throw lockedError(new Date((row?.firstFailedAt ?? now).getTime() + minutes * 60_000));
}

/** A reserved attempt ended without evaluating the passphrase (another error): give it back. */
export async function releasePassphraseAttempt(ctx: AppContext, userId: string): Promise<void> {
  await ctx.database.pool.query(`update signing_passphrase_guards set failures = greatest(failures - 1, 0) where user_id = $1 and failures > 0`, [userId]);
}

/**
 * The reserved attempt had a wrong passphrase (it is already counted). Locks once the count
 * reached the limit; a failure finishing after the lock never shortens or clears it. Own
 * transaction: it must persist although the call fails.
 */
export async function recordPassphraseFailure(ctx: AppContext, userId: string, ip: string | null, via: string): Promise<FailureOutcome> {
  const { passphraseMaxFailures: max, passphraseWindowMinutes: minutes } = ctx.config.signature;
  const now = ctx.now();
  const windowMs = minutes * 60_000;
  return inTransaction(ctx.database, async (tx) => {
    const [row] = await tx.db.select().from(signingPassphraseGuards).where(eq(signingPassphraseGuards.userId, userId)).for('update');
    const failures = row?.failures ?? max;
    const alreadyLocked = row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
    const locks = !alreadyLocked && failures >= max;
    const lockedUntil = alreadyLocked ?? (locks ? new Date(now.getTime() + windowMs) : null);
    if (locks) {
      await tx.db.update(signingPassphraseGuards).set({ failures: 0, firstFailedAt: null, lockedUntil, updatedAt: now }).where(eq(signingPassphraseGuards.userId, userId));
    }
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: userId, action: 'signature.passphrase_failed', entityType: 'user', entityId: userId, data: { failures, via }, ip });
    if (locks) {
      await recordAudit(tx.db, { at: ctx.now(), actorUserId: userId, action: 'signature.passphrase_locked', entityType: 'user', entityId: userId, data: { failures, lockedUntil: lockedUntil!.toISOString(), windowMinutes: minutes }, ip });
    }
    return { locked: Boolean(lockedUntil), lockedUntil, remaining: lockedUntil ? 0 : Math.max(0, max - failures) };
  });
}

export async function recordPassphraseSuccess(ctx: AppContext, userId: string): Promise<void> {
  await ctx.database.db
    .update(signingPassphraseGuards)
    .set({ failures: 0, firstFailedAt: null, updatedAt: ctx.now() })
    .where(sql`${signingPassphraseGuards.userId} = ${userId} and ${signingPassphraseGuards.failures} > 0`);
}

export function wrongPassphraseError(outcome: FailureOutcome): AppError {
  if (outcome.locked && outcome.lockedUntil) return lockedError(outcome.lockedUntil);
  return new AppError(
    'PASSPHRASE_WRONG',
    { remainingAttempts: outcome.remaining },
    {
      id: `Passphrase TTE salah. Sisa percobaan: ${outcome.remaining} kali sebelum penandatanganan dikunci sementara.`,
      en: `Wrong signing passphrase. ${outcome.remaining} attempt(s) left before signing is locked.`,
    },
  );
}

export async function getGuard(ctx: AppContext, userId: string) {
  const [row] = await ctx.database.db.select().from(signingPassphraseGuards).where(eq(signingPassphraseGuards.userId, userId));
  return row ?? null;
}
