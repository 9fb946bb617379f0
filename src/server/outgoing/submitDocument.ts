// The drafter sends the reviewed draft to the first verifier (seed 000 step 4, seed 002 step 4).
import { eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { inTransaction, type Tx } from '../db/tx.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { holdersOf } from '../org/positions.js';
import { positions } from '../org/schema.js';
import { actorView, assertDrafter, type ActorView } from './access.js';
import { changeDocument, type DocumentMove, type Locked } from './transition.js';
import { assertChainAllowed } from './chainPolicy.js';
import { loadRecipients } from './recipientNames.js';
import { documentVersions } from './schema.js';

export async function submitDocument(ctx: AppContext, actor: Actor, id: string, input: { version: number; note?: string | null }) {
  const view = await actorView(ctx, ctx.database.db, actor);
  return inTransaction(ctx.database, (tx) =>
    changeDocument(ctx, tx, {
      id,
      view,
      version: input.version,
      authorise: ({ doc }) => assertDrafter(view, doc),
      plan: (t, l) => planSubmit(t, view, l, input.note ?? null),
    }),
  );
}

async function planSubmit(tx: Tx, view: ActorView, { doc, steps }: Locked, note: string | null): Promise<DocumentMove> {
    if (doc.status !== 'draft' && doc.status !== 'returned') throw new AppError('WORKFLOW_NOT_SUBMITTABLE', { status: doc.status });

    // The drafter reviews the PDF before sending (seed 000 step 4): it must exist.
    const [current] = doc.currentVersionId ? await tx.db.select().from(documentVersions).where(eq(documentVersions.id, doc.currentVersionId)) : [];
    if (!current) throw new AppError('DOCUMENT_NOT_READY', { reason: 'no_file' }, { id: 'Unggah berkas konsep terlebih dahulu.' });
    if (current.conversionStatus === 'failed') throw new AppError('DOCUMENT_CONVERSION_FAILED', { error: current.conversionError });
    if (!current.pdfFileId || (current.conversionStatus !== 'done' && current.conversionStatus !== 'not_needed')) throw new AppError('DOCUMENT_NOT_READY');
    if (doc.draftKind === 'pdf') {
      const marks = doc.pdfMarks ?? {};
      const missing = [
        ...(doc.number ? [] : [!marks.number && 'nomor', !marks.date && 'tanggal']),
        doc.signatureVisibility === 'visible' && !marks.signature && 'tanda tangan',
      ].filter(Boolean);
      if (missing.length) throw new AppError('DOCUMENT_PDF_MARKS_REQUIRED', { missing });
    }
    const recipients = await loadRecipients(tx.db, doc.id);
    if (!recipients.some((r) => r.role === 'to')) throw new AppError('DOCUMENT_NO_RECIPIENT');

    // Every position in the chain must have someone to act in it today (definitive or acting).
    const holders = await holdersOf(tx.db, steps.map((s) => s.positionId), view.today);
    const vacant = steps.filter((s) => !holders.get(s.positionId)?.length);
    if (vacant.length) {
      const names = await tx.db.select({ id: positions.id, name: positions.name }).from(positions).where(inArray(positions.id, vacant.map((s) => s.positionId)));
      const list = vacant.map((s) => names.find((n) => n.id === s.positionId)?.name ?? s.positionId);
      throw new AppError('DOCUMENT_CHAIN_INVALID', { reason: 'vacant', positions: list }, { id: `Jabatan berikut tidak memiliki pejabat aktif (definitif/Plt/Plh): ${list.join(', ')}.` });
    }
    // The chain as it stands today: nobody in it is the drafter, every holder has the role.
    await assertChainAllowed(tx.db, { drafterUserId: doc.drafterUserId, documentTypeId: doc.documentTypeId, today: view.today, chain: steps.map((s) => ({ positionId: s.positionId, kind: s.kind })), requireHolders: true });
    return { action: { type: 'submit' }, event: 'submitted', note };
}
