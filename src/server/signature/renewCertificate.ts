// Renewal: a new key pair and certificate (current name, position and unit), wrapped under the
// same passphrase, which the signer must give. The previous certificate is superseded.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { latestCredential, prepareCredential, unwrapCredentialKey } from './credentialStore.js';
import { recordPassphraseFailure, recordPassphraseSuccess, releasePassphraseAttempt, reservePassphraseAttempt, wrongPassphraseError } from './passphraseGuard.js';
import { getPki } from './pki/authority.js';
import { signingCredentials } from './schema.js';
import { signerProfile } from './signerIdentity.js';

export async function renewCertificate(ctx: AppContext, actor: Actor, input: { passphrase: string; version: number }) {
  if (ctx.config.signature.signer !== 'local') throw new AppError('LOCAL_CA_NOT_IN_USE');
  const current = await latestCredential(ctx.database.db, actor.userId);
  if (!current) throw new AppError('SIGNING_CREDENTIAL_MISSING');
  if (current.status === 'revoked') throw new AppError('CERTIFICATE_REVOKED', { serial: current.certificateSerial });
  if (current.version !== input.version) throw new AppError('STALE_VERSION', { current: current.version });
  await reservePassphraseAttempt(ctx, actor.userId);
  let pkcs8: Buffer | null;
  try {
    pkcs8 = await unwrapCredentialKey(ctx.kek, current, input.passphrase);
  } catch (e) {
    await releasePassphraseAttempt(ctx, actor.userId);
    throw e;
  }
  if (!pkcs8) throw wrongPassphraseError(await recordPassphraseFailure(ctx, actor.userId, actor.ip, 'renew'));
  pkcs8.fill(0);
  await recordPassphraseSuccess(ctx, actor.userId);
  const pki = await getPki(ctx);
  const profile = await signerProfile(ctx.database.db, actor.userId, ctx.now(), ctx.config.timeZone);
  const values = await prepareCredential(ctx, pki, actor.userId, profile, input.passphrase);
  return inTransaction(ctx.database, async (tx) => {
    const now = ctx.now();
    const [old] = await tx.db
      .update(signingCredentials)
      .set({ status: 'superseded', supersededAt: now, updatedAt: now, version: current.version + 1 })
      .where(and(eq(signingCredentials.id, current.id), eq(signingCredentials.version, input.version), eq(signingCredentials.status, current.status)))
      .returning({ id: signingCredentials.id });
    if (!old) throw new AppError('STALE_VERSION');
    const [row] = await tx.db.insert(signingCredentials).values(values).returning();
    await recordAudit(tx.db, { at: ctx.now(),
      actorUserId: actor.userId,
      action: 'signature.certificate_renewed',
      entityType: 'user',
      entityId: actor.userId,
      data: { previousSerial: current.certificateSerial, certificateSerial: row!.certificateSerial, notAfter: row!.notAfter.toISOString() },
      ip: actor.ip,
    });
    return row!;
  });
}
