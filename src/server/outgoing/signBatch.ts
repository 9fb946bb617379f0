// Bulk signing (TTE massal): one passphrase entry for many letters awaiting the signer.
//
// The batch, its items (document + the version the signer chose, in his order) and each item's
// outcome are rows; only the passphrase is not. It stays in the memory of the process the
// signer gave it to, by law and by design: the signature-creation data must be under the
// signer's sole control while signing (UU ITE art. 11 (1) b), so no queue, table or job payload
// ever holds it, not even encrypted. What survives a restart is therefore the batch, not the
// secret:
//   - shutdown (SIGTERM) stops a run at its next item, marks the rest `INTERRUPTED` and lets
//     the process exit; the drain waits for one letter, not for two hundred;
//   - a process that dies (kill -9, power loss) leaves pending items; once its worker heartbeat
//     is stale they are marked `INTERRUPTED` the same way, and an item whose letter the
//     signer's transaction had already signed is marked signed, not failed;
//   - the signer resumes the batch with his passphrase (POST /sign-batches/{id}/resume): every
//     item not signed runs again, each still bound to the version he chose, and his recent
//     batches are listed so the page finds them after a reload or on another device.
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { trackInflight } from '../context.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/tx.js';
import type { Actor } from '../auth/actor.js';
import { AppError, isAppError } from '../errors.js';
import { recordEvent } from '../audit/recordEvent.js';
import { actorView, documentAccess, loadSteps, type ActorView } from './access.js';
import { openSigningSession, type SigningSession } from './deps.js';
import { signWithSession } from './signDocument.js';
import { documents, signBatches, signBatchItems } from './schema.js';

/** Batches running in this process (a batch of this process's worker id is alive only if listed). */
const runningHere = new Set<string>();

const INTERRUPTED_MESSAGE = 'Proses terhenti sebelum naskah ini ditandatangani; lanjutkan dengan passphrase Anda.';

interface Item {
  documentId: string;
  version: number;
}

/**
 * Starts a batch: the passphrase is checked first where the signer can check it (a wrong one
 * fails the request and creates nothing), then the batch is written and run in this process.
 */
export async function startBulkSign(ctx: AppContext, actor: Actor, input: { items: Array<{ id: string; version: number }>; passphrase: string }): Promise<{ batchId: string; done: Promise<void> }> {
  const view = await actorView(ctx, ctx.database.db, actor);
  // Every id must be a document the signer may see, as GET /documents/{id} decides; otherwise the
  // whole batch is refused, with the same answer for an unknown id and someone else's letter.
  const unseen = await invisibleDocuments(ctx.database.db, view, input.items.map((i) => i.id));
  if (unseen.length) throw new AppError('DOCUMENT_NOT_FOUND', { items: unseen.map((id) => ({ id, code: 'DOCUMENT_NOT_FOUND' })) });
  const seen = new Set<string>();
  const items: Item[] = input.items.filter((i) => !seen.has(i.id) && seen.add(i.id)).map((i) => ({ documentId: i.id, version: i.version }));
  const via = { ip: actor.ip ?? null, via: 'bulk' };
  const session = await openSigningSession(ctx, view.userId, input.passphrase, { ...via, eager: true });
  try {
    // The batch runs in this process: its liveness is this process's heartbeat.
    await ctx.jobs.startHeartbeat();
    const batchId = await inTransaction(ctx.database, async (tx) => {
      const [batch] = await tx.db.insert(signBatches).values({ userId: view.userId, total: items.length, createdAt: ctx.now(), workerId: ctx.jobs.workerId }).returning();
      await tx.db.insert(signBatchItems).values(items.map((i, position) => ({ batchId: batch!.id, documentId: i.documentId, version: i.version, position })));
      await recordEvent(tx.db, { at: ctx.now(), actorUserId: view.userId, action: 'outgoing.bulk_sign_started', entityType: 'sign_batch', entityId: batch!.id, data: { total: items.length, documentIds: items.map((i) => i.documentId) }, ip: actor.ip ?? null });
      return batch!.id;
    });
    return { batchId, done: run(ctx, view, session, batchId, items, via) };
  } catch (e) {
    session.close();
    throw e;
  }
}

