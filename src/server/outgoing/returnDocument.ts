// A verifier or the signer returns the draft for revision, with a reason, to the drafter or
// to an earlier verifier (seed 000 "dapat ditujukan ke konseptor, verifikator").
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import type { Actor } from '../auth/actor.js';
import { actorView } from './access.js';
import { changeDocument } from './transition.js';
import { authoriseStepAction } from './chainPolicy.js';

export async function returnDocument(ctx: AppContext, actor: Actor, id: string, input: { version: number; reason: string; to: 'drafter' | number }) {
  const view = await actorView(ctx, ctx.database.db, actor);
  return inTransaction(ctx.database, (tx) =>
    changeDocument(ctx, tx, {
      id,
      view,
      version: input.version,
      plan: async (t, { doc, steps }) => {
        const { step, capacity } = await authoriseStepAction(t.db, view, doc, steps);
        return {
          action: { type: 'return', step: step.order, to: input.to },
          event: step.kind === 'sign' ? 'returned_by_signer' : 'returned',
          note: input.reason.trim(),
          capacity,
          data: { to: input.to },
        };
      },
    }),
  );
}
