// Read an OCR run with the officer's sentence about its state.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { readFileBytes } from '../files/storeFile.js';
import { AppError, type Lang } from '../errors.js';
import { ocrStatusMessage } from './messages.js';
import { ocrRuns } from './schema.js';

export async function getOcrRun(db: Db, runId: string) {
  const [run] = await db.select().from(ocrRuns).where(eq(ocrRuns.id, runId));
  if (!run) throw new AppError('NOT_FOUND', { entity: 'ocr_run', id: runId });
  return run;
}

/** The latest run for an owner (e.g. an incoming letter), or null. */
export async function latestOcrRunFor(db: Db, ownerType: string, ownerId: string) {
  const rows = await db.select().from(ocrRuns).where(eq(ocrRuns.ownerId, ownerId)).orderBy(ocrRuns.createdAt);
  return rows.filter((r) => r.ownerType === ownerType).pop() ?? null;
}

/** The public view of a run: state, message, pages, suggestions (no engine details). */
export function ocrRunView(run: typeof ocrRuns.$inferSelect, lang: Lang) {
  return {
    id: run.id,
    status: run.status,
    message: ocrStatusMessage(run, lang),
    pageCount: run.pageCount,
    pages: run.pages,
    suggestions: run.suggestions,
    outputFileId: run.outputFileId,
    hasText: !!run.text && run.text.replace(/\f/g, '').trim().length > 0,
    attempts: run.attempts,
    finishedAt: run.finishedAt,
  };
}

/** The searchable PDF of a run. */
export async function readOcrOutput(ctx: AppContext, fileId: string): Promise<Buffer> {
  return (await readFileBytes(ctx, ctx.database.db, fileId)).bytes;
}