/** Runs again every item of a finished (or interrupted) batch that is not signed. */
export async function resumeBulkSign(ctx: AppContext, actor: Actor, batchId: string, input: { passphrase: string }): Promise<{ batchId: string; done: Promise<void> }> {
  const view = await actorView(ctx, ctx.database.db, actor);
  const batch = await ownBatch(ctx, actor, batchId);
  if (!batch.finishedAt && (await batchAlive(ctx, batch))) throw new AppError('SIGN_BATCH_RUNNING');
  const resumable = await resumableItems(ctx.database.db, batchId);
  if (!resumable.length) throw new AppError('SIGN_BATCH_NOTHING_TO_RESUME');
  const via = { ip: actor.ip ?? null, via: 'bulk' };
  const session = await openSigningSession(ctx, view.userId, input.passphrase, { ...via, eager: true });
  try {
    await ctx.jobs.startHeartbeat();
    const items = await inTransaction(ctx.database, async (tx) => {
      const [locked] = await tx.db.select().from(signBatches).where(eq(signBatches.id, batchId)).for('update');
      // Another resume, here or on another instance, got there first.
      if (!locked!.finishedAt && !stillDead(ctx, locked!, batch)) throw new AppError('SIGN_BATCH_RUNNING');
      if (!locked!.finishedAt) await markInterrupted(tx.db, ctx, locked!);
      const rows = await resumableItems(tx.db, batchId);
      if (!rows.length) throw new AppError('SIGN_BATCH_NOTHING_TO_RESUME');
      await tx.db
        .update(signBatchItems)
        .set({ status: 'pending', errorCode: null, errorMessage: null, finishedAt: null })
        .where(inArray(signBatchItems.id, rows.map((r) => r.id)));
      await tx.db.update(signBatches).set({ finishedAt: null, workerId: ctx.jobs.workerId }).where(eq(signBatches.id, batchId));
      await recordEvent(tx.db, { at: ctx.now(), actorUserId: view.userId, action: 'outgoing.bulk_sign_resumed', entityType: 'sign_batch', entityId: batchId, data: { items: rows.length }, ip: actor.ip ?? null });
      return rows.map((r) => ({ documentId: r.documentId, version: r.version! }));
    });
    return { batchId, done: run(ctx, view, session, batchId, items, via) };
  } catch (e) {
    session.close();
    throw e;
  }
}

/** Items of a batch that a resume runs again: not signed, with the version the signer chose. */
async function resumableItems(db: Db, batchId: string) {
  return db
    .select({ id: signBatchItems.id, documentId: signBatchItems.documentId, version: signBatchItems.version })
    .from(signBatchItems)
    .where(and(eq(signBatchItems.batchId, batchId), inArray(signBatchItems.status, ['failed', 'pending']), isNotNull(signBatchItems.version)))
    .orderBy(asc(signBatchItems.position));
}

/** The run: item after item, each signed (one transaction) or failed on its own. */
function run(ctx: AppContext, view: ActorView, session: SigningSession, batchId: string, items: Item[], via: { ip: string | null; via: string }): Promise<void> {
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
  runningHere.add(batchId);
  const done = (async () => {
    let abort: unknown = null;
    try {
      for (const item of items) {
        if (!abort && ctx.shutdown.signal.aborted) {
          ctx.log.info({ batchId }, 'shutdown: bulk signing stops here; the signer can resume');
          break;
        }
        if (abort) {
          await finishItem(item.documentId, { ok: false, error: abort });
          continue;
        }
        try {
          await signWithSession(ctx, view, session, item.documentId, item.version, via);
          await finishItem(item.documentId, { ok: true });
        } catch (error) {
          // BSrE reports a wrong passphrase at the first document: trying more would only lock the account.
          if (isAppError(error) && (error.code === 'PASSPHRASE_WRONG' || error.code === 'PASSPHRASE_LOCKED')) abort = error;
          if (!isAppError(error)) ctx.log.error({ err: error, documentId: item.documentId }, 'bulk signing item failed');
          await finishItem(item.documentId, { ok: false, error });
        }
      }
    } finally {
      session.close();
      await inTransaction(ctx.database, async (tx) => {
        const [batch] = await tx.db.select().from(signBatches).where(eq(signBatches.id, batchId)).for('update');
        await markInterrupted(tx.db, ctx, batch!);
      }).catch((err) => ctx.log.error({ err, batchId }, 'bulk signing batch could not be closed'));
      runningHere.delete(batchId);
    }
  })().catch((err) => ctx.log.error({ err, batchId }, 'bulk signing failed'));
  // A graceful shutdown waits for the run (which stops at its next item).
  return trackInflight(ctx, done);
}

