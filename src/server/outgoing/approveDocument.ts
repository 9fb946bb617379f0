// A verifier approves (paraf) the draft at his step, optionally after editing it himself
// (seed 000: "diedit sendiri"), which records a new version.
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { actorView, lockDocument } from './access.js';
import { changeDocument } from './transition.js';
import { addVersion, checkDraftFile, draftFileTarget } from './uploadVersion.js';
import { authoriseStepAction } from './chainPolicy.js';

export async function approveDocument(ctx: AppContext, actor: Actor, id: string, input: { version: number; note?: string | null }) {
  const view = await actorView(ctx, ctx.database.db, actor);
  return inTransaction(ctx.database, (tx) =>
    changeDocument(ctx, tx, {
      id,
      view,
      version: input.version,
      plan: async (t, { doc, steps }) => {
        const { step, capacity } = await authoriseStepAction(t.db, view, doc, steps);
        return { action: { type: 'approve', step: step.order }, event: 'approved', note: input.note ?? null, capacity };
      },
    }),
  );
}

export async function editAndApproveDocument(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { version: number; note?: string | null; bytes: Uint8Array; fileName: string },
) {
  const { db } = ctx.database;
  const view = await actorView(ctx, db, actor);
  const pre = await draftFileTarget(db, id);
  if (!pre) throw new AppError('DOCUMENT_NOT_FOUND', { id });
  // Authorise before the file is parsed: an untrusted upload is only opened for the verifier on the step.
  await inTransaction(ctx.database, async (tx) => {
    const { doc, steps } = await lockDocument(tx.db, id, view);
    await authoriseStepAction(tx.db, view, doc, steps);
  });
  const format = await checkDraftFile(pre, input.bytes);
  return inTransaction(ctx.database, (tx) =>
    changeDocument(ctx, tx, {
      id,
      view,
      version: input.version,
      plan: async (t, { doc, steps }) => {
        const { step, capacity } = await authoriseStepAction(t.db, view, doc, steps);
        if (step.kind !== 'verify') throw new AppError('WORKFLOW_WRONG_STEP_KIND');
        const version = await addVersion(ctx, t, { documentId: id, bytes: input.bytes, fileName: input.fileName, kind: 'verifier_edit', format, createdBy: view.userId, note: input.note ?? null });
        return { action: { type: 'approve', step: step.order }, event: 'edited_and_approved', note: input.note ?? null, capacity, data: { versionN: version.n }, set: { currentVersionId: version.id } };
      },
    }),
  );
}
