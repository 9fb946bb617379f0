// TOTP enrolment: start (a pending secret + QR), confirm with a first code (enables 2FA and
// issues recovery codes), disable (only where policy allows).
import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { AppContext } from '../context.js';
import { open, seal } from '../crypto/kek.js';
import { recordAudit } from '../audit/recordAudit.js';
import { inTransaction } from '../db/tx.js';
import { AppError } from '../errors.js';
import { users } from '../org/schema.js';
import { sessions } from './schema.js';
import { loadGrants, type Actor } from './actor.js';
import { totpContext } from './loginUser.js';
import { isMfaRequired } from './mfaPolicy.js';
import { verifyPassword } from './password.js';
import { regenerateRecoveryCodes } from './recoveryCodes.js';
import { generateTotpSecret, otpauthUrl, verifyTotp } from './totp.js';

const pendingContext = (userId: string) => `users.totp_pending:${userId}`;

export async function startTotpEnrolment(ctx: AppContext, actor: Actor, issuer: string) {
  const [user] = await ctx.database.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (user.totpEnabledAt) throw new AppError('TOTP_ALREADY_ENABLED');
  const secret = generateTotpSecret();
  await inTransaction(ctx.database, async (tx) => {
    await tx.db.update(users).set({ totpPendingEnc: seal(ctx.kek, secret, pendingContext(user.id)) }).where(eq(users.id, user.id));
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: user.id, action: 'auth.totp_enrolment_started', entityType: 'user', entityId: user.id, ip: actor.ip });
  });
  const url = otpauthUrl({ secret, account: user.username, issuer });
  return { secret, otpauthUrl: url, qrDataUrl: await QRCode.toDataURL(url, { margin: 1, width: 240 }) };
}

export async function confirmTotpEnrolment(ctx: AppContext, actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
  const [user] = await ctx.database.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (user.totpEnabledAt) throw new AppError('TOTP_ALREADY_ENABLED');
  if (!user.totpPendingEnc) throw new AppError('TOTP_NOT_STARTED');
  const secret = open(ctx.kek, user.totpPendingEnc, pendingContext(user.id)).toString('utf8');
  const step = verifyTotp(secret, code, ctx.now());
  if (step === null) throw new AppError('TOTP_INVALID');
  return inTransaction(ctx.database, async (tx) => {
    await tx.db
      .update(users)
      .set({ totpSecretEnc: seal(ctx.kek, secret, totpContext(user.id)), totpPendingEnc: null, totpEnabledAt: ctx.now(), totpLastStep: step, updatedAt: ctx.now() })
      .where(eq(users.id, user.id));
    if (actor.sessionId) await tx.db.update(sessions).set({ mfaSatisfied: true }).where(eq(sessions.id, actor.sessionId));
    const recoveryCodes = await regenerateRecoveryCodes(tx.db, user.id);
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: user.id, action: 'auth.totp_enabled', entityType: 'user', entityId: user.id, ip: actor.ip });
    return { recoveryCodes };
  });
}

export async function disableTotp(ctx: AppContext, actor: Actor, input: { password: string; code: string }): Promise<void> {
  const [user] = await ctx.database.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!user.totpEnabledAt || !user.totpSecretEnc) throw new AppError('CONFLICT', { reason: 'totp_not_enabled' });
  if (await isMfaRequired(ctx.database.db, await loadGrants(ctx.database.db, user.id))) throw new AppError('TOTP_REQUIRED_BY_POLICY');
  if (!(await verifyPassword(input.password, user.passwordHash))) throw new AppError('PASSWORD_WRONG');
  const secret = open(ctx.kek, user.totpSecretEnc, totpContext(user.id)).toString('utf8');
  if (verifyTotp(secret, input.code, ctx.now(), user.totpLastStep) === null) throw new AppError('TOTP_INVALID');
  await inTransaction(ctx.database, async (tx) => {
    await tx.db.update(users).set({ totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null, updatedAt: ctx.now() }).where(eq(users.id, user.id));
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: user.id, action: 'auth.totp_disabled', entityType: 'user', entityId: user.id, ip: actor.ip });
  });
}

/** New recovery codes, after proving possession of the authenticator. */
export async function renewRecoveryCodes(ctx: AppContext, actor: Actor, code: string): Promise<string[]> {
  const [user] = await ctx.database.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user?.totpSecretEnc) throw new AppError('CONFLICT', { reason: 'totp_not_enabled' });
  const secret = open(ctx.kek, user.totpSecretEnc, totpContext(user.id)).toString('utf8');
  const step = verifyTotp(secret, code, ctx.now(), user.totpLastStep);
  if (step === null) throw new AppError('TOTP_INVALID');
  return inTransaction(ctx.database, async (tx) => {
    await tx.db.update(users).set({ totpLastStep: step }).where(eq(users.id, user.id));
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: user.id, action: 'auth.recovery_codes_renewed', entityType: 'user', entityId: user.id, ip: actor.ip });
    return regenerateRecoveryCodes(tx.db, user.id);
  });
}
