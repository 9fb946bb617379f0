// Before-drafting mode (seed 002): the records officer issued a number; the drafter attaches it
// to the document at registration. Called by the document workflow inside ITS transaction.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Tx } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { AppError } from '../errors.js';
import { numberEntries, type NumberEntryStatus } from './schema.js';

export type NumberEntryRow = typeof numberEntries.$inferSelect;

/** Lock an entry for a state change; NUMBER_ENTRY_NOT_FOUND if absent. */
export async function lockEntry(db: Db, entryId: string): Promise<NumberEntryRow> {
  const [row] = await db.select().from(numberEntries).where(eq(numberEntries.id, entryId)).for('update');
  if (!row) throw new AppError('NUMBER_ENTRY_NOT_FOUND', { entryId });
  return row;
}

function refuseState(entry: NumberEntryRow, allowed: NumberEntryStatus[]): void {
  if (allowed.includes(entry.status)) return;
  if (entry.status === 'cancelled') {
    throw new AppError('NUMBER_ENTRY_CANCELLED', { entryId: entry.id, number: entry.number }, { id: `Nomor ${entry.number} sudah dibatalkan${entry.cancelReason ? ` (${entry.cancelReason})` : ''} dan tidak dapat dipakai lagi.` });
  }
  throw new AppError('NUMBER_ENTRY_USED', { entryId: entry.id, number: entry.number, documentId: entry.documentId }, { id: `Nomor ${entry.number} sudah dipakai untuk naskah lain.` });
}

/**
 * Links a reserved number to a document and marks it used. Refuses, with an Indonesian reason,
 * a number of another unit's register (NUMBER_ENTRY_OTHER_UNIT), one already used
 * (NUMBER_ENTRY_USED) or cancelled (NUMBER_ENTRY_CANCELLED).
 */
export async function attachReservedNumber(
  tx: Tx,
  input: { entryId: string; documentId: string; unitId: string; actorUserId: string | null; at: Date },
): Promise<{ number: string; date: string; entryId: string; seq: number; classificationCode: string; documentTypeId: string | null }> {
  const entry = await lockEntry(tx.db, input.entryId);
  if (entry.unitId !== input.unitId) {
    throw new AppError('NUMBER_ENTRY_OTHER_UNIT', { entryId: entry.id, number: entry.number }, { id: `Nomor ${entry.number} milik register unit lain dan tidak dapat dipakai untuk naskah unit ini.` });
  }
  refuseState(entry, ['reserved']);
  await tx.db
    .update(numberEntries)
    .set({ status: 'used', documentId: input.documentId, usedAt: input.at, version: entry.version + 1 })
    .where(and(eq(numberEntries.id, entry.id), eq(numberEntries.status, 'reserved')));
  await recordAudit(tx.db, { at: input.at,
    actorUserId: input.actorUserId,
    action: 'numbering.attached',
    entityType: 'number_entry',
    entityId: entry.id,
    data: { number: entry.number, documentId: input.documentId },
  });
  return { number: entry.number, date: entry.date, entryId: entry.id, seq: entry.seq, classificationCode: entry.classificationCode, documentTypeId: entry.documentTypeId };
}

/** A reserved (not yet used) entry of a unit by its printed number, for a drafter who types it. */
export async function findReservedEntry(db: Db, unitId: string, number: string): Promise<NumberEntryRow | null> {
  const [row] = await db
    .select()
    .from(numberEntries)
    .where(and(eq(numberEntries.unitId, unitId), eq(numberEntries.number, number.trim()), eq(numberEntries.status, 'reserved')));
  return row ?? null;
}

export { refuseState };
