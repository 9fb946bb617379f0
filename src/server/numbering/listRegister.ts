// The register (agenda) of a unit and year as the records officer reads it: every number with
// its status, filters and paging, the CSV export for Excel, and the reserved numbers a drafter
// may attach.
import { and, asc, count, desc, eq, ilike, like, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { documentTypes } from '../catalog/schema.js';
import { users } from '../org/schema.js';
import { toCsv, type CsvSeparator } from '../../shared/csv.js';
import { likeEscape } from '../archive/listClassifications.js';
import { numberEntries, numberRegisters, type NumberEntryStatus } from './schema.js';

export interface RegisterFilter {
  unitId: string;
  year: number;
  status?: NumberEntryStatus | undefined;
  /** A classification code; its sub-codes match too ("400.12" finds 400.12.2). */
  classification?: string | undefined;
  series?: string | undefined;
  /** Words in the subject (hal) or the number. */
  q?: string | undefined;
}

export interface RegisterEntryView {
  id: string;
  seq: number;
  number: string;
  date: string;
  year: number;
  series: string;
  classificationCode: string;
  hal: string;
  status: NumberEntryStatus;
  documentTypeId: string | null;
  documentTypeName: string | null;
  documentId: string | null;
  issuedAt: Date;
  issuedByName: string | null;
  usedAt: Date | null;
  cancelledAt: Date | null;
  cancelledByName: string | null;
  cancelReason: string | null;
  version: number;
}

function where(f: RegisterFilter): SQL {
  const t = numberEntries;
  const conds: SQL[] = [eq(t.unitId, f.unitId), eq(t.year, f.year)];
  if (f.status) conds.push(eq(t.status, f.status));
  if (f.series) conds.push(eq(t.series, f.series));
  if (f.classification) conds.push(or(eq(t.classificationCode, f.classification), like(t.classificationCode, `${likeEscape(f.classification)}.%`))!);
  const q = f.q?.trim();
  if (q) conds.push(or(ilike(t.hal, `%${likeEscape(q)}%`), ilike(t.number, `%${likeEscape(q)}%`))!);
  return and(...conds)!;
}

const issuer = alias(users, 'issuer');
const canceller = alias(users, 'canceller');

async function selectEntries(db: Db, filter: SQL, orderBy: SQL[], limit?: number, offset?: number): Promise<RegisterEntryView[]> {
  const t = numberEntries;
  let q = db
    .select({
      id: t.id,
      seq: t.seq,
      number: t.number,
      date: t.date,
      year: t.year,
      series: t.series,
      classificationCode: t.classificationCode,
      hal: t.hal,
      status: t.status,
      documentTypeId: t.documentTypeId,
      documentTypeName: documentTypes.name,
      documentId: t.documentId,
      issuedAt: t.issuedAt,
      issuedByName: issuer.name,
      usedAt: t.usedAt,
      cancelledAt: t.cancelledAt,
      cancelledByName: canceller.name,
      cancelReason: t.cancelReason,
      version: t.version,
    })
    .from(t)
    .leftJoin(documentTypes, eq(documentTypes.id, t.documentTypeId))
    .leftJoin(issuer, eq(issuer.id, t.issuedBy))
    .leftJoin(canceller, eq(canceller.id, t.cancelledBy))
    .where(filter)
    .orderBy(...orderBy)
    .$dynamic();
  if (limit !== undefined) q = q.limit(limit).offset(offset ?? 0);
  return q;
}

export async function listRegisterEntries(
  db: Db,
  f: RegisterFilter & { page: number; pageSize: number; order?: 'desc' | 'asc' | undefined },
): Promise<{ total: number; items: RegisterEntryView[] }> {
  const filter = where(f);
  const [total] = await db.select({ n: count() }).from(numberEntries).where(filter);
  // Newest first matches number_entries_agenda_idx (unit, year, series, seq DESC).
  const t = numberEntries;
  const items = await selectEntries(db, filter, [asc(t.series), f.order === 'asc' ? asc(t.seq) : desc(t.seq)], f.pageSize, (f.page - 1) * f.pageSize);
  return { total: total?.n ?? 0, items };
}

/** The registers of a unit (every series) for a year, with counts per status. */
export async function listRegisters(db: Db, unitId: string, year: number) {
  const rows = await db
    .select({
      id: numberRegisters.id,
      series: numberRegisters.series,
      lastSeq: numberRegisters.lastSeq,
      reserved: sql<number>`count(*) filter (where ${numberEntries.status} = 'reserved')::int`,
      used: sql<number>`count(*) filter (where ${numberEntries.status} = 'used')::int`,
      cancelled: sql<number>`count(*) filter (where ${numberEntries.status} = 'cancelled')::int`,
    })
    .from(numberRegisters)
    .leftJoin(numberEntries, eq(numberEntries.registerId, numberRegisters.id))
    .where(and(eq(numberRegisters.unitId, unitId), eq(numberRegisters.year, year)))
    .groupBy(numberRegisters.id)
    .orderBy(asc(numberRegisters.series));
  return rows;
}

const STATUS_LABELS: Record<NumberEntryStatus, string> = { reserved: 'Dipesan (belum dipakai)', used: 'Dipakai', cancelled: 'Dibatalkan' };

/** The whole register in number order, as CSV for Excel (BOM; ';' by default). */
export async function exportRegisterCsv(db: Db, f: RegisterFilter, separator: CsvSeparator = ';'): Promise<string> {
  const rows = await selectEntries(db, where(f), [asc(numberEntries.series), asc(numberEntries.seq)]);
  return toCsv(
    ['No. Urut', 'Nomor', 'Tanggal', 'Kode Klasifikasi', 'Hal', 'Status', 'Jenis Naskah', 'Seri', 'Dicatat Oleh', 'Alasan Pembatalan', 'Dibatalkan Oleh'],
    rows.map((r) => [r.seq, r.number, r.date, r.classificationCode, r.hal, STATUS_LABELS[r.status], r.documentTypeName, r.series, r.issuedByName, r.cancelReason, r.cancelledByName]),
    { separator },
  );
}

/** Reserved numbers of a unit not yet attached to a document, newest first. */
export async function listReservedEntries(db: Db, unitId: string, limit = 100): Promise<RegisterEntryView[]> {
  const t = numberEntries;
  const filter = and(eq(t.unitId, unitId), eq(t.status, 'reserved'))!;
  // Matches number_entries_reserved_idx (unit, issued_at DESC) where status = 'reserved'.
  return selectEntries(db, filter, [desc(t.issuedAt)], limit);
}

/** One entry as the register shows it. */
export async function getRegisterEntry(db: Db, entryId: string): Promise<RegisterEntryView | null> {
  const [row] = await selectEntries(db, eq(numberEntries.id, entryId), [asc(numberEntries.seq)], 1);
  return row ?? null;
}
