import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { generateTemporaryPassword, hashPassword } from '../auth/password.js';
import { insertGrant, insertUser } from './users.js';

/** First administrator of a fresh installation (CLI). Must change the password and enrol 2FA. */
export async function createAdminAccount(ctx: AppContext, input: { username: string; name: string; nip?: string | undefined; whatsapp?: string | undefined }) {
  const temporaryPassword = generateTemporaryPassword();
  const hash = await hashPassword(temporaryPassword);
  return inTransaction(ctx.database, async (tx) => {
    const user = await insertUser(tx.db, { username: input.username, name: input.name, nip: input.nip ?? null, whatsapp: input.whatsapp ?? null }, { hash, mustChange: true });
    await insertGrant(tx.db, { userId: user.id, role: 'system_admin', unitId: null, grantedBy: null });
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: null, action: 'org.admin_created', entityType: 'user', entityId: user.id, data: { username: user.username, via: 'cli' } });
    return { user, temporaryPassword };
  });
}
