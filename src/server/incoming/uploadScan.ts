// Catat surat masuk, scan first: the records officer's upload becomes a letter waiting to be
// registered, with its OCR run requested in the same transaction.
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { recordsUnitFor, viewerOf, type LetterRow } from './access.js';
import { requestLetterOcr } from './ocr.js';
import { createPendingRegistration } from './pending.js';
import type { ScanInput } from './scanToPdf.js';

/**
 * The officer uploads the scan first (Catat surat masuk): it is stored as a letter waiting to be
 * registered, and the OCR job reads it while he fills in the form; its suggestions (number,
 * date, hal) appear for him to take over or correct before he registers it.
 */
export async function uploadScanForRegistration(ctx: AppContext, actor: Actor, input: { receivingUnitId?: string | null | undefined }, scan: ScanInput[]): Promise<LetterRow> {
  const db = ctx.database.db;
  const v = await viewerOf(ctx, db, actor);
  const unit = await recordsUnitFor(db, v, input.receivingUnitId);
  if (!scan.length) throw new AppError('INCOMING_SCAN_REQUIRED');
  // Files are parsed only after authorisation (createPendingRegistration converts them).
  return inTransaction(ctx.database, async (tx) => {
    const row = await createPendingRegistration(ctx, { unitId: unit.id, source: 'scan', files: scan, ocr: true, createdByUserId: actor.userId }, tx);
    await requestLetterOcr(ctx, tx, row, actor.userId);
    return row;
  });
}