/**
 * Finishes a batch: its pending items whose letters the signer's own transaction signed (the
 * process died between that commit and the item's row) are signed; the others are interrupted.
 */
async function markInterrupted(db: Db, ctx: AppContext, batch: typeof signBatches.$inferSelect): Promise<void> {
  const pending = and(eq(signBatchItems.batchId, batch.id), eq(signBatchItems.status, 'pending'));
  const signedByHim = sql`${signBatchItems.documentId} in (select ${documents.id} from ${documents} where ${documents.signedFileId} is not null and ${documents.signedByUserId} = ${batch.userId})`;
  await db.update(signBatchItems).set({ status: 'signed', finishedAt: ctx.now() }).where(and(pending, signedByHim));
  await db.update(signBatchItems).set({ status: 'failed', errorCode: 'INTERRUPTED', errorMessage: INTERRUPTED_MESSAGE, finishedAt: ctx.now() }).where(pending);
  if (!batch.finishedAt) await db.update(signBatches).set({ finishedAt: ctx.now() }).where(eq(signBatches.id, batch.id));
}

/** Whether the process running an unfinished batch is alive. */
async function batchAlive(ctx: AppContext, batch: typeof signBatches.$inferSelect): Promise<boolean> {
  if (batch.workerId === ctx.jobs.workerId) return runningHere.has(batch.id);
  // Batches from before worker ids fall back to a 15-minute age.
  return batch.workerId ? ctx.jobs.isWorkerAlive(batch.workerId) : ctx.now().getTime() - batch.createdAt.getTime() <= 15 * 60_000;
}

/**
 * Under the batch's row lock: is the run found dead (`observed`, checked before the transaction:
 * the heartbeat query needs a connection of its own) still the run of the row? A resume that
 * took the batch over meanwhile changed its worker, or runs in this process.
 */
function stillDead(ctx: AppContext, locked: typeof signBatches.$inferSelect, observed: typeof signBatches.$inferSelect): boolean {
  if (locked.workerId === ctx.jobs.workerId) return !runningHere.has(locked.id);
  return locked.workerId === observed.workerId;
}

async function ownBatch(ctx: AppContext, actor: Actor, batchId: string) {
  const [batch] = await ctx.database.db.select().from(signBatches).where(and(eq(signBatches.id, batchId), eq(signBatches.userId, actor.userId)));
  if (!batch) throw new AppError('NOT_FOUND', { entity: 'sign_batch', id: batchId });
  return batch;
}

/** Ids (of those given) that do not exist or that the actor may not see. */
async function invisibleDocuments(db: Db, view: ActorView, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const rows = unique.length ? await db.select().from(documents).where(inArray(documents.id, unique)) : [];
  const out: string[] = [];
  for (const id of unique) {
    const doc = rows.find((r) => r.id === id);
    if (!doc || !(await documentAccess(db, view, doc, await loadSteps(db, id)))) out.push(id);
  }
  return out;
}

