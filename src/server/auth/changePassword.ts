import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { recordAudit } from '../audit/recordAudit.js';
import { inTransaction } from '../db/tx.js';
import { AppError } from '../errors.js';
import { users } from '../org/schema.js';
import type { Actor } from './actor.js';
import { hashPassword, passwordWeakness, verifyPassword } from './password.js';
import { deleteUserSessions } from './sessions.js';

/** The user changes their own password; their other sessions end. */
export async function changePassword(ctx: AppContext, actor: Actor, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const [user] = await ctx.database.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) throw new AppError('PASSWORD_WRONG');
  const weakness = passwordWeakness(input.newPassword, { username: user.username });
  if (weakness) throw new AppError('PASSWORD_WEAK', { reason: weakness }, { id: weakness });
  if (await verifyPassword(input.newPassword, user.passwordHash)) throw new AppError('PASSWORD_REUSED');
  const hash = await hashPassword(input.newPassword);
  await inTransaction(ctx.database, async (tx) => {
    await tx.db
      .update(users)
      .set({ passwordHash: hash, mustChangePassword: false, passwordChangedAt: ctx.now(), version: user.version + 1, updatedAt: ctx.now() })
      .where(eq(users.id, user.id));
    const ended = await deleteUserSessions(tx.db, user.id, actor.sessionId ?? undefined);
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'auth.password_changed', entityType: 'user', entityId: user.id, data: { otherSessionsEnded: ended }, ip: actor.ip });
  });
}
