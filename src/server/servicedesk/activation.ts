// Step 6, on a public page reached from the one-time WhatsApp link (24 h): a code sent to the
// same number, then the owner's own password (policy shown, judged by the directory), then
// Google Authenticator (QR, setup key, otpauth:// link, confirmed with a first code, recovery
// codes). The last step activates the account: the ticket reaches step 7 and closes.
import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, gte } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { AppContext } from '../context.js';
import { open, seal } from '../crypto/kek.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { AppError } from '../errors.js';
import { passwordWeakness } from '../auth/password.js';
import { generateTotpSecret, otpauthUrl, verifyTotp } from '../auth/totp.js';
import { isDirectoryError, requireDirectory, type PasswordPolicy } from '../directory/index.js';
import { maskWhatsapp } from './access.js';
import { hashSecret, sixDigitCode, tokenHash } from './codes.js';
import { serviceDeskDeps } from './deps.js';
import { msg, sendNotice } from './messages.js';
import { checkCode, withAttemptCommitted } from './phoneVerification.js';
import { phoneVerifications, serviceTickets } from './schema.js';
import { transitionInTx, type TicketRow } from './transition.js';

const CODE_TTL_MS = 10 * 60_000;
const CODE_VALID_FOR_PASSWORD_MS = 30 * 60_000;
const MAX_CODES_PER_10_MIN = 3;

/** An activation step's audit event: the mailbox owner on the public page, not a signed-in user. */
const activationEvent = (at: Date, ticketId: string, action: string, data: Record<string, unknown> = {}) => ({ at, actorUserId: null, actedAs: 'activation-page', action, entityType: 'service_ticket', entityId: ticketId, data });

type LinkState = 'valid' | 'expired' | 'used';

async function byToken(ctx: AppContext, token: string): Promise<{ row: TicketRow; state: LinkState }> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppError('ACTIVATION_LINK_INVALID');
  const [row] = await ctx.database.db.select().from(serviceTickets).where(eq(serviceTickets.activationTokenHash, tokenHash(token)));
  if (!row) throw new AppError('ACTIVATION_LINK_INVALID');
  if (row.status !== 'awaiting_activation') return { row, state: 'used' };
  if (!row.activationExpiresAt || row.activationExpiresAt.getTime() < ctx.now().getTime()) return { row, state: 'expired' };
  return { row, state: 'valid' };
}

async function validLink(ctx: AppContext, token: string): Promise<TicketRow> {
  const { row, state } = await byToken(ctx, token);
  if (state === 'expired') throw new AppError('ACTIVATION_LINK_EXPIRED');
  if (state === 'used') throw new AppError('ACTIVATION_LINK_INVALID');
  return row;
}

export async function policyFor(ctx: AppContext): Promise<PasswordPolicy & { rules: string[] }> {
  let p: PasswordPolicy = { minLength: 10, history: 0, requireMixed: true };
  const d = serviceDeskDeps(ctx).directory;
  if (d) p = await d.passwordPolicy().catch(() => p);
  const minLength = Math.max(p.minLength, 10);
  const rules = [`Minimal ${minLength} karakter`, 'Mengandung huruf dan angka', 'Tidak memuat nama pengguna'];
  if (p.history > 0) rules.push(`Tidak sama dengan ${p.history} kata sandi terakhir`);
  return { ...p, minLength, rules };
}

export async function activationStatus(ctx: AppContext, token: string) {
  const { row, state } = await byToken(ctx, token);
  return {
    state,
    number: row.number,
    username: row.accountAddress ?? row.desiredAddress,
    whatsappMasked: maskWhatsapp(row.whatsapp),
    expiresAt: row.activationExpiresAt,
    progress: { codeVerified: !!row.activationCodeVerifiedAt, passwordSet: !!row.passwordSetAt, totpStarted: !!row.totpPendingEnc },
    policy: state === 'valid' ? await policyFor(ctx) : null,
  };
}

