// Revocation of a signer certificate, by the signer himself or a system administrator, with an
// RFC 5280 reason. From then on the CRL and OCSP answer "revoked" and signing is refused.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { isSystemAdmin, type Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { users } from '../org/schema.js';
import { noticeToOfficial } from './enrolmentApproval.js';
import { signingCredentials, type RevocationReason } from './schema.js';

export async function revokeCertificate(ctx: AppContext, actor: Actor, input: { userId: string; reason: RevocationReason; version: number }) {
  if (input.userId !== actor.userId && !isSystemAdmin(actor)) throw new AppError('FORBIDDEN', { requiredRole: 'system_admin' });
  return inTransaction(ctx.database, async (tx) => {
    const [row] = await tx.db
      .select()
      .from(signingCredentials)
      .where(and(eq(signingCredentials.userId, input.userId), eq(signingCredentials.status, 'active')))
      .for('update');
    if (!row) throw new AppError('SIGNING_CREDENTIAL_MISSING');
    if (row.version !== input.version) throw new AppError('STALE_VERSION', { current: row.version });
    const now = ctx.now();
    const [updated] = await tx.db
      .update(signingCredentials)
      .set({ status: 'revoked', revokedAt: now, revocationReason: input.reason, revokedBy: actor.userId, updatedAt: now, version: row.version + 1 })
      .where(eq(signingCredentials.id, row.id))
      .returning();
    await recordAudit(tx.db, { at: ctx.now(),
      actorUserId: actor.userId,
      action: 'signature.certificate_revoked',
      entityType: 'user',
      entityId: input.userId,
      data: { certificateSerial: row.certificateSerial, reason: input.reason },
      ip: actor.ip,
    });
    const [u] = await tx.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, input.userId));
    await noticeToOfficial(ctx, tx, u!, 'Sertifikat TTE dicabut', `Sertifikat TTE akun Anda (${row.certificateSerial}) dicabut oleh ${actor.name}. Bila bukan Anda yang memintanya, segera hubungi admin.`);
    return updated!;
  });
}