export async function getSignBatch(ctx: AppContext, actor: Actor, batchId: string) {
  let batch = await ownBatch(ctx, actor, batchId);
  // A batch whose process died leaves pending items: once its worker's heartbeat is stale
  // (JOB_WORKER_TIMEOUT_SECONDS) they are marked interrupted, so the signer sees them and resumes.
  if (!batch.finishedAt && !(await batchAlive(ctx, batch))) {
    await inTransaction(ctx.database, async (tx) => {
      const [locked] = await tx.db.select().from(signBatches).where(and(eq(signBatches.id, batchId), isNull(signBatches.finishedAt))).for('update');
      if (locked && stillDead(ctx, locked, batch)) await markInterrupted(tx.db, ctx, locked);
    });
    ctx.log.warn({ batchId }, 'bulk signing batch of a dead worker marked interrupted');
    batch = await ownBatch(ctx, actor, batchId);
  }
  const items = await ctx.database.db
    .select({ documentId: signBatchItems.documentId, status: signBatchItems.status, errorCode: signBatchItems.errorCode, errorMessage: signBatchItems.errorMessage, version: signBatchItems.version, hal: documents.hal, number: documents.number })
    .from(signBatchItems)
    .innerJoin(documents, eq(documents.id, signBatchItems.documentId))
    .where(eq(signBatchItems.batchId, batchId))
    .orderBy(asc(signBatchItems.position));
  // Subjects only of letters the signer may (still) see.
  const view = await actorView(ctx, ctx.database.db, actor);
  const hidden = new Set(await invisibleDocuments(ctx.database.db, view, items.map((i) => i.documentId)));
  const finished = Boolean(batch.finishedAt);
  return {
    id: batch.id,
    total: batch.total,
    signed: items.filter((i) => i.status === 'signed').length,
    failed: items.filter((i) => i.status === 'failed').length,
    interrupted: items.filter((i) => i.errorCode === 'INTERRUPTED').length,
    resumable: finished ? items.filter((i) => i.status !== 'signed' && i.version !== null).length : 0,
    finished,
    createdAt: batch.createdAt.toISOString(),
    items: items.map(({ version: _v, ...i }) => (hidden.has(i.documentId) ? { ...i, hal: '', number: null } : i)),
  };
}

/** The signer's batches of the last 7 days, newest first (the page finds them after a reload). */
export async function listSignBatches(ctx: AppContext, actor: Actor) {
  const db = ctx.database.db;
  const since = new Date(ctx.now().getTime() - 7 * 86_400_000);
  const batches = await db
    .select()
    .from(signBatches)
    .where(and(eq(signBatches.userId, actor.userId), gte(signBatches.createdAt, since)))
    .orderBy(desc(signBatches.createdAt))
    .limit(10);
  // The page asks for this on every visit: counts in one statement, not each batch's item list.
  // Only a batch left unfinished (rare: running, or its process died) is looked at in full.
  const counts = batches.length
    ? await db
        .select({
          batchId: signBatchItems.batchId,
          signed: sql<number>`count(*) filter (where ${signBatchItems.status} = 'signed')::int`,
          failed: sql<number>`count(*) filter (where ${signBatchItems.status} = 'failed')::int`,
          interrupted: sql<number>`count(*) filter (where ${signBatchItems.errorCode} = 'INTERRUPTED')::int`,
          resumable: sql<number>`count(*) filter (where ${signBatchItems.status} <> 'signed' and ${signBatchItems.version} is not null)::int`,
        })
        .from(signBatchItems)
        .where(inArray(signBatchItems.batchId, batches.map((b) => b.id)))
        .groupBy(signBatchItems.batchId)
    : [];
  const out = [];
  for (const b of batches) {
    if (!b.finishedAt) {
      const { items: _items, ...summary } = await getSignBatch(ctx, actor, b.id);
      out.push(summary);
      continue;
    }
    const c = counts.find((x) => x.batchId === b.id);
    out.push({ id: b.id, total: b.total, signed: c?.signed ?? 0, failed: c?.failed ?? 0, interrupted: c?.interrupted ?? 0, resumable: c?.resumable ?? 0, finished: true, createdAt: b.createdAt.toISOString() });
  }
  return out;
}
