// Cancelling a number: the entry stays in the register, marked cancelled with the reason, and the
// sequence is never given again. The workflow calls cancelNumber inside its transaction (e.g. a
// signed document withdrawn); records officers cancel unused reserved numbers via the API.
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/tx.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { hasAnyRole, hasRole, type Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { getUnit } from '../org/units.js';
import { lockEntry, refuseState, type NumberEntryRow } from './attachReservedNumber.js';
import { numberEntries } from './schema.js';

export async function cancelNumber(tx: Tx, input: { entryId: string; reason: string; actorUserId: string | null; at: Date }): Promise<NumberEntryRow> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'reason', message: 'Alasan pembatalan wajib diisi' }] });
  const entry = await lockEntry(tx.db, input.entryId);
  refuseState(entry, ['reserved', 'used']);
  return applyCancel(tx, entry, reason, input.actorUserId, input.at);
}

async function applyCancel(tx: Tx, entry: NumberEntryRow, reason: string, actorUserId: string | null, at: Date): Promise<NumberEntryRow> {
  const [row] = await tx.db
    .update(numberEntries)
    .set({ status: 'cancelled', cancelledAt: at, cancelledBy: actorUserId, cancelReason: reason, version: entry.version + 1 })
    .where(eq(numberEntries.id, entry.id))
    .returning();
  await recordAudit(tx.db, { at,
    actorUserId,
    action: 'numbering.cancelled',
    entityType: 'number_entry',
    entityId: entry.id,
    data: { number: entry.number, reason, previousStatus: entry.status, documentId: entry.documentId },
  });
  return row!;
}

/**
 * Records officer (of the entry's unit or an ancestor) cancels a reserved number that no document
 * carries. A number on a document is cancelled through the document's workflow instead.
 */
export async function cancelNumberEntry(ctx: AppContext, actor: Actor, entryId: string, input: { reason: string; version: number }): Promise<NumberEntryRow> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.reason', message: 'Alasan pembatalan wajib diisi' }] });
  // Only records officers at all (403 before any lookup); one of another unit gets the answer a
  // made-up id gets (404), so the entry's existence is not told.
  if (!hasAnyRole(actor, 'records_officer')) throw new AppError('FORBIDDEN', { requiredRole: 'records_officer' });
  return inTransaction(ctx.database, async (tx) => {
    const entry = await lockEntry(tx.db, entryId);
    const unit = await getUnit(tx.db, entry.unitId);
    if (!hasRole(actor, 'records_officer', unit.path)) throw new AppError('NUMBER_ENTRY_NOT_FOUND', { entryId });
    if (entry.version !== input.version) throw new AppError('STALE_VERSION', { current: entry.version });
    refuseState(entry, ['reserved', 'used']);
    if (entry.status === 'used') throw new AppError('NUMBER_ENTRY_IN_USE', { entryId, documentId: entry.documentId });
    return applyCancel(tx, entry, reason, actor.userId, ctx.now());
  });
}
