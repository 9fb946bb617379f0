// Step 1: a civil servant (or a records officer for him) files a request with a verified
// WhatsApp number, a free address and the signed request letter (PDF). The ticket gets its own
// number; the request is recorded as an incoming letter of the service's office.
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import { recordAudit } from '../audit/recordAudit.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import { AppError } from '../errors.js';
import { MIME, storeFile } from '../files/storeFile.js';
import { units } from '../org/schema.js';
import { validateAttachment } from '../pdf/validateAttachment.js';
import { parseNip } from '../../shared/identity.js';
import { yearIn } from '../../shared/dates.js';
import { isDirectoryError } from '../directory/index.js';
import { agendaLabel, incomingFromServiceRequest } from '../incoming/index.js';
import { suggestLocalParts, validLocalPart } from './address.js';
import { getCatalogueEntry } from './catalogueStore.js';
import { serviceDeskDeps } from './deps.js';
import { unitByCode } from './people.js';
import { DONE_STATUSES } from './machine.js';
import { msg, sendNotice, ticketLink } from './messages.js';
import { phoneVerifications, serviceTicketCounters, serviceTicketEvents, serviceTickets } from './schema.js';
import type { TicketRow } from './transition.js';

export interface RequestInput {
  serviceKey: string;
  applicantName: string;
  nip: string;
  unitId: string;
  positionTitle: string;
  /** Verification whose code the applicant confirmed (the number is taken from it). */
  whatsappVerificationId: string;
  /** Local part or full address in MAIL_DOMAIN. */
  desiredAddress: string;
  /** When a records officer files for someone with an account. */
  applicantUserId?: string | undefined;
}

const VERIFICATION_VALID_MS = 60 * 60_000;

export function normaliseAddress(ctx: AppContext, raw: string): string {
  const domain = ctx.config.directory.mailDomain;
  const v = raw.trim().toLowerCase();
  const local = v.includes('@') ? v.slice(0, v.lastIndexOf('@')) : v;
  if (v.includes('@') && v.slice(v.lastIndexOf('@') + 1) !== domain) throw new AppError('ADDRESS_INVALID', { domain }, { id: `Alamat harus di domain ${domain}.` });
  if (!validLocalPart(local)) throw new AppError('ADDRESS_INVALID');
  return `${local}@${domain}`;
}

/** Whether an address is free: no open ticket asks for it and (when it answers) the directory does not have it. */
export async function addressAvailability(ctx: AppContext, address: string, exceptTicketId?: string): Promise<'free' | 'taken' | 'unknown'> {
  const rows = await ctx.database.db
    .select({ id: serviceTickets.id })
    .from(serviceTickets)
    .where(and(sql`lower(coalesce(${serviceTickets.accountAddress}, ${serviceTickets.desiredAddress})) = ${address}`, notInArray(serviceTickets.status, ['cancelled'])));
  if (rows.some((r) => r.id !== exceptTicketId)) return 'taken';
  const dir = serviceDeskDeps(ctx).directory;
  if (!dir) return 'unknown';
  try {
    return (await dir.addressTaken(address)) ? 'taken' : 'free';
  } catch (e) {
    if (isDirectoryError(e)) return 'unknown';
    throw e;
  }
}

export async function suggestAddresses(ctx: AppContext, name: string) {
  const out: Array<{ address: string; availability: 'free' | 'taken' | 'unknown' }> = [];
  for (const local of suggestLocalParts(name, 6)) {
    const address = `${local}@${ctx.config.directory.mailDomain}`;
    out.push({ address, availability: await addressAvailability(ctx, address) });
  }
  return out;
}

