// The drafter withdraws a document before it is signed; a number it holds is recorded as
// cancelled in the register (never reused).
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import type { Actor } from '../auth/actor.js';
import { actorView, assertDrafter } from './access.js';
import { changeDocument } from './transition.js';
import { cancelNumber } from './deps.js';

export async function cancelDocument(ctx: AppContext, actor: Actor, id: string, input: { version: number; reason: string }) {
  const view = await actorView(ctx, ctx.database.db, actor);
  return inTransaction(ctx.database, (tx) =>
    changeDocument(ctx, tx, {
      id,
      view,
      version: input.version,
      authorise: ({ doc }) => assertDrafter(view, doc),
      plan: () => ({ action: { type: 'cancel' }, event: 'cancelled', note: input.reason.trim() }),
      after: async (t, updated, { doc }) => {
        if (doc.numberEntryId) await cancelNumber(t, { entryId: doc.numberEntryId, reason: `Naskah dibatalkan: ${input.reason.trim()}`, actorUserId: view.userId, at: ctx.now() });
        return updated;
      },
    }),
  );
}
