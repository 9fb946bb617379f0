// Internal arrival: an outgoing letter of another Naskah unit delivered to a position of this
// unit becomes an incoming letter of the receiving unit (its agenda, its dispositions) with the
// metadata and signed PDF it already has — nobody types it again.
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { yearIn } from '../../shared/dates.js';
import { agendaLabel, agendaSeriesFor, allocateAgendaNumber } from './agenda.js';
import { viewerOf, type LetterRow } from './access.js';
import { recordLetterEvent } from './letterEvents.js';
import { incomingLetters, type IncomingSifat, type IncomingUrgensi } from './schema.js';

type DeliveredRow = {
  delivery_id: string;
  position_id: string;
  delivered_at: Date;
  read_at: Date | null;
  read_by_user_id: string | null;
  unit_path: string;
  hal: string;
  number: string | null;
  document_date: string | null;
  sifat: IncomingSifat;
  urgensi: IncomingUrgensi;
  classification_code: string;
  lampiran: string;
  signed_file_id: string | null;
  signed_as: string | null;
  issuing_unit_name: string;
  issuing_unit_address: string | null;
  signer_position_name: string;
  signer_name: string | null;
};

/** The incoming letter for a document delivered to one of the actor's positions (created on first use). */
export async function incomingFromDocument(ctx: AppContext, actor: Actor, documentId: string): Promise<LetterRow> {
  const db = ctx.database.db;
  const v = await viewerOf(ctx, db, actor);
  if (!v.positionIds.length) throw new AppError('INCOMING_NOT_DELIVERED_TO_YOU', { documentId });
  const r = await db.execute<DeliveredRow>(sql`
    select d.id as delivery_id, d.recipient_position_id as position_id, d.delivered_at, d.read_at, d.read_by_user_id, u.path as unit_path,
           doc.hal, doc.number, doc.document_date, doc.sifat, doc.urgensi, doc.classification_code, doc.lampiran, doc.signed_file_id, doc.signed_as,
           iu.name as issuing_unit_name, iu.address as issuing_unit_address, sp.name as signer_position_name, su.name as signer_name
    from document_deliveries d
    join documents doc on doc.id = d.document_id
    join positions p on p.id = d.recipient_position_id
    join units u on u.id = p.unit_id
    join units iu on iu.id = doc.issuing_unit_id
    join positions sp on sp.id = doc.signer_position_id
    left join users su on su.id = doc.signed_by_user_id
    where d.document_id = ${documentId} and d.recipient_position_id in (${sql.join(v.positionIds.map((p) => sql`${p}::uuid`), sql`, `)})
    order by case d.role when 'to' then 0 else 1 end
    limit 1`);
  const d = r.rows[0];
  if (!d) throw new AppError('INCOMING_NOT_DELIVERED_TO_YOU', { documentId });
  // The receiving unit is the Perangkat Daerah holding the position (first level under the pemda).
  const segments = d.unit_path.split('/').filter(Boolean);
  const receivingUnitId = segments[1] ?? segments[0]!;

  const [existing] = await db.select().from(incomingLetters).where(sql`${incomingLetters.receivingUnitId} = ${receivingUnitId} and ${incomingLetters.documentId} = ${documentId}`);
  if (existing) return existing;

  return inTransaction(ctx.database, async (tx) => {
    const now = ctx.now();
    // Serialise the first use by two holders at once.
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`incoming:${receivingUnitId}:${documentId}`}))`);
    const [again] = await tx.db.select().from(incomingLetters).where(sql`${incomingLetters.receivingUnitId} = ${receivingUnitId} and ${incomingLetters.documentId} = ${documentId}`);
    if (again) return again;
    const series = await agendaSeriesFor(tx.db, receivingUnitId, d.sifat);
    const year = yearIn(ctx.config.timeZone, now);
    const number = await allocateAgendaNumber(tx.db, receivingUnitId, series, year);
    const [row] = await tx.db
      .insert(incomingLetters)
      .values({
        receivingUnitId,
        status: 'sent',
        source: 'internal',
        documentId,
        agendaSeries: series,
        agendaYear: year,
        agendaNumber: number,
        senderInstansi: d.issuing_unit_name,
        senderJabatan: d.signed_as ?? d.signer_position_name,
        senderName: d.signer_name,
        senderAddress: d.issuing_unit_address,
        letterNumber: d.number,
        letterDate: d.document_date,
        receivedAt: new Date(d.delivered_at),
        hal: d.hal,
        sifat: d.sifat,
        urgensi: d.urgensi,
        classificationCode: d.classification_code,
        lampiran: d.lampiran,
        addressedPositionId: d.position_id,
        fileId: d.signed_file_id,
        registeredAt: now,
        registeredByUserId: v.userId,
        createdByUserId: v.userId,
        sentAt: new Date(d.delivered_at),
        readAt: d.read_at ? new Date(d.read_at) : null,
        readByUserId: d.read_by_user_id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordLetterEvent(tx.db, { letterId: row!.id, at: now, actorUserId: v.userId, action: 'taken_from_delivery', domain: 'incoming', data: { documentId, agenda: agendaLabel(row!) }, ip: v.ip });
    return row!;
  });
}

/** The incoming letter already made from a document for one of these units, if any. */
export async function incomingLetterOfDocument(ctx: AppContext, documentId: string): Promise<LetterRow[]> {
  return ctx.database.db.select().from(incomingLetters).where(eq(incomingLetters.documentId, documentId));
}
