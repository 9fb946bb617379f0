// Registration of an incoming letter by the records officer (petugas arsip / pencatat): the scan
// as one PDF, the metadata, the sender from the address book, an agenda number, a duplicate
// warning before a second registration, and (optionally at once) "Kirim ke pimpinan".
import { and, eq, ne, or, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { inTransaction, type Tx } from '../db/tx.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { assertClassificationUsable } from '../archive/index.js';
import { storeFile, MIME } from '../files/storeFile.js';
import { holdersOf } from '../org/positions.js';
import { yearIn } from '../../shared/dates.js';
import { agendaLabel, agendaSeriesFor, allocateAgendaNumber } from './agenda.js';
import { ACTED_AS, assertCanViewLetter, capacityIn, getLetterRow, isRecordsOfficerOf, recordsUnitFor, unitPathOf, viewerOf, type LetterRow, type Viewer } from './access.js';
import { recordLetterEvent } from './letterEvents.js';
import { emitIncomingEvent } from './listeners.js';
import { requestLetterOcr } from './ocr.js';
import { declareIncomingRecord } from './archiveRecord.js';
import { prepareScan, type ScanInput } from './scanToPdf.js';
import { incomingLetters, incomingSenders, type IncomingSifat, type IncomingUrgensi } from './schema.js';

export interface SenderInput {
  senderId?: string | null | undefined;
  instansi: string;
  jabatan?: string | null | undefined;
  name?: string | null | undefined;
  address?: string | null | undefined;
  email?: string | null | undefined;
}

export interface RegistrationInput {
  receivingUnitId?: string | null | undefined;
  sender: SenderInput;
  letterNumber: string;
  letterDate: string;
  receivedAt?: Date | null | undefined;
  hal: string;
  sifat: IncomingSifat;
  urgensi: IncomingUrgensi;
  classificationCode: string;
  lampiran?: string | null | undefined;
  addressedPositionId: string;
  note?: string | null | undefined;
  /** The officer saw the duplicate warning and registers anyway. */
  confirmDuplicate?: boolean | undefined;
  /** "Kirim ke pimpinan" in the same step. */
  send?: boolean | undefined;
}

export interface Duplicate {
  id: string;
  agenda: string | null;
  senderInstansi: string | null;
  letterNumber: string | null;
  hal: string | null;
  registeredAt: Date | null;
  reason: 'number' | 'file';
}

/** Letters of the unit with the same sender + number, or the same file. */
export async function findDuplicates(db: Db, unitId: string, q: { senderInstansi?: string | null; letterNumber?: string | null; sha256?: string | null; excludeId?: string | null }): Promise<Duplicate[]> {
  const byNumber = q.senderInstansi?.trim() && q.letterNumber?.trim() ? and(sql`lower(${incomingLetters.letterNumber}) = lower(${q.letterNumber.trim()})`, sql`lower(${incomingLetters.senderInstansi}) = lower(${q.senderInstansi.trim()})`) : undefined;
  const byFile = q.sha256 ? eq(incomingLetters.fileSha256, q.sha256) : undefined;
  if (!byNumber && !byFile) return [];
  const rows = await db
    .select()
    .from(incomingLetters)
    .where(and(eq(incomingLetters.receivingUnitId, unitId), ne(incomingLetters.status, 'discarded'), sql`${incomingLetters.status} <> 'pending'`, q.excludeId ? ne(incomingLetters.id, q.excludeId) : undefined, or(byNumber, byFile)))
    .limit(10);
  return rows.map((r) => ({
    id: r.id,
    agenda: agendaLabel(r),
    senderInstansi: r.senderInstansi,
    letterNumber: r.letterNumber,
    hal: r.hal,
    registeredAt: r.registeredAt,
    reason: q.sha256 && r.fileSha256 === q.sha256 ? 'file' : 'number',
  }));
}

/** Put the sender in the unit's address book (or bump its use) and return its id. */
async function upsertSender(db: Db, unitId: string, s: SenderInput, now: Date): Promise<string> {
  const r = await db.execute<{ id: string }>(sql`
    insert into incoming_senders (id, owner_unit_id, instansi, jabatan, name, address, email, use_count, last_used_at)
    values (gen_random_uuid(), ${unitId}, ${s.instansi.trim()}, ${s.jabatan?.trim() || null}, ${s.name?.trim() || null}, ${s.address?.trim() || null}, ${s.email?.trim() || null}, 1, ${now})
    on conflict (owner_unit_id, lower(instansi), lower(coalesce(jabatan, '')), lower(coalesce(name, '')))
    do update set use_count = incoming_senders.use_count + 1, last_used_at = excluded.last_used_at,
      address = coalesce(excluded.address, incoming_senders.address), email = coalesce(excluded.email, incoming_senders.email)
    returning id`);
  return r.rows[0]!.id;
}

async function assertAddressee(db: Db, v: Viewer, positionId: string): Promise<void> {
  const holders = await holdersOf(db, [positionId], v.today);
  if (!holders.get(positionId)?.length) throw new AppError('INCOMING_ADDRESSEE_INVALID', { positionId });
}

export { SCAN_MAX_PAGES, prepareScan } from './scanToPdf.js';

/**
 * Register a letter (new, or completing a pending one from e-mail/scanner intake with
 * `pending`). The scan is required for a new letter; a pending one already has its file.
 */
export async function registerIncomingLetter(
  ctx: AppContext,
  actor: Actor,
  input: RegistrationInput,
  scan: ScanInput[] | null,
  pending?: { id: string; version: number },
): Promise<LetterRow> {
  const db = ctx.database.db;
  const v = await viewerOf(ctx, db, actor);
  let unit: { id: string; path: string };
  let existing: LetterRow | undefined;
  if (pending) {
    existing = await getLetterRow(db, pending.id);
    if (!existing || !isRecordsOfficerOf(v, await unitPathOf(db, existing.receivingUnitId))) throw new AppError('INCOMING_NOT_FOUND', { id: pending.id });
    unit = { id: existing.receivingUnitId, path: await unitPathOf(db, existing.receivingUnitId) };
  } else {
    unit = await recordsUnitFor(db, v, input.receivingUnitId);
  }
  if (!input.classificationCode?.trim()) throw new AppError('INCOMING_CLASSIFICATION_REQUIRED', { fields: [{ path: 'body.classificationCode', message: 'Kode klasifikasi wajib diisi' }] });
  await assertClassificationUsable(db, input.classificationCode.trim());
  await assertAddressee(db, v, input.addressedPositionId);

  // Files are parsed only after authorisation.
  const pdf = scan?.length ? await prepareScan(scan) : null;
  if (!pdf && !existing?.fileId) throw new AppError('INCOMING_SCAN_REQUIRED');
  const sha256 = pdf?.sha256 ?? existing?.fileSha256 ?? null;

  if (!input.confirmDuplicate) {
    const dups = await findDuplicates(db, unit.id, { senderInstansi: input.sender.instansi, letterNumber: input.letterNumber, sha256, excludeId: existing?.id ?? null });
    if (dups.length) throw new AppError('INCOMING_DUPLICATE', { duplicates: dups });
  }
  const file = pdf ? await storeFile(ctx, db, { bytes: pdf.bytes, name: pdf.name, mime: MIME.pdf, createdBy: actor.userId }) : null;

  return inTransaction(ctx.database, async (tx) => {
    const now = ctx.now();
    if (existing) {
      const locked = await getLetterRow(tx.db, existing.id, { lock: true });
      if (!locked || locked.status !== 'pending') throw new AppError('INCOMING_NOT_PENDING', { id: existing.id });
      if (locked.version !== pending!.version) throw new AppError('STALE_VERSION', { current: locked.version });
    }
    const senderId = await upsertSender(tx.db, unit.id, input.sender, now);
    const series = await agendaSeriesFor(tx.db, unit.id, input.sifat);
    const year = yearIn(ctx.config.timeZone, now);
    const number = await allocateAgendaNumber(tx.db, unit.id, series, year);
    const values = {
      receivingUnitId: unit.id,
      status: 'registered' as const,
      agendaSeries: series,
      agendaYear: year,
      agendaNumber: number,
      senderId,
      senderInstansi: input.sender.instansi.trim(),
      senderJabatan: input.sender.jabatan?.trim() || null,
      senderName: input.sender.name?.trim() || null,
      senderAddress: input.sender.address?.trim() || null,
      senderEmail: input.sender.email?.trim() || null,
      letterNumber: input.letterNumber.trim(),
      letterDate: input.letterDate,
      receivedAt: input.receivedAt ?? existing?.receivedAt ?? now,
      hal: input.hal.trim(),
      sifat: input.sifat,
      urgensi: input.urgensi,
      classificationCode: input.classificationCode.trim(),
      lampiran: input.lampiran?.trim() || '-',
      addressedPositionId: input.addressedPositionId,
      note: input.note?.trim() || null,
      registeredByUserId: actor.userId,
      registeredAt: now,
      updatedAt: now,
      // A new scan gets its text layer by the OCR job (requested below, in this transaction).
      ...(file && pdf ? { fileId: file.id, fileSha256: pdf.sha256, pages: pdf.pages, ocrStatus: 'pending' as const, ocrText: null, ocrError: null, ocrSuggestions: null } : {}),
    };
    let row: LetterRow;
    if (existing) {
      [row] = (await tx.db.update(incomingLetters).set({ ...values, version: sql`${incomingLetters.version} + 1` }).where(eq(incomingLetters.id, existing.id)).returning()) as [LetterRow];
    } else {
      [row] = (await tx.db.insert(incomingLetters).values({ ...values, source: 'manual', createdByUserId: actor.userId }).returning()) as [LetterRow];
    }
    if (file) await requestLetterOcr(ctx, tx, row, actor.userId);
    await recordLetterEvent(tx.db, {
      letterId: row.id,
      at: now,
      actorUserId: actor.userId,
      action: 'registered',
      domain: 'incoming',
      data: { agenda: agendaLabel(row), ...(input.confirmDuplicate ? { duplicateConfirmed: true } : {}) },
      ip: actor.ip,
    });
    // Registered: an archive record of the receiving unit (frozen content, filed in its berkas).
    await declareIncomingRecord(ctx, tx, row, actor.userId);
    if (input.send) row = await markSent(ctx, tx, v, row, now);
    return row;
  });
}

async function markSent(ctx: AppContext, tx: Tx, v: Viewer, row: LetterRow, now: Date): Promise<LetterRow> {
  const [sent] = await tx.db
    .update(incomingLetters)
    .set({ status: 'sent', sentAt: now, sentByUserId: v.userId, updatedAt: now, version: row.version + 1 })
    .where(eq(incomingLetters.id, row.id))
    .returning();
  await recordLetterEvent(tx.db, { letterId: row.id, at: now, actorUserId: v.userId, action: 'sent', domain: 'incoming', data: { to: row.addressedPositionId }, ip: v.ip });
  await emitIncomingEvent(ctx, tx, { type: 'incoming.sent', letterId: row.id, toPositionIds: [row.addressedPositionId!], sifat: row.sifat, hal: row.hal });
  return sent!;
}

/** "Kirim ke pimpinan": the registered letter lands in the addressed official's Naskah Masuk. */
export async function sendIncomingLetter(ctx: AppContext, actor: Actor, id: string, expectedVersion: number): Promise<LetterRow> {
  return inTransaction(ctx.database, async (tx) => {
    const v = await viewerOf(ctx, tx.db, actor);
    const row = await getLetterRow(tx.db, id, { lock: true });
    if (!row || !isRecordsOfficerOf(v, await unitPathOf(tx.db, row.receivingUnitId))) throw new AppError('INCOMING_NOT_FOUND', { id });
    if (row.version !== expectedVersion) throw new AppError('STALE_VERSION', { current: row.version, status: row.status });
    if (row.status === 'sent') throw new AppError('INCOMING_ALREADY_SENT');
    if (row.status !== 'registered') throw new AppError('INCOMING_NOT_REGISTERED');
    return markSent(ctx, tx, v, row, ctx.now());
  });
}

/** Opening the letter as (a holder of) the addressed position marks it read. */
export async function markIncomingRead(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const db = ctx.database.db;
  const v = await viewerOf(ctx, db, actor);
  // 404 for a letter the actor may not see (as every other route of the letter); a no-op for one
  // he sees but is not addressed to, or already read.
  const row = await assertCanViewLetter(db, v, await getLetterRow(db, id), id);
  if (row.status !== 'sent' || !row.addressedPositionId || !v.positionIds.includes(row.addressedPositionId) || row.readAt) return;
  await inTransaction(ctx.database, async (tx) => {
    const now = ctx.now();
    const r = await tx.db
      .update(incomingLetters)
      .set({ readAt: now, readByUserId: v.userId })
      .where(and(eq(incomingLetters.id, id), sql`${incomingLetters.readAt} is null`))
      .returning({ id: incomingLetters.id });
    if (r.length) {
      const cap = capacityIn(v, row.addressedPositionId!);
      await recordLetterEvent(tx.db, { letterId: id, at: now, actorUserId: v.userId, actedAs: cap ? ACTED_AS[cap] : null, action: 'read', domain: 'incoming', ip: v.ip });
    }
  });
}
