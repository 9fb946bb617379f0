// The drafter withdraws a document before it is signed; a number it holds is recorded as
// cancelled in the register (never reused).
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import type { Actor } from '../auth/actor.js';
import { actorView, assertDrafter, checkVersion, lockDocument } from './access.js';
import { applyTransition } from './applyTransition.js';
import { cancelNumber } from './deps.js';

export async function cancelDocument(ctx: AppContext, actor: Actor, id: string, input: { version: number; reason: string }) {
  const view = await actorView(ctx, ctx.database.db, actor);
  return inTransaction(ctx.database, async (tx) => {
    const { doc, steps } = await lockDocument(tx.db, id);
    assertDrafter(view, doc);
    checkVersion(doc, input.version);
    const updated = await applyTransition({ db: tx.db, view, doc, steps, action: { type: 'cancel' }, now: ctx.now(), event: 'cancelled', note: input.reason.trim() });
    if (doc.numberEntryId) await cancelNumber(tx, { entryId: doc.numberEntryId, reason: `Naskah dibatalkan: ${input.reason.trim()}`, actorUserId: view.userId });
    return updated;
  });
}