export async function sendActivationCode(ctx: AppContext, token: string) {
  const row = await validLink(ctx, token);
  const now = ctx.now();
  return inTransaction(ctx.database, async (tx) => {
    const [recent] = await tx.db
      .select({ n: count() })
      .from(phoneVerifications)
      .where(and(eq(phoneVerifications.ticketId, row.id), eq(phoneVerifications.purpose, 'activation'), gte(phoneVerifications.createdAt, new Date(now.getTime() - 10 * 60_000))));
    if ((recent?.n ?? 0) >= MAX_CODES_PER_10_MIN) throw new AppError('PHONE_CODE_TOO_MANY');
    const code = sixDigitCode();
    const [v] = await tx.db.insert(phoneVerifications).values({ ticketId: row.id, purpose: 'activation', whatsapp: row.whatsapp, codeHash: 'pending', expiresAt: new Date(now.getTime() + CODE_TTL_MS), createdAt: now }).returning();
    await tx.db.update(phoneVerifications).set({ codeHash: hashSecret('phone', v!.id, code) }).where(eq(phoneVerifications.id, v!.id));
    await sendNotice(ctx, tx, row.whatsapp, msg.code(code), 'activation_code', row.applicantUserId);
    await recordAudit(tx.db, activationEvent(now, row.id, 'servicedesk.activation_code_sent', { verificationId: v!.id, whatsapp: maskWhatsapp(row.whatsapp) }));
    return { verificationId: v!.id, whatsappMasked: maskWhatsapp(row.whatsapp), expiresAt: v!.expiresAt };
  });
}

export async function verifyActivationCode(ctx: AppContext, token: string, verificationId: string, code: string) {
  const row = await validLink(ctx, token);
  return withAttemptCommitted(ctx, async (tx) => {
    const [v] = await tx.db.select({ ticketId: phoneVerifications.ticketId }).from(phoneVerifications).where(eq(phoneVerifications.id, verificationId));
    if (!v || v.ticketId !== row.id) throw new AppError('PHONE_CODE_INVALID');
    await checkCode(ctx, tx, verificationId, code);
    await tx.db.update(serviceTickets).set({ activationCodeVerifiedAt: ctx.now() }).where(eq(serviceTickets.id, row.id));
    await recordAudit(tx.db, activationEvent(ctx.now(), row.id, 'servicedesk.activation_code_verified', { verificationId }));
    return { codeVerified: true };
  });
}

export async function setActivationPassword(ctx: AppContext, token: string, password: string) {
  const row = await validLink(ctx, token);
  if (!row.activationCodeVerifiedAt || ctx.now().getTime() - row.activationCodeVerifiedAt.getTime() > CODE_VALID_FOR_PASSWORD_MS) throw new AppError('ACTIVATION_STEP_ORDER', { need: 'code' });
  if (row.passwordSetAt) return { passwordSet: true };
  const policy = await policyFor(ctx);
  const local = (row.accountAddress ?? row.desiredAddress).split('@')[0]!;
  const weak = password.length < policy.minLength ? `Kata sandi minimal ${policy.minLength} karakter.` : passwordWeakness(password, { username: local });
  if (weak) throw new AppError('ACTIVATION_PASSWORD_WEAK', { fields: [{ path: 'body.password', message: weak }] }, { id: weak });
  if (!row.accountId || !row.temporaryPasswordEnc) throw new AppError('ACTIVATION_STEP_ORDER', { need: 'account' });
  const temporary = open(ctx.kek, row.temporaryPasswordEnc, `service_ticket:${row.id}:temporary_password`).toString('utf8');
  try {
    // The owner's own action with an immediate answer (the directory judges the password), so it
    // runs in the request, outside any transaction; what it changed is recorded right after.
    await requireDirectory(serviceDeskDeps(ctx).directory).activate({ accountId: row.accountId, address: row.accountAddress ?? row.desiredAddress }, temporary, password);
  } catch (e) {
    if (isDirectoryError(e) && e.code === 'DIRECTORY_PASSWORD_POLICY') {
      throw new AppError('ACTIVATION_PASSWORD_WEAK', { fields: [{ path: 'body.password', message: e.detail }] }, { id: `Kata sandi ditolak oleh kebijakan direktori e-mail (${e.detail}). Pilih kata sandi lain.` });
    }
    throw e;
  }
  await inTransaction(ctx.database, async (tx) => {
    await tx.db.update(serviceTickets).set({ passwordSetAt: ctx.now(), temporaryPasswordEnc: null, updatedAt: ctx.now() }).where(eq(serviceTickets.id, row.id));
    await recordAudit(tx.db, activationEvent(ctx.now(), row.id, 'servicedesk.activation_password_set', { accountId: row.accountId }));
  });
  return { passwordSet: true };
}

