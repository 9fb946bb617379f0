// Wrong-passphrase lockout: after `passphraseMaxFailures` wrong entries within
// `passphraseWindowMinutes`, signing is locked for that user for one window. Each failure and
// the lock are audit events. The passphrase itself never reaches this module.
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { AppError } from '../errors.js';
import { signingPassphraseGuards } from './schema.js';
import './errors.js';

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

/** Throws PASSPHRASE_LOCKED while the user is locked. */
export async function assertNotLocked(ctx: AppContext, userId: string): Promise<void> {
  const [row] = await ctx.database.db.select().from(signingPassphraseGuards).where(eq(signingPassphraseGuards.userId, userId));
  if (row?.lockedUntil && row.lockedUntil > ctx.now()) throw lockedError(row.lockedUntil);
}

export interface FailureOutcome {
  locked: boolean;
  lockedUntil: Date | null;
  remaining: number;
}

/** Counts a wrong passphrase (own transaction: it must persist although the call fails). */
export async function recordPassphraseFailure(ctx: AppContext, userId: string, ip: string | null, via: string): Promise<FailureOutcome> {
  const { passphraseMaxFailures: max, passphraseWindowMinutes: minutes } = ctx.config.signature;
  const now = ctx.now();
  const windowMs = minutes * 60_000;
  return inTransaction(ctx.database, async (tx) => {
    await tx.db.insert(signingPassphraseGuards).values({ userId, failures: 0 }).onConflictDoNothing();
    const [row] = await tx.db.select().from(signingPassphraseGuards).where(eq(signingPassphraseGuards.userId, userId)).for('update');
    const inWindow = row?.firstFailedAt && now.getTime() - row.firstFailedAt.getTime() < windowMs;
    const failures = (inWindow ? row!.failures : 0) + 1;
    const firstFailedAt = inWindow ? row!.firstFailedAt! : now;
    const locked = failures >= max;
    const lockedUntil = locked ? new Date(now.getTime() + windowMs) : null;
    await tx.db
      .update(signingPassphraseGuards)
      .set({ failures: locked ? 0 : failures, firstFailedAt: locked ? null : firstFailedAt, lockedUntil, updatedAt: now })
      .where(eq(signingPassphraseGuards.userId, userId));
    await recordAudit(tx.db, { actorUserId: userId, action: 'signature.passphrase_failed', entityType: 'user', entityId: userId, data: { failures, via }, ip });
    if (locked) {
      await recordAudit(tx.db, { actorUserId: userId, action: 'signature.passphrase_locked', entityType: 'user', entityId: userId, data: { failures, lockedUntil: lockedUntil!.toISOString(), windowMinutes: minutes }, ip });
    }
    return { locked, lockedUntil, remaining: Math.max(0, max - failures) };
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