export async function fileRequest(ctx: AppContext, actor: Actor, input: RequestInput, letter: { bytes: Uint8Array; name: string }): Promise<TicketRow> {
  const entry = await getCatalogueEntry(ctx.database.db, input.serviceKey);
  const nip = parseNip(input.nip);
  if (!nip.ok) throw new AppError('NIP_INVALID', { reason: nip.reason, fields: [{ path: 'body.nip', message: nip.reason }] }, { id: `NIP tidak valid: ${nip.reason}.` });
  const name = input.applicantName.trim();
  if (name.length < 3) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.applicantName', message: 'Nama pemohon wajib diisi' }] });
  if (!input.positionTitle.trim()) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.positionTitle', message: 'Jabatan wajib diisi' }] });
  const address = normaliseAddress(ctx, input.desiredAddress);
  const [unit] = await ctx.database.db.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, input.unitId));
  if (!unit) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.unitId', message: 'Unit kerja tidak dikenal' }] });
  // The letter is parsed only now, after the caller is known and the form is sound.
  await validateAttachment({ bytes: letter.bytes, name: letter.name }, { maxBytes: Math.min(ctx.config.uploads.uploadMaxBytes, 5 * 1024 * 1024) });
  const open = await ctx.database.db
    .select({ number: serviceTickets.number })
    .from(serviceTickets)
    .where(and(eq(serviceTickets.serviceKey, entry.key), eq(serviceTickets.nip, nip.nip), notInArray(serviceTickets.status, [...DONE_STATUSES])));
  if (open.length) throw new AppError('TICKET_DUPLICATE_NIP', { number: open[0]!.number }, { id: `Sudah ada permohonan yang masih berjalan untuk NIP ini (tiket ${open[0]!.number}).` });
  if ((await addressAvailability(ctx, address)) === 'taken') throw new AppError('ADDRESS_TAKEN', { address, fields: [{ path: 'body.desiredAddress', message: 'Alamat sudah dipakai' }] });
  const office = await unitByCode(ctx.database.db, entry.unitCode);
  if (!office) throw new AppError('SERVICE_OFFICE_MISSING', { unitCode: entry.unitCode });
  const file = await storeFile(ctx, ctx.database.db, { bytes: letter.bytes, name: letter.name, mime: MIME.pdf, createdBy: actor.userId });
  const now = ctx.now();
  try {
    return await inTransaction(ctx.database, async (tx) => {
      const [v] = await tx.db.select().from(phoneVerifications).where(eq(phoneVerifications.id, input.whatsappVerificationId)).for('update');
      if (!v || v.userId !== actor.userId || !v.verifiedAt || v.usedAt || v.purpose !== 'request' || now.getTime() - v.verifiedAt.getTime() > VERIFICATION_VALID_MS) {
        throw new AppError('PHONE_NOT_VERIFIED', { fields: [{ path: 'body.whatsapp', message: 'Nomor belum diverifikasi' }] });
      }
      await tx.db.update(phoneVerifications).set({ usedAt: now }).where(eq(phoneVerifications.id, v.id));
      const year = yearIn(ctx.config.timeZone, now);
      const [counter] = await tx.db
        .insert(serviceTicketCounters)
        .values({ serviceKey: entry.key, year, last: 1 })
        .onConflictDoUpdate({ target: [serviceTicketCounters.serviceKey, serviceTicketCounters.year], set: { last: sql`${serviceTicketCounters.last} + 1` } })
        .returning();
      const number = `${entry.numberPrefix}-${year}-${String(counter!.last).padStart(4, '0')}`;
      const firstPersonStep = entry.steps.filter((s) => s.kind !== 'request').sort((a, b) => a.no - b.no)[0]!.no;
      const [row] = await tx.db
        .insert(serviceTickets)
        .values({
          number,
          serviceKey: entry.key,
          status: 'in_progress',
          step: firstPersonStep,
          applicantUserId: input.applicantUserId ?? actor.userId,
          filedByUserId: actor.userId,
          applicantName: name,
          nip: nip.nip,
          unitId: input.unitId,
          positionTitle: input.positionTitle.trim(),
          whatsapp: v.whatsapp,
          whatsappVerifiedAt: v.verifiedAt,
          desiredAddress: address,
          requestFileId: file.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      // Step 1's output is "Surat Masuk": the request enters the service office's agenda.
      const incoming = await incomingFromServiceRequest(ctx, tx, {
        receivingUnitId: office.id,
        ticketId: row!.id,
        ticketNumber: number,
        serviceKey: entry.key,
        serviceName: entry.name,
        classificationCode: entry.classificationCode,
        applicantName: name,
        applicantPosition: input.positionTitle.trim(),
        applicantUnitName: unit.name,
        actorUserId: actor.userId,
        ip: actor.ip,
      });
      const [linked] = await tx.db
        .update(serviceTickets)
        .set({ incomingLetterId: incoming.id, incomingAgendaNumber: agendaLabel(incoming) })
        .where(eq(serviceTickets.id, row!.id))
        .returning();
      const requestStep = entry.steps.find((s) => s.kind === 'request')!.no;
      await tx.db.insert(serviceTicketEvents).values({
        ticketId: row!.id,
        at: now,
        actorUserId: actor.userId,
        action: 'request',
        fromStatus: null,
        toStatus: 'in_progress',
        fromStep: requestStep,
        toStep: firstPersonStep,
        data: { startedAt: v.createdAt.toISOString(), agenda: linked!.incomingAgendaNumber },
      });
      await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'servicedesk.requested', entityType: 'service_ticket', entityId: row!.id, data: { number, service: entry.key, incomingLetterId: incoming.id, agenda: linked!.incomingAgendaNumber }, ip: actor.ip });
      await sendNotice(ctx, tx, v.whatsapp, msg.received(number, entry.name, ticketLink(ctx, row!.id)), 'received', row!.applicantUserId);
      return linked!;
    });
  } catch (e) {
    if ((e as { code?: string }).code === '23505' && String((e as { constraint?: string }).constraint ?? '').includes('open_nip')) throw new AppError('TICKET_DUPLICATE_NIP');
    throw e;
  }
}

export async function ticketsByIds(ctx: AppContext, ids: string[]) {
  return ids.length ? ctx.database.db.select().from(serviceTickets).where(inArray(serviceTickets.id, ids)) : [];
}
