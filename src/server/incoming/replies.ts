// "Balas": an outgoing draft written in reply to an incoming letter. The link is shown on both
// letters and marks the incoming letter as answered.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { assertCanViewLetter, getLetterRow, viewerOf } from './access.js';
import { recordLetterEvent } from './letterEvents.js';
import { incomingReplies } from './schema.js';

/** Link an outgoing document the actor drafted to an incoming letter he may see. */
export async function linkReply(ctx: AppContext, actor: Actor, letterId: string, documentId: string): Promise<void> {
  await inTransaction(ctx.database, async (tx) => {
    const v = await viewerOf(ctx, tx.db, actor);
    const letter = await assertCanViewLetter(tx.db, v, await getLetterRow(tx.db, letterId, { lock: true }), letterId);
    const d = await tx.db.execute<{ drafter_user_id: string; hal: string }>(sql`select drafter_user_id, hal from documents where id = ${documentId}`);
    const doc = d.rows[0];
    if (!doc || doc.drafter_user_id !== actor.userId) throw new AppError('DOCUMENT_NOT_FOUND', { id: documentId });
    const inserted = await tx.db.insert(incomingReplies).values({ letterId: letter.id, documentId, createdByUserId: actor.userId, createdAt: ctx.now() }).onConflictDoNothing().returning();
    if (inserted.length) await recordLetterEvent(tx.db, { letterId: letter.id, at: ctx.now(), actorUserId: actor.userId, action: 'reply_drafted', domain: 'incoming', data: { documentId, hal: doc.hal }, ip: actor.ip });
  });
}
