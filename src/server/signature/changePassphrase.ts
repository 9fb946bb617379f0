// The signer changes his passphrase: the key is unwrapped with the current one and wrapped again
// under the new one (new salt). A wrong current passphrase counts towards the lockout.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { latestCredential, unwrapCredentialKey, usableCredential } from './credentialStore.js';
import { assertNotLocked, recordPassphraseFailure, recordPassphraseSuccess, wrongPassphraseError } from './passphraseGuard.js';
import { credentialKeyContext, passphraseWeakness, wrapPrivateKey } from './pki/passphraseKey.js';
import { signingCredentials } from './schema.js';
import './errors.js';

export async function changePassphrase(ctx: AppContext, actor: Actor, input: { current: string; next: string; version: number }): Promise<{ version: number }> {
  if (ctx.config.signature.signer !== 'local') throw new AppError('LOCAL_CA_NOT_IN_USE');
  const weak = passphraseWeakness(input.next);
  if (weak) throw new AppError('PASSPHRASE_WEAK', { reason: weak }, { id: weak });
  if (input.next === input.current) throw new AppError('PASSPHRASE_WEAK', { reason: 'same' }, { id: 'Passphrase baru harus berbeda dari yang lama.', en: 'The new passphrase must differ from the old one.' });
  await assertNotLocked(ctx, actor.userId);
  const row = usableCredential(await latestCredential(ctx.database.db, actor.userId), ctx.now());
  if (row.version !== input.version) throw new AppError('STALE_VERSION', { current: row.version });
  const pkcs8 = await unwrapCredentialKey(row, input.current);
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
      .set({ keyEncrypted: wrapped.encrypted, kdf: wrapped.kdf, passphraseChangedAt: now, updatedAt: now, version: row.version + 1 })
      .where(and(eq(signingCredentials.id, row.id), eq(signingCredentials.version, input.version), eq(signingCredentials.status, 'active')))
      .returning({ version: signingCredentials.version });
    if (!updated) throw new AppError('STALE_VERSION');
    await recordAudit(tx.db, { actorUserId: actor.userId, action: 'signature.passphrase_changed', entityType: 'user', entityId: actor.userId, data: { certificateSerial: row.certificateSerial }, ip: actor.ip });
    return { version: updated.version };
  });
}
