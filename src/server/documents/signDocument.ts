// The signer signs (seed 000 step 8, seed 002 step 8, seed 003 step 6): the number and date
// are fixed (if not given before drafting), filled into the .docx (or stamped on the PDF
// draft), the final PDF rendered and signed through the signature module, then delivered:
// internal recipients and tembusan get it in their inbox, external ones wait in the outbox.
//
// Three phases, because rendering and signing take time and must not hold row locks:
//   1. tx: checks, number allocation (the number then belongs to this document, also if
//      signing fails and is retried — it is never reused for another document);
//   2. render + sign (no transaction);
//   3. tx: re-check nothing moved, store files, sign transition, deliver.
import { and, eq, max } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { inTransaction, type Tx } from '../db/tx.js';
import { hasRole, type Actor } from '../auth/actor.js';
import { AppError, isAppError } from '../errors.js';
import { MIME, readFileBytes, storeFile } from '../files/storeFile.js';
import { sha256Hex } from '../files/blobStore.js';
import { positions, users, type HolderKind } from '../org/schema.js';
import { SIGNATURE_MARKER } from '../../shared/markers.js';
import { actorView, assertCurrentStepHolder, checkVersion, loadSteps, lockDocument, type ActorView, type DocumentRow, type StepRow } from './access.js';
import { applyTransition } from './applyTransition.js';
import { converterFor } from './converter.js';
import { allocateNumber, fillDocx, newVerificationCode, registerVerification, signPdf, signPdfBatch, stampTextOnPdf, verificationUrl } from './deps.js';
import { signerTitle, type SignerBlock } from './placeholderValues.js';
import { expandRecipients, loadRecipients } from './recipientNames.js';
import { documentDeliveries, documentDispatches, documents, documentVersions, signBatches, signBatchItems } from './schema.js';
import { documentPlaceholders } from './uploadVersion.js';
import { tanggalIndonesia } from '../../shared/dates.js';
import { getSetting } from '../settings/settings.js';

interface Prepared {
  doc: DocumentRow;
  steps: StepRow[];
  step: StepRow;
  capacity: HolderKind;
  signer: SignerBlock;
  number: string;
  date: string;
  code: string;
}

/** Phase 1: checks and the number. Returns what rendering needs. */
async function prepare(ctx: AppContext, view: ActorView, id: string, expectedVersion: number): Promise<Prepared> {
  return inTransaction(ctx.database, async (tx) => {
    const { doc, steps } = await lockDocument(tx.db, id);
    checkVersion(doc, expectedVersion);
    if (doc.status !== 'awaiting_signature') throw new AppError('WORKFLOW_NOT_AWAITING_SIGNATURE', { status: doc.status });
    const { step, capacity } = assertCurrentStepHolder(view, doc, steps);
    if (step.kind !== 'sign') throw new AppError('WORKFLOW_WRONG_STEP_KIND');
    const held = view.held.find((h) => h.positionId === step.positionId)!;
    if (!hasRole(view, 'signer', held.unitPath)) throw new AppError('FORBIDDEN', { requiredRole: 'signer' }, { id: 'Anda belum diberi peran penandatangan (TTE). Hubungi admin.' });

    let number = doc.number;
    let date = doc.documentDate;
    if (!number || !date) {
      date = view.today;
      const allocated = await allocateNumber(tx, {
        unitId: doc.issuingUnitId,
        year: Number(date.slice(0, 4)),
        documentTypeId: doc.documentTypeId,
        classificationCode: doc.classificationCode,
        documentId: doc.id,
        date,
        actorUserId: view.userId,
        hal: doc.hal,
      });
      number = allocated.number;
      // Not a state change the client tracks: the version stays, so the signer's retry works.
      await tx.db.update(documents).set({ number, documentDate: date, numberEntryId: allocated.entryId }).where(eq(documents.id, doc.id));
    }
    const [u] = await tx.db.select({ name: users.name, nip: users.nip }).from(users).where(eq(users.id, view.userId));
    const [pos] = await tx.db.select({ name: positions.name }).from(positions).where(eq(positions.id, step.positionId));
    const onBehalf = doc.onBehalfOfPositionId ? (await tx.db.select({ name: positions.name }).from(positions).where(eq(positions.id, doc.onBehalfOfPositionId)))[0]?.name : null;
    const signer: SignerBlock = { positionName: pos!.name, actingAs: capacity, onBehalfOfPositionName: onBehalf ?? null, name: u!.name, nip: u!.nip };
    return { doc: { ...doc, number, documentDate: date }, steps, step, capacity, signer, number: number!, date: date!, code: doc.verificationCode ?? newVerificationCode() };
  });
}