const totpPending = (id: string) => `service_ticket:${id}:totp_pending`;
const totpFinal = (id: string) => `service_ticket:${id}:totp`;

export async function startActivationTotp(ctx: AppContext, token: string) {
  const row = await validLink(ctx, token);
  if (!row.passwordSetAt) throw new AppError('ACTIVATION_STEP_ORDER', { need: 'password' });
  const secret = generateTotpSecret();
  await inTransaction(ctx.database, async (tx) => {
    await tx.db.update(serviceTickets).set({ totpPendingEnc: seal(ctx.kek, secret, totpPending(row.id)) }).where(eq(serviceTickets.id, row.id));
    await recordAudit(tx.db, activationEvent(ctx.now(), row.id, 'servicedesk.activation_totp_started'));
  });
  const url = otpauthUrl({ secret, account: row.accountAddress ?? row.desiredAddress, issuer: 'Email Kedinasan' });
  return { secret, otpauthUrl: url, qrDataUrl: await QRCode.toDataURL(url, { margin: 1, width: 240 }) };
}

function recoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const b = randomBytes(12);
  let s = '';
  for (const x of b) s += alphabet[x % alphabet.length];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
}

export async function confirmActivationTotp(ctx: AppContext, token: string, code: string) {
  const row = await validLink(ctx, token);
  if (!row.passwordSetAt || !row.totpPendingEnc) throw new AppError('ACTIVATION_STEP_ORDER', { need: 'totp' });
  const secret = open(ctx.kek, row.totpPendingEnc, totpPending(row.id)).toString('utf8');
  const step = verifyTotp(secret, code, ctx.now());
  if (step === null) throw new AppError('TOTP_INVALID');
  const codes = Array.from({ length: 10 }, recoveryCode);
  await inTransaction(ctx.database, (tx) =>
    transitionInTx(ctx, tx, { system: 'activation-page' }, row.id, { type: 'activate' }, {
      patch: () => ({
        totpSecretEnc: seal(ctx.kek, secret, totpFinal(row.id)),
        totpPendingEnc: null,
        totpLastStep: step,
        recoveryCodeHashes: codes.map((c) => createHash('sha256').update(c).digest('hex')),
      }),
    }),
  );
  return { recoveryCodes: codes, address: row.accountAddress ?? row.desiredAddress };
}

/** Checks a code against the mailbox owner's enrolled TOTP secret (for the mail system's second factor). */
export async function verifyMailboxTotp(ctx: AppContext, address: string, code: string): Promise<boolean> {
  const [row] = await ctx.database.db.select().from(serviceTickets).where(eq(serviceTickets.accountAddress, address.toLowerCase()));
  if (!row?.totpSecretEnc || row.status !== 'active') return false;
  const secret = open(ctx.kek, row.totpSecretEnc, totpFinal(row.id)).toString('utf8');
  const step = verifyTotp(secret, code, ctx.now(), row.totpLastStep);
  if (step === null) return false;
  await ctx.database.db.update(serviceTickets).set({ totpLastStep: step }).where(eq(serviceTickets.id, row.id));
  return true;
}
