// A verifier or the signer returns the draft for revision, with a reason, to the drafter or
// to an earlier verifier (seed 000 "dapat ditujukan ke konseptor, verifikator").
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import type { Actor } from '../auth/actor.js';
import { actorView, assertCurrentStepHolder, checkVersion, lockDocument } from './access.js';
import { applyTransition } from './applyTransition.js';

export async function returnDocument(ctx: AppContext, actor: Actor, id: string, input: { version: number; reason: string; to: 'drafter' | number }) {
  const view = await actorView(ctx, ctx.database.db, actor);
  return inTransaction(ctx.database, async (tx) => {
    const { doc, steps } = await lockDocument(tx.db, id);
    checkVersion(doc, input.version);
    const { step, capacity } = assertCurrentStepHolder(view, doc, steps);
    return applyTransition({
      db: tx.db,
      view,
      doc,
      steps,
      action: { type: 'return', step: step.order, to: input.to },
      now: ctx.now(),
      event: step.kind === 'sign' ? 'returned_by_signer' : 'returned',
      note: input.reason.trim(),
      capacity,
      data: { to: input.to },
    });
  });
}
