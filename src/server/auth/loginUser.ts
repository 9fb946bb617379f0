// Password (+ TOTP) login with lockout after repeated failures.
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { open } from '../crypto/kek.js';
import { recordAudit } from '../audit/recordAudit.js';
import { inTransaction } from '../db/tx.js';
import { AppError } from '../errors.js';
import { users } from '../org/schema.js';
import { loadGrants } from './actor.js';
import { isMfaRequired } from './mfaPolicy.js';
import { verifyPassword } from './password.js';
import { useRecoveryCode } from './recoveryCodes.js';
import { createSession, type NewSession } from './sessions.js';
import { verifyTotp } from './totp.js';

export interface LoginInput {
  username: string;
  password: string;
  totp?: string | undefined;
  recoveryCode?: string | undefined;
}

export interface LoginMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface LoginResult {
  session: NewSession;
  userId: string;
  mustChangePassword: boolean;
  mfaEnrolmentRequired: boolean;
}

export const totpContext = (userId: string) => `users.totp:${userId}`;

function lockDetails(until: Date, reason: string | null) {
  return { lockedUntil: until.toISOString(), reason: reason ?? 'Terlalu banyak percobaan masuk yang gagal.' };
}

export async function loginUser(ctx: AppContext, input: LoginInput, meta: LoginMeta): Promise<LoginResult> {
  const { db } = ctx.database;
  const now = ctx.now();
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = lower(${input.username.trim()})`)
    .limit(1);

  if (!user) {
    await verifyPassword(input.password, null); // same time as a real check
    await recordAudit(db, { actorUserId: null, action: 'auth.login_failed', entityType: 'user', data: { username: input.username.slice(0, 100), reason: 'unknown_user' }, ip: meta.ip });
    throw new AppError('LOGIN_FAILED');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    throw new AppError('ACCOUNT_LOCKED', lockDetails(user.lockedUntil, user.lockReason));
  }

  const passwordOk = await verifyPassword(input.password, user.passwordHash);
  if (!passwordOk) throw await registerFailure(ctx, user.id, 'password', meta);
  if (user.status !== 'active') throw new AppError('ACCOUNT_INACTIVE');

  // Second factor, when the user has enrolled one.
  let totpStepUsed: number | null = null;
  let recoveryUsed = false;
  if (user.totpEnabledAt && user.totpSecretEnc) {
    if (input.recoveryCode) {
      recoveryUsed = await useRecoveryCode(db, user.id, input.recoveryCode, now);
      if (!recoveryUsed) throw await registerFailure(ctx, user.id, 'recovery_code', meta, 'TOTP_INVALID');
    } else if (!input.totp) {
      throw new AppError('TOTP_REQUIRED');
    } else {
      const secret = open(ctx.kek, user.totpSecretEnc, totpContext(user.id)).toString('utf8');
      totpStepUsed = verifyTotp(secret, input.totp, now, user.totpLastStep);
      if (totpStepUsed === null) throw await registerFailure(ctx, user.id, 'totp', meta, 'TOTP_INVALID');
    }
  }

  const grants = await loadGrants(db, user.id);
  const mfaRequired = await isMfaRequired(db, grants);
  const mfaEnrolled = Boolean(user.totpEnabledAt);

  return inTransaction(ctx.database, async (tx) => {
    await tx.db
      .update(users)
      .set({
        failedLogins: 0,
        firstFailedAt: null,
        lockedUntil: null,
        lockReason: null,
        lastLoginAt: now,
        ...(totpStepUsed !== null ? { totpLastStep: totpStepUsed } : {}),
      })
      .where(eq(users.id, user.id));
    const session = await createSession(ctx, tx.db, {
      userId: user.id,
      mfaSatisfied: mfaEnrolled || !mfaRequired,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    await recordAudit(tx.db, {
      actorUserId: user.id,
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      data: { secondFactor: totpStepUsed !== null ? 'totp' : recoveryUsed ? 'recovery_code' : 'none', sessionId: session.id },
      ip: meta.ip,
    });
    return {
      session,
      userId: user.id,
      mustChangePassword: user.mustChangePassword,
      mfaEnrolmentRequired: mfaRequired && !mfaEnrolled,
    };
  });
}

/**
 * Count a failed attempt atomically; lock the account once the limit is reached within the
 * window. Returns the error to throw (the lock error when this attempt caused the lock).
 */
async function registerFailure(
  ctx: AppContext,
  userId: string,
  factor: 'password' | 'totp' | 'recovery_code',
  meta: LoginMeta,
  code: 'LOGIN_FAILED' | 'TOTP_INVALID' = 'LOGIN_FAILED',
): Promise<AppError> {
  const { maxFailures, failureWindowMinutes, lockMinutes } = ctx.config.login;
  const now = ctx.now();
  const windowStart = new Date(now.getTime() - failureWindowMinutes * 60_000);
  const lockUntil = new Date(now.getTime() + lockMinutes * 60_000);
  const reason = `${maxFailures} kali gagal masuk dalam ${failureWindowMinutes} menit. Akun terkunci sampai pukul ${lockUntil.toLocaleTimeString('id-ID', { timeZone: ctx.config.timeZone, hour: '2-digit', minute: '2-digit' })}.`;
  return inTransaction(ctx.database, async (tx) => {
    // One statement: restart the count when the first failure is outside the window.
    const res = await tx.client.query<{ failed_logins: number; locked_until: Date | null }>(
      `update users set
         failed_logins = case when first_failed_at is null or first_failed_at < $2 then 1 else failed_logins + 1 end,
         first_failed_at = case when first_failed_at is null or first_failed_at < $2 then $3 else first_failed_at end
       where id = $1
       returning failed_logins, locked_until`,
      [userId, windowStart, now],
    );
    const failures = res.rows[0]?.failed_logins ?? 0;
    let locked = false;
    if (failures >= maxFailures) {
      await tx.db.update(users).set({ lockedUntil: lockUntil, lockReason: reason, failedLogins: 0, firstFailedAt: null }).where(eq(users.id, userId));
      locked = true;
    }
    await recordAudit(tx.db, {
      actorUserId: null,
      action: locked ? 'auth.account_locked' : 'auth.login_failed',
      entityType: 'user',
      entityId: userId,
      data: { factor, failures },
      ip: meta.ip,
    });
    if (locked) return new AppError('ACCOUNT_LOCKED', lockDetails(lockUntil, reason));
    return new AppError(code, { remainingAttempts: Math.max(0, maxFailures - failures) });
  });
}
