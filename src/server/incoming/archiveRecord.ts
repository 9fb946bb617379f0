// An incoming letter becomes an archive record when it is registered (it has its agenda number,
// classification and scan): declared in the registration's transaction, with the scan's SHA-256,
// the OCR text when it is there already, the metadata and the letter's history so far.
import { asc, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/tx.js';
import { declareRecord, type RecordFile } from '../archive/index.js';
import { files } from '../files/schema.js';
import { isoDateIn } from '../../shared/dates.js';
import { agendaLabel } from './agenda.js';
import type { LetterRow } from './access.js';
import { incomingEvents } from './schema.js';

export async function declareIncomingRecord(ctx: AppContext, tx: Tx, row: LetterRow, actorUserId: string | null): Promise<{ recordId: string }> {
  const fileRows: RecordFile[] = [];
  if (row.fileId) {
    const [f] = await tx.db.select().from(files).where(eq(files.id, row.fileId));
    if (f) fileRows.push({ fileId: f.id, role: 'scan', name: f.name, sha256: f.sha256, size: Number(f.size) });
  }
  const timeline = await tx.db.select().from(incomingEvents).where(eq(incomingEvents.letterId, row.id)).orderBy(asc(incomingEvents.at), asc(incomingEvents.id));
  const sender = [row.senderJabatan, row.senderInstansi].filter(Boolean).join(', ');
  const r = await declareRecord(tx.db, {
    sourceKind: 'incoming',
    sourceId: row.id,
    unitId: row.receivingUnitId,
    classificationCode: row.classificationCode!,
    number: row.letterNumber,
    title: row.hal ?? '',
    documentDate: row.letterDate ?? isoDateIn(ctx.config.timeZone, row.receivedAt ?? ctx.now()),
    sifat: row.sifat,
    files: fileRows,
    ocrText: row.ocrStatus === 'done' ? row.ocrText : null,
    parties: sender ? [sender] : [],
    participants: { userIds: [row.registeredByUserId, actorUserId].filter((x): x is string => !!x), positionIds: row.addressedPositionId ? [row.addressedPositionId] : [] },
    snapshot: { kind: 'incoming', agenda: agendaLabel(row), letter: row, timeline },
    declaredByUserId: actorUserId,
    now: ctx.now(),
  });
  return { recordId: r.recordId };
}
