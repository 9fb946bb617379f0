// The OCR job: read the scan with the OCR engine (child processes; the event loop only waits),
// keep the searchable PDF, the text and the suggestions, and tell the owning domain in the
// same transaction. A property of the file (empty, encrypted, damaged) fails at once; a crash
// or timeout is retried by the queue, and the officer sees which it is.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { inTransaction, type Tx } from '../db/tx.js';
import { MIME, readFileBytes, storeFile } from '../files/storeFile.js';
import { OcrError, OcrMyPdfEngine, type OcrEngine } from './ocrEngine.js';
import { statusFromPages } from './messages.js';
import { ocrRuns } from './schema.js';
import { suggestLetterFields } from './suggestLetterFields.js';

export type OcrRun = typeof ocrRuns.$inferSelect;

/** Called in the transaction that records a finished run (done, partial, no_text or failed). */
export type OcrFinishedListener = (ctx: AppContext, tx: Tx, run: OcrRun) => Promise<void>;

const listeners = new Set<OcrFinishedListener>();

/** Other domains (incoming letters) attach the text to their record when a run finishes. */
export function onOcrFinished(listener: OcrFinishedListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** OCR=off: every run ends at once with "not installed" and the officer types the data. */
const offEngine: OcrEngine = {
  recognise: () => Promise.reject(new OcrError('engine_missing', 'OCR is switched off (OCR=off)', false)),
};

/** Called after the finished run is committed, outside any transaction (may open its own). */
export type OcrSettledListener = (ctx: AppContext, run: OcrRun) => Promise<void>;
const settledListeners = new Set<OcrSettledListener>();
export function onOcrSettled(listener: OcrSettledListener): () => void {
  settledListeners.add(listener);
  return () => settledListeners.delete(listener);
}
async function settled(ctx: AppContext, run: OcrRun): Promise<void> {
  for (const l of settledListeners) await l(ctx, run).catch((err) => ctx.log.warn({ err, runId: run.id }, 'OCR settled listener failed'));
}

const engines = new WeakMap<AppContext, OcrEngine>();

/** The context's OCR engine, from configuration. */
export function ocrEngine(ctx: AppContext): OcrEngine {
  let engine = engines.get(ctx);
  if (!engine) {
    const c = ctx.config.ocr;
    engine = c.engine === 'off' ? offEngine : new OcrMyPdfEngine({
      ocrmypdfPath: c.ocrmypdfPath,
      img2pdfPath: c.img2pdfPath,
      python: c.python,
      languages: c.languages,
      pageTimeoutSeconds: c.pageTimeoutSeconds,
      maxPages: c.maxPages,
      threads: c.threads,
      nice: c.nice,
    });
    engines.set(ctx, engine);
  }
  return engine;
}

/** Replace the engine of one context (an installation with another OCR program; tests of retries). */
export function useOcrEngine(ctx: AppContext, engine: OcrEngine): void {
  engines.set(ctx, engine);
}

export const OCR_RETRY_LIMIT = 2;

export async function recogniseScanJob(ctx: AppContext, data: { runId: string }, meta: { retryCount: number }): Promise<void> {
  const { db } = ctx.database;
  const [run] = await db.select().from(ocrRuns).where(eq(ocrRuns.id, data.runId));
  if (!run || (run.status !== 'queued' && run.status !== 'running')) return;
  await db
    .update(ocrRuns)
    .set({ status: 'running', attempts: run.attempts + 1, startedAt: ctx.now(), version: run.version + 1 })
    .where(eq(ocrRuns.id, run.id));
  const source = await readFileBytes(ctx, db, run.sourceFileId);

  try {
    const out = await ocrEngine(ctx).recognise(source.bytes);
    const base = source.row.name.replace(/\.[^.]+$/, '') || 'pindaian';
    const done = await inTransaction(ctx.database, async (tx) => {
      const pdf = await storeFile(ctx, tx.db, { bytes: out.pdf, name: `${base}-ocr.pdf`, mime: MIME.pdf, createdBy: run.requestedBy });
      const text = out.pageTexts.join('\f');
      const [finished] = await tx.db
        .update(ocrRuns)
        .set({
          status: statusFromPages(out.pages),
          failure: null,
          detail: null,
          outputFileId: pdf.id,
          pageCount: out.pageCount,
          pages: out.pages,
          text,
          suggestions: suggestLetterFields(text),
          pdfa: out.pdfa,
          finishedAt: ctx.now(),
          version: run.version + 2,
        })
        .where(eq(ocrRuns.id, run.id))
        .returning();
      for (const l of listeners) await l(ctx, tx, finished!);
      return finished!;
    });
    await settled(ctx, done);
  } catch (e) {
    if (!(e instanceof OcrError)) throw e;
    const willRetry = e.transient && meta.retryCount < OCR_RETRY_LIMIT;
    const after = await inTransaction(ctx.database, async (tx) => {
      const [after] = await tx.db
        .update(ocrRuns)
        .set({
          status: willRetry ? 'queued' : 'failed',
          failure: e.kind,
          detail: e.message.slice(0, 1000),
          finishedAt: willRetry ? null : ctx.now(),
          version: run.version + 2,
        })
        .where(eq(ocrRuns.id, run.id))
        .returning();
      if (!willRetry) for (const l of listeners) await l(ctx, tx, after!);
      return after!;
    });
    if (!willRetry) await settled(ctx, after);
    ctx.log.warn({ runId: run.id, kind: e.kind, detail: e.message, willRetry }, 'OCR failed');
    if (willRetry) throw e;
  }
}
