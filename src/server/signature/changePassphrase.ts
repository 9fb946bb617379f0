// The signer changes his passphrase: the key is unwrapped with the current one and wrapped again
// under the new one (new salt). A wrong current passphrase counts towards the lockout.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { latestCredential, sealCredentialKey, unwrapCredentialKey, usableCredential } from './credentialStore.js';
import { recordPassphraseFailure, recordPassphraseSuccess, releasePassphraseAttempt, reservePassphraseAttempt, wrongPassphraseError } from './passphraseGuard.js';
import { credentialKeyContext, passphraseWeakness, wrapPrivateKey } from './pki/passphraseKey.js';
import { users } from '../org/schema.js';
import { noticeToOfficial } from './enrolmentApproval.js';
import { signingCredentials } from './schema.js';

export async function changePassphrase(ctx: AppContext, actor: Actor, input: { current: string; next: string; version: number }): Promise<{ version: number }> {
  if (ctx.config.signature.signer !== 'local') throw new AppError('LOCAL_CA_NOT_IN_USE');
  const weak = passphraseWeakness(input.next);
  if (weak) throw new AppError('PASSPHRASE_WEAK', { reason: weak }, { id: weak });
  if (input.next === input.current) throw new AppError('PASSPHRASE_WEAK', { reason: 'same' }, { id: 'Passphrase baru harus berbeda dari yang lama.', en: 'The new passphrase must differ from the old one.' });
  const row = usableCredential(await latestCredential(ctx.database.db, actor.userId), ctx.now());
  if (row.version !== input.version) throw new AppError('STALE_VERSION', { current: row.version });
  await reservePassphraseAttempt(ctx, actor.userId);
  let pkcs8: Buffer | null;
  try {
    pkcs8 = await unwrapCredentialKey(ctx.kek, row, input.current);
  } catch (e) {
    await releasePassphraseAttempt(ctx, actor.userId);
    throw e;
  }
  if (!pkcs8) throw wrongPassphraseError(await recordPassphraseFailure(ctx, actor.userId, actor.ip, 'change_passphrase'));
  let wrapped;
  try {
    wrapped = await wrapPrivateKey(pkcs8, input.next, credentialKeyContext(row.certificateSerial));
  } finally {
    pkcs8.fill(0);
  }
  await recordPassphraseSuccess(ctx, actor.userId);
  return inTransaction(ctx.database, async (tx) => {
    const now = ctx.now();
    const [updated] = await tx.db
      .update(signingCredentials)
      .set({ keyEncrypted: sealCredentialKey(ctx.kek, wrapped.encrypted, row.certificateSerial), kdf: wrapped.kdf, passphraseChangedAt: now, updatedAt: now, version: row.version + 1 })
      .where(and(eq(signingCredentials.id, row.id), eq(signingCredentials.version, input.version), eq(signingCredentials.status, 'active')))
      .returning({ version: signingCredentials.version });
    if (!updated) throw new AppError('STALE_VERSION');
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'signature.passphrase_changed', entityType: 'user', entityId: actor.userId, data: { certificateSerial: row.certificateSerial }, ip: actor.ip });
    const [u] = await tx.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, actor.userId));
    await noticeToOfficial(ctx, tx, u!, 'Passphrase TTE diganti', 'Passphrase TTE akun Anda baru saja diganti. Bila bukan Anda yang melakukannya, segera cabut sertifikat dan hubungi admin.');
    return { version: updated.version };
  });
}
