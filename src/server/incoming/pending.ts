// Letters waiting for the records officer: an e-mail read from the unit's mailbox, or a batch
// from a scanner. Intake creates them (no agenda number yet); the officer checks the suggested
// metadata and registers them (registerIncomingLetter with `pending`), or discards them.
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { inTransaction, type Tx } from '../db/tx.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { storeFile, MIME } from '../files/storeFile.js';
import { getLetterRow, isRecordsOfficerOf, unitPathOf, viewerOf, type LetterRow } from './access.js';
import { recordLetterEvent } from './letterEvents.js';
import { emitIncomingEvent } from './listeners.js';
import { prepareScan, type ScanInput } from './scanToPdf.js';
import { incomingLetters, type IncomingOcrStatus } from './schema.js';

export interface PendingRegistrationInput {
  /** The receiving unit (whose records officer will register it). */
  unitId: string;
  source: 'email' | 'scan';
  /** The scan or the e-mail's PDF/image attachments, in order (become one PDF). */
  files: ScanInput[];
  /** What came with it: for e-mail {from, subject, body, messageId, uid, mailbox}. */
  intake?: Record<string, unknown>;
  receivedAt?: Date;
  /** Metadata guesses the officer may take over (e.g. the e-mail's sender, subject). */
  suggestions?: { senderInstansi?: string; senderEmail?: string; senderName?: string; hal?: string; letterNumber?: string; letterDate?: string };
  /** Ask for a text layer (the OCR job sets it with attachOcrText). */
  ocr?: boolean;
  /** The officer who uploaded it by hand (none for intake jobs). */
  createdByUserId?: string | null;
}

/**
 * For intake jobs (no user): store the files as one PDF and create the pending letter. Bad
 * files throw an AppError (INCOMING_SCAN_KIND, PDF_INVALID, PDF_ENCRYPTED, INCOMING_TOO_MANY_PAGES
 * …) and nothing is stored. Pass `tx` to create it inside the intake's own transaction (e.g.
 * together with the IMAP UID it came from).
 */
export async function createPendingRegistration(ctx: AppContext, input: PendingRegistrationInput, tx?: Tx): Promise<LetterRow> {
  const pdf = await prepareScan(input.files);
  const write = async (t: Tx) => {
    const file = await storeFile(ctx, t.db, { bytes: pdf.bytes, name: pdf.name, mime: MIME.pdf, createdBy: input.createdByUserId ?? null });
    const now = ctx.now();
    const s = input.suggestions ?? {};
    const [row] = await t.db
      .insert(incomingLetters)
      .values({
        receivingUnitId: input.unitId,
        status: 'pending',
        source: input.source,
        senderInstansi: s.senderInstansi ?? null,
        senderEmail: s.senderEmail ?? null,
        senderName: s.senderName ?? null,
        hal: s.hal ?? null,
        letterNumber: s.letterNumber ?? null,
        letterDate: s.letterDate ?? null,
        receivedAt: input.receivedAt ?? now,
        fileId: file.id,
        fileSha256: pdf.sha256,
        pages: pdf.pages,
        ocrStatus: input.ocr ? 'pending' : 'none',
        intake: input.intake ?? null,
        createdByUserId: input.createdByUserId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordLetterEvent(t.db, { letterId: row!.id, at: now, actorUserId: null, action: 'pending_created', domain: 'incoming', data: { source: input.source, pages: pdf.pages } });
    await emitIncomingEvent(ctx, t, { type: 'incoming.pending', letterId: row!.id, unitId: input.unitId, source: input.source });
    return row!;
  };
  return tx ? write(tx) : inTransaction(ctx.database, write);
}

/**
 * For the OCR job: the text layer's text, the status, and suggestions (number, date, hal) the
 * officer may take over. Optionally the OCR'd PDF replaces the stored scan (same pages).
 */
export async function attachOcrText(
  ctx: AppContext,
  letterId: string,
  result: {
    status: Extract<IncomingOcrStatus, 'running' | 'done' | 'failed'>;
    text?: string | null;
    error?: string | null;
    suggestions?: { letterNumber?: string; letterDate?: string; hal?: string };
    pdf?: { bytes: Uint8Array; name?: string };
    /** The scan the run read: a result for a scan the officer has since replaced is dropped. */
    sourceFileId?: string;
  },
): Promise<void> {
  const current = await getLetterRow(ctx.database.db, letterId);
  if (!current) throw new AppError('INCOMING_NOT_FOUND', { id: letterId });
  if (result.sourceFileId && current.fileId !== result.sourceFileId) return;
  const file = result.pdf ? await storeFile(ctx, ctx.database.db, { bytes: result.pdf.bytes, name: result.pdf.name ?? 'surat-masuk-ocr.pdf', mime: MIME.pdf, createdBy: null }) : null;
  await inTransaction(ctx.database, async (tx) => {
    const row = await getLetterRow(tx.db, letterId, { lock: true });
    if (!row) throw new AppError('INCOMING_NOT_FOUND', { id: letterId });
    if (result.sourceFileId && row.fileId !== result.sourceFileId) return;
    const now = ctx.now();
    await tx.db
      .update(incomingLetters)
      .set({
        ocrStatus: result.status,
        ...(result.text !== undefined ? { ocrText: result.text } : {}),
        ocrError: result.error ?? null,
        ...(result.suggestions ? { ocrSuggestions: result.suggestions } : {}),
        ...(file ? { fileId: file.id } : {}),
        updatedAt: now,
      })
      .where(eq(incomingLetters.id, letterId));
    if (result.status !== 'running') await recordLetterEvent(tx.db, { letterId, at: now, actorUserId: null, action: result.status === 'done' ? 'ocr_done' : 'ocr_failed', domain: 'incoming', note: result.error ?? null });
  });
}

/** The records officer throws away a pending letter (spam, not a letter); it stays in the history. */
export async function discardPending(ctx: AppContext, actor: Actor, id: string, expectedVersion: number, reason: string): Promise<LetterRow> {
  return inTransaction(ctx.database, async (tx) => {
    const v = await viewerOf(ctx, tx.db, actor);
    const row = await getLetterRow(tx.db, id, { lock: true });
    if (!row || !isRecordsOfficerOf(v, await unitPathOf(tx.db, row.receivingUnitId))) throw new AppError('INCOMING_NOT_FOUND', { id });
    if (row.version !== expectedVersion) throw new AppError('STALE_VERSION', { current: row.version });
    if (row.status !== 'pending') throw new AppError('INCOMING_NOT_PENDING');
    const now = ctx.now();
    const [out] = await tx.db.update(incomingLetters).set({ status: 'discarded', updatedAt: now, version: row.version + 1 }).where(and(eq(incomingLetters.id, id))).returning();
    await recordLetterEvent(tx.db, { letterId: id, at: now, actorUserId: v.userId, action: 'discarded', domain: 'incoming', note: reason, ip: v.ip });
    return out!;
  });
}

/** Pending letters of a unit (the officer's "Menunggu dicatat" list). */
export async function countPending(ctx: AppContext, unitId: string): Promise<number> {
  const r = await ctx.database.db.execute<{ n: string }>(sql`select count(*) as n from incoming_letters where receiving_unit_id = ${unitId} and status = 'pending'`);
  return Number(r.rows[0]?.n ?? 0);
}
