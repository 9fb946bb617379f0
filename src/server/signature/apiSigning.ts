// Signing through this module's own API (uploaded PDFs, or files already stored): the stamp
// shows the signer as the organisation knows him today, the QR code gets a fresh verification
// code registered with the signed file's hash. Bulk runs keep their progress in the database
// so any instance can report it; the unwrapped key lives only as long as the run.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { trackInflight, type AppContext } from '../context.js';
import { timed } from '../metrics.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { hasAnyRole, type Actor } from '../auth/actor.js';
import { AppError, isAppError } from '../errors.js';
import { sha256Hex } from '../files/blobStore.js';
import { files } from '../files/schema.js';
import { SIGNATURE_MARKER } from '../../shared/markers.js';
import { signatureBatches, signatureBatchItems } from './schema.js';
import { auditSigned, openSigningSession } from './signing.js';
import { signerProfile } from './signerIdentity.js';
import type { Appearance, PadesLevel, SignedPdf, SignItem, StampPlacement } from './signers/types.js';
import { newVerificationCode, registerVerification, verificationUrl } from './verificationCodes.js';

export const MAX_BATCH_ITEMS = 200;

export interface ApiSignOptions {
  level?: PadesLevel | undefined;
  visible?: boolean | undefined;
  placement?: StampPlacement | undefined;
  marker?: string | undefined;
  reason?: string | undefined;
  location?: string | undefined;
}

export function requireSigner(actor: Actor): void {
  if (!hasAnyRole(actor, 'signer')) throw new AppError('SIGNER_ROLE_REQUIRED');
}

/**
 * Signing an uploaded PDF bypasses the workflow (no verifier chain, no number, no register):
 * only signers the admin has also given `tte_outside_workflow`. The public registry labels
 * such documents "ditandatangani di luar alur naskah dinas".
 */
export function requireOutsideWorkflowSigner(actor: Actor): void {
  requireSigner(actor);
  if (!hasAnyRole(actor, 'tte_outside_workflow')) throw new AppError('SIGN_OUTSIDE_WORKFLOW_ROLE_REQUIRED');
}

async function appearanceFor(ctx: AppContext, userId: string, o: ApiSignOptions): Promise<Appearance> {
  if (o.visible === false) return { visible: false };
  const p = await signerProfile(ctx.database.db, userId, ctx.now(), ctx.config.timeZone);
  return {
    visible: true,
    placement: o.placement ?? { marker: o.marker ?? SIGNATURE_MARKER },
    signerName: p.name,
    signerTitle: p.title ?? p.organisation,
    nip: p.nip,
  };
}

function titleOf(name: string): string {
  return name.replace(/\.pdf$/i, '').slice(0, 200) || 'Dokumen';
}

export interface ApiSignResult extends SignedPdf {
  verificationCode: string;
  sha256: string;
}

/** Signs one uploaded PDF and registers its verification code. */
export async function signUploadedPdf(ctx: AppContext, actor: Actor, input: { pdf: Uint8Array; name: string; passphrase: string; options: ApiSignOptions }): Promise<ApiSignResult> {
  requireOutsideWorkflowSigner(actor);
  const appearance = await appearanceFor(ctx, actor.userId, input.options);
  const session = await openSigningSession(ctx, actor.userId, input.passphrase, { ip: actor.ip, via: 'api' });
  try {
    const code = newVerificationCode();
    const item = { pdf: input.pdf, appearance, verificationUrl: verificationUrl(ctx, code), reason: input.options.reason, location: input.options.location, level: input.options.level };
    const r = await session.sign(item);
    const sha256 = sha256Hex(r.pdf);
    await inTransaction(ctx.database, async (tx) => {
      await registerVerification(tx.db, { code, sha256, title: titleOf(input.name), signerName: appearance.visible ? appearance.signerName : actor.name, signerTitle: appearance.visible ? appearance.signerTitle : '' });
    });
    await auditSigned(ctx, actor.userId, item, r, session.signerKind, { ip: actor.ip, via: 'api' });
    return { ...r, verificationCode: code, sha256 };
  } finally {
    session.close();
  }
}

export interface BulkSource {
  name: string;
  pdf: Uint8Array;
  sourceFileId?: string | null;
}

