// A service request (e.g. "Penerbitan Email Kedinasan") arrives as a letter: it becomes an
// incoming letter of the office that runs the service, with a number in that office's agenda,
// addressed to its head (who reviews and disposes it as the service's next step). The request
// letter itself is personal data: it stays in the service desk's custody (opened from the ticket,
// every opening logged), so the incoming letter carries the metadata and the ticket link only.
// Its archive record is declared when the ticket is done, from the ticket (agenda number, file
// and history together), not here — one naskah, one record.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/tx.js';
import { AppError } from '../errors.js';
import { positions } from '../org/schema.js';
import { isoDateIn, yearIn } from '../../shared/dates.js';
import { agendaLabel, agendaSeriesFor, allocateAgendaNumber } from './agenda.js';
import type { LetterRow } from './access.js';
import { recordLetterEvent } from './letterEvents.js';
import { emitIncomingEvent } from './listeners.js';
import { incomingLetters } from './schema.js';

export interface ServiceRequestLetterInput {
  /** The office that runs the service (its agenda). */
  receivingUnitId: string;
  ticketId: string;
  ticketNumber: string;
  serviceKey: string;
  serviceName: string;
  classificationCode: string;
  applicantName: string;
  applicantPosition: string;
  applicantUnitName: string;
  actorUserId: string;
  ip?: string | null | undefined;
}

/** Register the request in the service office's agenda, addressed to its head; inside the filing's transaction. */
export async function incomingFromServiceRequest(ctx: AppContext, tx: Tx, input: ServiceRequestLetterInput): Promise<LetterRow> {
  const now = ctx.now();
  const [head] = await tx.db
    .select({ id: positions.id })
    .from(positions)
    .where(and(eq(positions.unitId, input.receivingUnitId), eq(positions.isUnitHead, true), eq(positions.active, true)))
    .limit(1);
  if (!head) throw new AppError('INCOMING_ADDRESSEE_INVALID', { unitId: input.receivingUnitId }, { id: 'Kantor penyelenggara layanan belum memiliki jabatan kepala; hubungi admin.' });
  const series = await agendaSeriesFor(tx.db, input.receivingUnitId, 'terbatas');
  const year = yearIn(ctx.config.timeZone, now);
  const number = await allocateAgendaNumber(tx.db, input.receivingUnitId, series, year);
  const [row] = (await tx.db
    .insert(incomingLetters)
    .values({
      receivingUnitId: input.receivingUnitId,
      status: 'sent',
      source: 'service',
      agendaSeries: series,
      agendaYear: year,
      agendaNumber: number,
      senderInstansi: input.applicantUnitName,
      senderJabatan: input.applicantPosition,
      senderName: input.applicantName,
      // The applicant's letter has no number of its own in the form; the ticket number identifies it.
      letterNumber: input.ticketNumber,
      letterDate: isoDateIn(ctx.config.timeZone, now),
      receivedAt: now,
      hal: `${input.serviceName} a.n. ${input.applicantName}`,
      // Personal data: never shown to the whole unit.
      sifat: 'terbatas',
      urgensi: 'biasa',
      classificationCode: input.classificationCode,
      lampiran: '-',
      addressedPositionId: head.id,
      note: `Permohonan layanan, tiket ${input.ticketNumber}. Surat permohonan berisi data pribadi dan dibuka dari halaman tiket.`,
      intake: { serviceTicketId: input.ticketId, ticketNumber: input.ticketNumber, serviceKey: input.serviceKey },
      createdByUserId: input.actorUserId,
      registeredByUserId: input.actorUserId,
      registeredAt: now,
      sentAt: now,
      sentByUserId: input.actorUserId,
      createdAt: now,
      updatedAt: now,
    })
    .returning()) as [LetterRow];
  await recordLetterEvent(tx.db, { letterId: row.id, at: now, actorUserId: input.actorUserId, action: 'registered', domain: 'incoming', data: { agenda: agendaLabel(row), serviceTicket: input.ticketNumber }, ip: input.ip ?? null });
  await emitIncomingEvent(ctx, tx, { type: 'incoming.sent', letterId: row.id, toPositionIds: [head.id], sifat: row.sifat, hal: row.hal });
  return row;
}
