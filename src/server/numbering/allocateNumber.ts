// Taking the next number of a register, gap-free: the register row is created on first use and
// incremented in one statement (INSERT … ON CONFLICT DO UPDATE), which row-locks it until the
// caller's transaction ends. A concurrent caller waits for that lock; if the holder rolls back,
// the increment is undone and the waiter gets the same sequence, so no number is ever skipped
// and none is given twice, across any number of server processes on one database.
//
// Numbering serialises a register's writers, so callers should take the number as late in their
// transaction as they can (after their own checks) and commit soon after.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Tx } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { AppError } from '../errors.js';
import { assertClassificationUsable } from '../archive/getClassification.js';
import { documentTypes } from '../catalog/schema.js';
import { formatNumber, formatTokens, validateFormat } from './numberFormat.js';
import { loadSettingsChain, pickFormat } from './numberingSettings.js';
import { numberEntries, numberRegisters, type NumberEntryStatus } from './schema.js';

export interface AllocateNumberInput {
  unitId: string;
  year: number;
  documentTypeId: string | null;
  classificationCode: string;
  documentId: string;
  /** The letter's date, YYYY-MM-DD (pemda time zone); its year must equal `year`. */
  date: string;
  actorUserId: string | null;
  hal: string;
  /** ctx.now() of the change. */
  at: Date;
}

export interface TakenNumber {
  entryId: string;
  seq: number;
  number: string;
  date: string;
  year: number;
  series: string;
  registerId: string;
  classificationCode: string;
}

/** "2026-07-01" → 2026, or NUMBER_DATE_INVALID. */
export function yearOfDate(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const valid = m && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
  if (!m || !valid) throw new AppError('NUMBER_DATE_INVALID', { date }, { id: `Tanggal naskah "${date}" tidak valid (format YYYY-MM-DD).` });
  return Number(m[1]);
}

export interface TakeNumberInput {
  unitId: string;
  date: string;
  year?: number;
  documentTypeId: string | null;
  classificationCode: string;
  documentId: string | null;
  hal: string;
  actorUserId: string | null;
  status: Extract<NumberEntryStatus, 'reserved' | 'used'>;
  ip?: string | null | undefined;
  /** ctx.now() of the change. */
  at: Date;
}

/** Shared by allocateNumber (used at signing) and reserveNumber (before drafting). */
export async function takeNumber(db: Db, input: TakeNumberInput): Promise<TakenNumber> {
  const year = yearOfDate(input.date);
  if (input.year !== undefined && input.year !== year) {
    throw new AppError('NUMBER_DATE_INVALID', { date: input.date, year: input.year }, { id: `Tahun tanggal naskah (${year}) berbeda dengan tahun register (${input.year}).` });
  }
  const hal = input.hal.trim();
  if (!hal) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'hal', message: 'Hal (pokok surat) wajib diisi' }] });

  // Everything that can fail is checked before the register is locked.
  const { unit, chain } = await loadSettingsChain(db, input.unitId);
  if (!unit.code) throw new AppError('NUMBERING_UNIT_NO_CODE', { unitId: unit.id }, { id: `Unit "${unit.name}" belum memiliki kode unit, sehingga belum dapat memberi nomor naskah. Minta admin mengisi kode unit.` });
  let type: { code: string; numberSeries: string } | undefined;
  if (input.documentTypeId) {
    [type] = await db.select({ code: documentTypes.code, numberSeries: documentTypes.numberSeries }).from(documentTypes).where(eq(documentTypes.id, input.documentTypeId));
    if (!type) throw new AppError('NOT_FOUND', { entity: 'document_type', id: input.documentTypeId });
  }
  const classification = await assertClassificationUsable(db, input.classificationCode);
  const { format } = pickFormat(chain, type?.code);
  const valid = validateFormat(format);
  if (!valid.ok) throw new AppError('NUMBER_FORMAT_INVALID', { format, errors: valid.errors }, { id: `Format nomor "${format}" tidak valid: ${valid.errors[0]}` });
  if (formatTokens(format).has('kode_jenis') && !type) throw new AppError('NUMBER_FORMAT_NEEDS_TYPE', { format });
  const series = type?.numberSeries ?? 'umum';
  const month = Number(input.date.slice(5, 7));

  const [register] = await db
    .insert(numberRegisters)
    .values({ unitId: unit.id, year, series, lastSeq: 1 })
    .onConflictDoUpdate({
      target: [numberRegisters.unitId, numberRegisters.year, numberRegisters.series],
      set: { lastSeq: sql`${numberRegisters.lastSeq} + 1`, updatedAt: sql`now()` },
    })
    .returning({ id: numberRegisters.id, lastSeq: numberRegisters.lastSeq });
  const seq = register!.lastSeq;
  const number = formatNumber(format, { klasifikasi: classification.code, urut: seq, kodeUnit: unit.code, tahun: year, bulan: month, kodeJenis: type?.code ?? null });

  const [entry] = await db
    .insert(numberEntries)
    .values({
      registerId: register!.id,
      unitId: unit.id,
      year,
      series,
      seq,
      number,
      classificationCode: classification.code,
      documentTypeId: input.documentTypeId,
      documentId: input.documentId,
      hal,
      date: input.date,
      status: input.status,
      issuedBy: input.actorUserId,
      ...(input.status === 'used' ? { usedAt: input.at } : {}),
    })
    .returning({ id: numberEntries.id });
  await recordAudit(db, { at: input.at,
    actorUserId: input.actorUserId,
    action: input.status === 'used' ? 'numbering.allocated' : 'numbering.reserved',
    entityType: 'number_entry',
    entityId: entry!.id,
    data: { number, unitId: unit.id, year, series, seq, documentId: input.documentId },
    ip: input.ip ?? null,
  });
  return { entryId: entry!.id, seq, number, date: input.date, year, series, registerId: register!.id, classificationCode: classification.code };
}

/**
 * For the document workflow, inside ITS transaction (at signing, or whenever the document gets
 * its final number): takes the next number of the unit's register for the year and the document
 * type's series and records it as used by the document. A rollback of the caller's transaction
 * leaves no gap. Throws NUMBERING_UNIT_NO_CODE, CLASSIFICATION_UNKNOWN/INACTIVE,
 * NUMBER_DATE_INVALID, NUMBER_FORMAT_NEEDS_TYPE.
 */
export async function allocateNumber(tx: Tx, input: AllocateNumberInput): Promise<{ entryId: string; seq: number; number: string }> {
  const r = await takeNumber(tx.db, {
    unitId: input.unitId,
    date: input.date,
    year: input.year,
    documentTypeId: input.documentTypeId,
    classificationCode: input.classificationCode,
    documentId: input.documentId,
    hal: input.hal,
    actorUserId: input.actorUserId,
    status: 'used',
    at: input.at,
  });
  return { entryId: r.entryId, seq: r.seq, number: r.number };
}