/** Stored PDFs the actor uploaded, by id (for bulk signing of files already on the server). */
export async function loadOwnFiles(ctx: AppContext, actor: Actor, ids: string[]): Promise<BulkSource[]> {
  if (!ids.length) return [];
  const rows = await ctx.database.db.select().from(files).where(inArray(files.id, ids));
  const out: BulkSource[] = [];
  for (const id of ids) {
    const row = rows.find((r) => r.id === id);
    if (!row || row.createdBy !== actor.userId) throw new AppError('NOT_FOUND', { entity: 'file', id });
    out.push({ name: row.name, pdf: await ctx.blobs.get(row.sha256), sourceFileId: row.id });
  }
  return out;
}

/** Stores a PDF the actor uploaded, for a later bulk run by id. */
export async function storeUpload(ctx: AppContext, actor: Actor, name: string, pdf: Uint8Array): Promise<{ id: string; sha256: string; size: number; name: string }> {
  const { sha256, size } = await ctx.blobs.put(pdf);
  const row = await inTransaction(ctx.database, async (tx) => {
    const [f] = await tx.db.insert(files).values({ sha256, size, mime: 'application/pdf', name, createdBy: actor.userId }).returning();
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'signature.pdf_uploaded', entityType: 'file', entityId: f!.id, data: { name, sha256, size }, ip: actor.ip });
    return f!;
  });
  return { id: row.id, sha256, size, name };
}

/**
 * Starts a bulk run: the passphrase is checked first (a wrong one fails the request and
 * creates nothing), then the run is recorded and processed; `done` settles when it ends.
 */
export async function startBulkSigning(ctx: AppContext, actor: Actor, input: { sources: BulkSource[]; passphrase: string; options: ApiSignOptions }): Promise<{ batchId: string; done: Promise<void> }> {
  requireOutsideWorkflowSigner(actor);
  if (!input.sources.length) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.files', message: 'Pilih minimal satu dokumen' }] });
  if (input.sources.length > MAX_BATCH_ITEMS) throw new AppError('BATCH_TOO_LARGE', { max: MAX_BATCH_ITEMS });
  const appearance = await appearanceFor(ctx, actor.userId, input.options);
  const session = await openSigningSession(ctx, actor.userId, input.passphrase, { ip: actor.ip, via: 'bulk', eager: true });
  let batchId: string;
  let itemIds: string[];
  try {
    ({ batchId, itemIds } = await inTransaction(ctx.database, async (tx) => {
      const [batch] = await tx.db.insert(signatureBatches).values({ userId: actor.userId, total: input.sources.length }).returning();
      const items = await tx.db
        .insert(signatureBatchItems)
        .values(input.sources.map((s, i) => ({ batchId: batch!.id, key: String(i + 1), name: s.name, position: i, sourceFileId: s.sourceFileId ?? null })))
        .returning({ id: signatureBatchItems.id });
      await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'signature.bulk_started', entityType: 'signature_batch', entityId: batch!.id, data: { total: input.sources.length }, ip: actor.ip });
      return { batchId: batch!.id, itemIds: items.map((i) => i.id) };
    }));
  } catch (e) {
    session.close();
    throw e;
  }
  const done = (async () => {
    let ok = 0;
    let failed = 0;
    let abort: AppError | null = null;
    try {
      for (const [i, source] of input.sources.entries()) {
        const itemId = itemIds[i]!;
        let signed: { item: SignItem; r: SignedPdf; code: string; sha256: string; size: number } | null = null;
        // Shutdown: the rest is not signed by this run (the uploads stay; the signer runs them again).
        if (!abort && ctx.shutdown.signal.aborted) abort = new AppError('INTERRUPTED');
        let error: AppError | null = abort;
        if (!error) {
          try {
            const code = newVerificationCode();
            const item = { pdf: source.pdf, appearance, verificationUrl: verificationUrl(ctx, code), reason: input.options.reason, location: input.options.location, level: input.options.level };
            const r = await timed('signing', () => session.sign(item));
            const { sha256, size } = await ctx.blobs.put(r.pdf);
            signed = { item, r, code, sha256, size };
          } catch (e) {
            error = isAppError(e) ? e : new AppError('INTERNAL');
            if (!isAppError(e)) ctx.log.error({ err: e, batchId, item: i }, 'bulk signing item failed');
            if (error.code === 'PASSPHRASE_WRONG' || error.code === 'PASSPHRASE_LOCKED') abort = error;
          }
        }
        if (signed) ok++;
        else failed++;
        // Result, verification code, audit event and progress: one transaction per document.
        await inTransaction(ctx.database, async (tx) => {
          if (signed) {
            const [f] = await tx.db
              .insert(files)
              .values({ sha256: signed.sha256, size: signed.size, mime: 'application/pdf', name: source.name.replace(/(\.pdf)?$/i, '-ttd.pdf'), createdBy: actor.userId })
              .returning({ id: files.id });
            await registerVerification(tx.db, { code: signed.code, sha256: signed.sha256, fileId: f!.id, title: titleOf(source.name), signerName: appearance.visible ? appearance.signerName : actor.name, signerTitle: appearance.visible ? appearance.signerTitle : '' });
            await auditSigned(ctx, actor.userId, signed.item, signed.r, session.signerKind, { ip: actor.ip, via: 'bulk' }, tx.db);
            await tx.db.update(signatureBatchItems).set({ status: 'signed', resultFileId: f!.id, verificationCode: signed.code, updatedAt: ctx.now() }).where(eq(signatureBatchItems.id, itemId));
          } else {
            await tx.db.update(signatureBatchItems).set({ status: 'failed', errorCode: error!.code, errorMessage: error!.userMessage('id'), updatedAt: ctx.now() }).where(eq(signatureBatchItems.id, itemId));
          }
          await tx.db.update(signatureBatches).set({ succeeded: ok, failed, updatedAt: ctx.now() }).where(eq(signatureBatches.id, batchId));
        });
      }
    } finally {
      session.close();
      await inTransaction(ctx.database, async (tx) => {
        await tx.db.update(signatureBatches).set({ status: 'done', finishedAt: ctx.now(), updatedAt: ctx.now() }).where(eq(signatureBatches.id, batchId));
        await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'signature.bulk_finished', entityType: 'signature_batch', entityId: batchId, data: { succeeded: ok, failed }, ip: actor.ip });
      }).catch((err) => ctx.log.error({ err, batchId }, 'bulk signing could not be closed'));
    }
  })();
  done.catch((err) => ctx.log.error({ err, batchId }, 'bulk signing failed'));
  // A graceful shutdown (SIGTERM) lets the run finish before the process exits.
  trackInflight(ctx, done);
  return { batchId, done };
}