/** Phase 2a: the final, unsigned PDF with number, date and signer filled in. */
async function renderFinal(ctx: AppContext, p: Prepared): Promise<Uint8Array> {
  const { db } = ctx.database;
  const [version] = await db.select().from(documentVersions).where(eq(documentVersions.id, p.doc.currentVersionId!));
  if (!version) throw new AppError('DOCUMENT_NOT_READY');
  if (p.doc.draftKind === 'pdf') {
    const { bytes } = await readFileBytes(ctx, db, version.pdfFileId!);
    const marks = p.doc.pdfMarks ?? {};
    const items = [
      ...(marks.number ? [{ ...marks.number, text: p.number }] : []),
      ...(marks.date ? [{ ...marks.date, text: tanggalIndonesia(p.date) }] : []),
    ];
    return items.length ? stampTextOnPdf(bytes, items) : bytes;
  }
  const { bytes } = await readFileBytes(ctx, db, version.sourceFileId);
  const values = await documentPlaceholders(ctx, db, p.doc, { final: true, number: p.number, date: p.date, signer: p.signer });
  return (await converterFor(ctx)).convert(fillDocx(bytes, values), { pdfa: true });
}

function appearanceFor(p: Prepared) {
  if (p.doc.signatureVisibility === 'invisible') return { visible: false as const };
  const placement = p.doc.draftKind === 'pdf' ? p.doc.pdfMarks!.signature! : { marker: SIGNATURE_MARKER };
  return { visible: true as const, placement, signerName: p.signer.name, signerTitle: signerTitle(p.signer).replace(/,$/, ''), nip: p.signer.nip };
}

/** Phase 3: store, sign transition, deliver — all in one transaction. */
async function complete(ctx: AppContext, view: ActorView, p: Prepared, rendered: Uint8Array, signed: Uint8Array): Promise<DocumentRow> {
  return inTransaction(ctx.database, async (tx) => {
    const { doc, steps } = await lockDocument(tx.db, p.doc.id);
    // Someone may have acted meanwhile (cancelled, returned): then this signature is discarded.
    if (doc.version !== p.doc.version || doc.status !== 'awaiting_signature' || doc.currentStepOrder !== p.step.order) {
      throw new AppError('STALE_VERSION', { current: doc.version, status: doc.status });
    }
    const renderedFile = await storeFile(ctx, tx.db, { bytes: rendered, name: `${p.number.replace(/\//g, '-')}-final.pdf`, mime: MIME.pdf, createdBy: view.userId });
    const signedFile = await storeFile(ctx, tx.db, { bytes: signed, name: `${p.number.replace(/\//g, '-')}.pdf`, mime: MIME.pdf, createdBy: view.userId });
    const [maxN] = await tx.db.select({ n: max(documentVersions.n) }).from(documentVersions).where(eq(documentVersions.documentId, doc.id));
    const n = (maxN?.n ?? 0) + 1;
    const [finalVersion] = await tx.db
      .insert(documentVersions)
      .values({ documentId: doc.id, n, kind: 'final', sourceFileId: renderedFile.id, pdfFileId: renderedFile.id, conversionStatus: 'not_needed', createdBy: view.userId, note: 'Naskah final (nomor, tanggal dan penandatangan terisi) sebelum TTE', createdAt: ctx.now() })
      .returning();
    const title = signerTitle(p.signer).replace(/,$/, '');
    await registerVerification(tx.db, { code: p.code, sha256: sha256Hex(signed), fileId: signedFile.id, documentId: doc.id, title: doc.hal, number: p.number, date: p.date, signerName: p.signer.name, signerTitle: title });
    const signedDoc = await applyTransition({
      db: tx.db,
      view,
      doc,
      steps,
      action: { type: 'sign', step: p.step.order },
      now: ctx.now(),
      event: 'signed',
      capacity: p.capacity,
      data: { number: p.number },
      set: { signedFileId: signedFile.id, verificationCode: p.code, signedByUserId: view.userId, signedAs: title, currentVersionId: finalVersion!.id },
    });
    return deliverDocument(ctx, tx, view, signedDoc);
  });
}

