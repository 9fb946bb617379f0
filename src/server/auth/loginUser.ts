// Password (+ TOTP) login with lockout after repeated failures.
//
// Counting is atomic and pessimistic: before a password is evaluated, one conditional UPDATE
// reserves an attempt (counted as a failure until it succeeds) and refuses it when the account
// is locked or the limit is already used up by attempts still in flight. A burst of concurrent
// guesses therefore evaluates at most LOGIN_MAX_FAILURES passwords. A TOTP code is consumed by a
// conditional UPDATE of the last used step, so one code opens one session however many logins
// race with it.
//
// Unknown users, wrong passwords and locked accounts get the same status and body
// (LOGIN_FAILED, no attempt count): the answer does not tell whether an account exists or is
// locked. Admins see the lock and its reason in the user list.
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
import { sessions } from './schema.js';
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
  /** The session was opened with a second factor. */
  mfaSatisfied: boolean;
}

export const totpContext = (userId: string) => `users.totp:${userId}`;

/** The one answer for an unknown user, a wrong password and a locked account. */
function loginFailed(): AppError {
  return new AppError('LOGIN_FAILED');
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
    await recordAudit(db, { at: ctx.now(), actorUserId: null, action: 'auth.login_failed', entityType: 'user', data: { username: input.username.slice(0, 100), reason: 'unknown_user' }, ip: meta.ip });
    throw loginFailed();
  }

  if (!(await reserveAttempt(ctx, user.id))) {
    await verifyPassword(input.password, null); // a locked account answers in the same time, without evaluating the guess
    await recordAudit(db, { at: ctx.now(), actorUserId: null, action: 'auth.login_refused', entityType: 'user', entityId: user.id, data: { reason: 'locked' }, ip: meta.ip });
    throw loginFailed();
  }

  const passwordOk = await verifyPassword(input.password, user.passwordHash);
  if (!passwordOk) throw await registerFailure(ctx, user.id, 'password', meta);
  if (user.status !== 'active') {
    await releaseAttempt(ctx, user.id);
    throw new AppError('ACCOUNT_INACTIVE');
  }

  // Second factor, when the user has enrolled one.
  let totpStepUsed: number | null = null;
  let recoveryUsed = false;
  if (user.totpEnabledAt && user.totpSecretEnc) {
    if (input.recoveryCode) {
      recoveryUsed = await useRecoveryCode(db, user.id, input.recoveryCode, now);
      if (!recoveryUsed) throw await registerFailure(ctx, user.id, 'recovery_code', meta, 'TOTP_INVALID');
    } else if (!input.totp) {
      // The first step of a two-step login: not a failure.
      await releaseAttempt(ctx, user.id);
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

  let replayed = false;
  try {
    return await inTransaction(ctx.database, async (tx) => {
      if (totpStepUsed !== null) {
        // Consume the code: only one of several concurrent logins with it moves the step on.
        const consumed = await tx.client.query(`update users set totp_last_step = $2 where id = $1 and (totp_last_step is null or totp_last_step < $2) returning id`, [user.id, totpStepUsed]);
        if (consumed.rowCount !== 1) {
          replayed = true;
          throw new AppError('TOTP_INVALID');
        }
      }
      await tx.db
        .update(users)
        .set({ failedLogins: 0, firstFailedAt: null, lockedUntil: null, lockReason: null, lastLoginAt: now })
        .where(eq(users.id, user.id));
      const session = await createSession(ctx, tx.db, {
        userId: user.id,
        // Only a second factor satisfies 2FA; whether it is required is decided per request.
        mfaSatisfied: totpStepUsed !== null || recoveryUsed,
        ip: meta.ip,
        userAgent: meta.userAgent,
      });
      await recordAudit(tx.db, { at: ctx.now(),
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
        mfaSatisfied: totpStepUsed !== null || recoveryUsed,
      };
    });
  } catch (e) {
    if (replayed) throw await registerFailure(ctx, user.id, 'totp', meta, 'TOTP_INVALID');
    await releaseAttempt(ctx, user.id).catch(() => {});
    throw e;
  }
}

/**
 * Reserve one attempt: one statement counts it (restarting the count when the first failure
 * of the window is older than the window) unless the account is locked or the limit is used
 * up. False = refused without evaluating anything.
 */
async function reserveAttempt(ctx: AppContext, userId: string): Promise<boolean> {
  const { maxFailures, failureWindowMinutes } = ctx.config.login;
  const now = ctx.now();
  const windowStart = new Date(now.getTime() - failureWindowMinutes * 60_000);
  const res = await ctx.database.pool.query(
    `update users set
       failed_logins = case when first_failed_at is null or first_failed_at < $2 then 1 else failed_logins + 1 end,
       first_failed_at = case when first_failed_at is null or first_failed_at < $2 then $3 else first_failed_at end
     where id = $1
       and (locked_until is null or locked_until <= $3)
       and (first_failed_at is null or first_failed_at < $2 or failed_logins < $4)
     returning failed_logins`,
    [userId, windowStart, now, maxFailures],
  );
  return res.rowCount === 1;
}

/** Give a reserved attempt back: it ended without a wrong factor (TOTP asked for, inactive account). */
async function releaseAttempt(ctx: AppContext, userId: string): Promise<void> {
  await ctx.database.pool.query(`update users set failed_logins = greatest(failed_logins - 1, 0) where id = $1 and failed_logins > 0`, [userId]);
}

/**
 * The reserved attempt failed (it is already counted). Lock the account once the count has
 * reached the limit; a failure that finishes after the lock never shortens or clears it.
 */
async function registerFailure(
  ctx: AppContext,
  userId: string,
  factor: 'password' | 'totp' | 'recovery_code',
  meta: LoginMeta,
  code: 'LOGIN_FAILED' | 'TOTP_INVALID' | 'PASSWORD_WRONG' = 'LOGIN_FAILED',
): Promise<AppError> {
  const { maxFailures, failureWindowMinutes, lockMinutes } = ctx.config.login;
  const now = ctx.now();
  const lockUntil = new Date(now.getTime() + lockMinutes * 60_000);
  const reason = `${maxFailures} kali gagal masuk dalam ${failureWindowMinutes} menit. Akun terkunci sampai pukul ${lockUntil.toLocaleTimeString('id-ID', { timeZone: ctx.config.timeZone, hour: '2-digit', minute: '2-digit' })}.`;
  return inTransaction(ctx.database, async (tx) => {
    const res = await tx.client.query<{ failures: number; locked: boolean }>(
      `with old as (select id, failed_logins from users where id = $1 for update)
       update users u set
         locked_until = case when old.failed_logins >= $2 then $3 else u.locked_until end,
         lock_reason = case when old.failed_logins >= $2 then $4 else u.lock_reason end,
         failed_logins = case when old.failed_logins >= $2 then 0 else u.failed_logins end,
         first_failed_at = case when old.failed_logins >= $2 then null else u.first_failed_at end
       from old where u.id = old.id
       returning old.failed_logins as failures, old.failed_logins >= $2 as locked`,
      [userId, maxFailures, lockUntil, reason],
    );
    const failures = res.rows[0]?.failures ?? 0;
    const locked = res.rows[0]?.locked ?? false;
    await recordAudit(tx.db, { at: ctx.now(),
      actorUserId: null,
      action: locked ? 'auth.account_locked' : 'auth.login_failed',
      entityType: 'user',
      entityId: userId,
      data: { factor, failures },
      ip: meta.ip,
    });
    // Past the password the caller has shown he knows it: he may learn about the second factor.
    if (code === 'LOGIN_FAILED') return loginFailed();
    if (locked) return new AppError('ACCOUNT_LOCKED', { lockedUntil: lockUntil.toISOString(), reason });
    return new AppError(code, { remainingAttempts: Math.max(0, maxFailures - failures) });
  });
}

/**
 * Fresh re-authentication of a signed-in user (password and TOTP, just now) before a key
 * operation: enrolling a signing key, changing the TTE passphrase, revoking a certificate,
 * approving an enrolment. The same atomic attempt counting and lockout as a login; the TOTP
 * code is consumed like a login's. Marks the session; `requireFreshReauth` checks the mark.
 */
export async function reauthenticate(ctx: AppContext, actor: { userId: string; sessionId: string | null; ip: string | null }, input: { password: string; totp: string }): Promise<{ reauthenticatedAt: Date; validUntil: Date }> {
  if (!actor.sessionId) throw new AppError('UNAUTHENTICATED');
  const { db } = ctx.database;
  const now = ctx.now();
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw new AppError('UNAUTHENTICATED');
  // A second factor is part of the proof: without one enrolled there is nothing to re-check.
  if (!user.totpEnabledAt || !user.totpSecretEnc) throw new AppError('TOTP_ENROLMENT_REQUIRED');
  const meta: LoginMeta = { ip: actor.ip, userAgent: null };
  if (!(await reserveAttempt(ctx, user.id))) {
    await recordAudit(db, { at: ctx.now(), actorUserId: user.id, action: 'auth.reauth_refused', entityType: 'user', entityId: user.id, data: { reason: 'locked' }, ip: actor.ip });
    throw new AppError('ACCOUNT_LOCKED');
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) throw await registerFailure(ctx, user.id, 'password', meta, 'PASSWORD_WRONG');
  const secret = open(ctx.kek, user.totpSecretEnc, totpContext(user.id)).toString('utf8');
  const step = verifyTotp(secret, input.totp, now, user.totpLastStep);
  if (step === null) throw await registerFailure(ctx, user.id, 'totp', meta, 'TOTP_INVALID');
  let replayed = false;
  try {
    await inTransaction(ctx.database, async (tx) => {
      const consumed = await tx.client.query(`update users set totp_last_step = $2, failed_logins = 0, first_failed_at = null where id = $1 and (totp_last_step is null or totp_last_step < $2) returning id`, [user.id, step]);
      if (consumed.rowCount !== 1) {
        replayed = true;
        throw new AppError('TOTP_INVALID');
      }
      const marked = await tx.db.update(sessions).set({ reauthenticatedAt: now }).where(eq(sessions.id, actor.sessionId!)).returning({ id: sessions.id });
      if (!marked.length) throw new AppError('UNAUTHENTICATED');
      await recordAudit(tx.db, { at: ctx.now(), actorUserId: user.id, action: 'auth.reauthenticated', entityType: 'user', entityId: user.id, data: { sessionId: actor.sessionId }, ip: actor.ip });
    });
  } catch (e) {
    if (replayed) throw await registerFailure(ctx, user.id, 'totp', meta, 'TOTP_INVALID');
    await releaseAttempt(ctx, user.id).catch(() => {});
    throw e;
  }
  return { reauthenticatedAt: now, validUntil: new Date(now.getTime() + ctx.config.login.reauthMaxAgeMinutes * 60_000) };
}

/** Refuses (REAUTH_REQUIRED) unless this session re-authenticated within REAUTH_MAX_AGE_MINUTES. */
export async function requireFreshReauth(ctx: AppContext, actor: { sessionId: string | null }): Promise<void> {
  if (!actor.sessionId) throw new AppError('REAUTH_REQUIRED');
  const [s] = await ctx.database.db.select({ at: sessions.reauthenticatedAt }).from(sessions).where(eq(sessions.id, actor.sessionId));
  const maxAgeMs = ctx.config.login.reauthMaxAgeMinutes * 60_000;
  const now = ctx.now().getTime();
  if (!s?.at || now - s.at.getTime() > maxAgeMs || s.at.getTime() > now + 60_000) throw new AppError('REAUTH_REQUIRED', { maxAgeMinutes: ctx.config.login.reauthMaxAgeMinutes });
}