/** A run counts as interrupted when it stopped reporting (its process ended) for this long. */
const STALE_MS = 10 * 60_000;

export async function batchProgress(ctx: AppContext, actor: Actor, batchId: string) {
  const [batch] = await ctx.database.db.select().from(signatureBatches).where(eq(signatureBatches.id, batchId));
  if (!batch || batch.userId !== actor.userId) throw new AppError('BATCH_NOT_FOUND', { id: batchId });
  const items = await ctx.database.db.select().from(signatureBatchItems).where(eq(signatureBatchItems.batchId, batchId)).orderBy(asc(signatureBatchItems.position));
  const interrupted = batch.status === 'running' && ctx.now().getTime() - batch.updatedAt.getTime() > STALE_MS;
  return {
    id: batch.id,
    status: interrupted ? ('interrupted' as const) : batch.status,
    total: batch.total,
    succeeded: batch.succeeded,
    failed: batch.failed,
    pending: batch.total - batch.succeeded - batch.failed,
    createdAt: batch.createdAt,
    finishedAt: batch.finishedAt,
    items: items.map((i) => ({
      id: i.id,
      key: i.key,
      name: i.name,
      status: i.status,
      resultFileId: i.resultFileId,
      verificationCode: i.verificationCode,
      error: i.errorCode ? { code: i.errorCode, message: i.errorMessage ?? '' } : null,
    })),
  };
}

/** The signed PDF of a run's item, for its owner. */
export async function batchItemFile(ctx: AppContext, actor: Actor, batchId: string, itemId: string): Promise<typeof files.$inferSelect> {
  const [row] = await ctx.database.db
    .select({ userId: signatureBatches.userId, resultFileId: signatureBatchItems.resultFileId })
    .from(signatureBatchItems)
    .innerJoin(signatureBatches, eq(signatureBatches.id, signatureBatchItems.batchId))
    .where(and(eq(signatureBatchItems.id, itemId), eq(signatureBatchItems.batchId, batchId)));
  if (!row || row.userId !== actor.userId || !row.resultFileId) throw new AppError('NOT_FOUND', { entity: 'signed_file', id: itemId });
  const [f] = await ctx.database.db.select().from(files).where(eq(files.id, row.resultFileId));
  if (!f) throw new AppError('NOT_FOUND', { entity: 'file', id: row.resultFileId });
  return f;
}