/** Internal recipients and tembusan get it in their inbox; external ones wait in the outbox. */
export async function deliverDocument(ctx: AppContext, tx: Tx, view: ActorView, doc: DocumentRow): Promise<DocumentRow> {
  const now = ctx.now();
  const expanded = await expandRecipients(tx.db, await loadRecipients(tx.db, doc.id));
  if (expanded.positions.size) {
    await tx.db
      .insert(documentDeliveries)
      .values([...expanded.positions].map(([positionId, role]) => ({ documentId: doc.id, role, recipientPositionId: positionId, deliveredAt: now })))
      .onConflictDoNothing();
  }
  if (expanded.external.length) {
    await tx.db.insert(documentDispatches).values(
      expanded.external.map((e) => ({ documentId: doc.id, recipientId: e.recipientId, role: e.role, externalName: e.name, externalAddress: e.address, externalEmail: e.email, senderUnitId: doc.issuingUnitId, status: 'awaiting' as const, createdAt: now })),
    );
  }
  const steps = await loadSteps(tx.db, doc.id);
  return applyTransition({
    db: tx.db,
    view,
    doc,
    steps,
    action: { type: 'deliver' },
    now,
    event: 'delivered',
    data: { internal: expanded.positions.size, external: expanded.external.length, unitsWithoutHead: expanded.headless },
  });
}

async function signingLocation(db: Db): Promise<string> {
  return (await getSetting<string>(db, 'instance.region')) ?? 'Indonesia';
}

export async function signDocument(ctx: AppContext, actor: Actor, id: string, input: { version: number; passphrase: string }): Promise<DocumentRow> {
  const view = await actorView(ctx, ctx.database.db, actor);
  const p = await prepare(ctx, view, id, input.version);
  const rendered = await renderFinal(ctx, p);
  const { pdf } = await signPdf(ctx, {
    signerUserId: view.userId,
    passphrase: input.passphrase,
    pdf: rendered,
    appearance: appearanceFor(p),
    verificationUrl: verificationUrl(ctx, p.code),
    reason: `Penandatanganan naskah dinas ${p.number}`,
    location: await signingLocation(ctx.database.db),
  });
  return complete(ctx, view, p, rendered, pdf);
}

/**
 * Bulk signing: one passphrase for many documents. Starts in this process and returns the
 * batch id at once; each document succeeds or fails on its own; progress is in the database.
 */
