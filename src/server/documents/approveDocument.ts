// A verifier approves (paraf) the draft at his step, optionally after editing it himself
// (seed 000: "diedit sendiri"), which records a new version.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { actorView, assertCurrentStepHolder, checkVersion, lockDocument } from './access.js';
import { applyTransition } from './applyTransition.js';
import { documents, documentTypes } from './schema.js';
import { addVersion, checkDraftFile } from './uploadVersion.js';

export async function approveDocument(ctx: AppContext, actor: Actor, id: string, input: { version: number; note?: string | null }) {
  const view = await actorView(ctx, ctx.database.db, actor);
  return inTransaction(ctx.database, async (tx) => {
    const { doc, steps } = await lockDocument(tx.db, id);
    checkVersion(doc, input.version);
    const { step, capacity } = assertCurrentStepHolder(view, doc, steps);
    return applyTransition({ db: tx.db, view, doc, steps, action: { type: 'approve', step: step.order }, now: ctx.now(), event: 'approved', note: input.note ?? null, capacity });
  });
}

export async function editAndApproveDocument(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { version: number; note?: string | null; bytes: Uint8Array; fileName: string },
) {
  const { db } = ctx.database;
  const view = await actorView(ctx, db, actor);
  const [pre] = await db.select({ draftKind: documents.draftKind, shape: documentTypes.shape }).from(documents).innerJoin(documentTypes, eq(documentTypes.id, documents.documentTypeId)).where(eq(documents.id, id));
  if (!pre) throw new AppError('DOCUMENT_NOT_FOUND', { id });
  const format = await checkDraftFile(pre, input.bytes);
  return inTransaction(ctx.database, async (tx) => {
    const { doc, steps } = await lockDocument(tx.db, id);
    checkVersion(doc, input.version);
    const { step, capacity } = assertCurrentStepHolder(view, doc, steps);
    if (step.kind !== 'verify') throw new AppError('WORKFLOW_WRONG_STEP_KIND');
    const version = await addVersion(ctx, tx, { documentId: id, bytes: input.bytes, fileName: input.fileName, kind: 'verifier_edit', format, createdBy: view.userId, note: input.note ?? null });
    return applyTransition({
      db: tx.db,
      view,
      doc: { ...doc, currentVersionId: version.id },
      steps,
      action: { type: 'approve', step: step.order },
      now: ctx.now(),
      event: 'edited_and_approved',
      note: input.note ?? null,
      capacity,
      data: { versionN: version.n },
    });
  });
}