export async function startBulkSign(ctx: AppContext, actor: Actor, input: { items: Array<{ id: string; version: number }>; passphrase: string }): Promise<{ batchId: string; done: Promise<void> }> {
  const view = await actorView(ctx, ctx.database.db, actor);
  const batchId = await inTransaction(ctx.database, async (tx) => {
    const [batch] = await tx.db.insert(signBatches).values({ userId: view.userId, total: input.items.length, createdAt: ctx.now() }).returning();
    await tx.db.insert(signBatchItems).values(input.items.map((i) => ({ batchId: batch!.id, documentId: i.id })));
    return batch!.id;
  });
  const finishItem = async (documentId: string, result: { ok: true } | { ok: false; error: unknown }) => {
    const err = result.ok ? null : result.error;
    await ctx.database.db
      .update(signBatchItems)
      .set({
        status: result.ok ? 'signed' : 'failed',
        errorCode: err ? (isAppError(err) ? err.code : 'INTERNAL') : null,
        errorMessage: err ? (isAppError(err) ? err.userMessage('id') : 'Kesalahan sistem') : null,
        finishedAt: ctx.now(),
      })
      .where(and(eq(signBatchItems.batchId, batchId), eq(signBatchItems.documentId, documentId)));
  };
  const done = (async () => {
    const prepared = new Map<string, { p: Prepared; rendered: Uint8Array }>();
    for (const item of input.items) {
      try {
        const p = await prepare(ctx, view, item.id, item.version);
        prepared.set(item.id, { p, rendered: await renderFinal(ctx, p) });
      } catch (error) {
        await finishItem(item.id, { ok: false, error });
      }
    }
    if (prepared.size) {
      const location = await signingLocation(ctx.database.db);
      try {
        await signPdfBatch(
          ctx,
          {
            signerUserId: view.userId,
            passphrase: input.passphrase,
            items: [...prepared.values()].map(({ p, rendered }) => ({
              key: p.doc.id,
              pdf: rendered,
              appearance: appearanceFor(p),
              verificationUrl: verificationUrl(ctx, p.code),
              reason: `Penandatanganan naskah dinas ${p.number}`,
              location,
            })),
          },
          async (key, result) => {
            const entry = prepared.get(key)!;
            if (result instanceof Error || !('pdf' in result) || !result.pdf) {
              await finishItem(key, { ok: false, error: result instanceof Error ? result : (result as { error?: unknown }).error });
              return;
            }
            try {
              await complete(ctx, view, entry.p, entry.rendered, result.pdf);
              await finishItem(key, { ok: true });
            } catch (error) {
              await finishItem(key, { ok: false, error });
            }
          },
        );
      } catch (error) {
        // The whole batch failed before any document (wrong passphrase, locked signing …).
        const pending = await ctx.database.db.select({ documentId: signBatchItems.documentId }).from(signBatchItems).where(and(eq(signBatchItems.batchId, batchId), eq(signBatchItems.status, 'pending')));
        for (const r of pending) await finishItem(r.documentId, { ok: false, error });
      }
    }
    await ctx.database.db.update(signBatches).set({ finishedAt: ctx.now() }).where(eq(signBatches.id, batchId));
  })().catch((err) => ctx.log.error({ err, batchId }, 'bulk signing failed'));
  return { batchId, done };
}

export async function getSignBatch(ctx: AppContext, actor: Actor, batchId: string) {
  const [batch] = await ctx.database.db.select().from(signBatches).where(and(eq(signBatches.id, batchId), eq(signBatches.userId, actor.userId)));
  if (!batch) throw new AppError('NOT_FOUND', { entity: 'sign_batch', id: batchId });
  const items = await ctx.database.db
    .select({ documentId: signBatchItems.documentId, status: signBatchItems.status, errorCode: signBatchItems.errorCode, errorMessage: signBatchItems.errorMessage, hal: documents.hal, number: documents.number })
    .from(signBatchItems)
    .innerJoin(documents, eq(documents.id, signBatchItems.documentId))
    .where(eq(signBatchItems.batchId, batchId));
  // A batch whose process died leaves pending items: after 15 minutes report them as interrupted.
  const stale = !batch.finishedAt && ctx.now().getTime() - batch.createdAt.getTime() > 15 * 60_000;
  return {
    id: batch.id,
    total: batch.total,
    signed: items.filter((i) => i.status === 'signed').length,
    failed: items.filter((i) => i.status === 'failed').length + (stale ? items.filter((i) => i.status === 'pending').length : 0),
    finished: Boolean(batch.finishedAt) || stale,
    items: items.map((i) => (stale && i.status === 'pending' ? { ...i, status: 'failed' as const, errorCode: 'INTERRUPTED', errorMessage: 'Proses terhenti sebelum naskah ini ditandatangani; ulangi.' } : i)),
  };
}

