// Declaring a completed naskah an archive record (public: outgoing, incoming letters and the
// service desk call it in the transaction that completes the naskah). The record's content —
// metadata, files with their SHA-256, OCR text, the whole timeline and audit — is frozen: a
// trigger refuses any later change to it, except deleting the files when it is destroyed.
// The record is filed into the suggested berkas (unit × classification × year, or the named
// activity), which the records officer may change while the berkas is open.
import { recordAudit } from '../audit/recordAudit.js';
import { createHash } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { indexEntry, readersFor, stricterClass, type AccessClass, type Participants } from '../search/index.js';
import { archiveBerkas, archiveRecords, classificationCodes, type RecordFile } from './schema.js';
import { units } from '../org/schema.js';

export interface DeclareRecordInput {
  sourceKind: 'outgoing' | 'incoming' | 'service';
  sourceId: string;
  /** Creating unit (unit pengolah). */
  unitId: string;
  classificationCode: string;
  number: string | null;
  title: string;
  /** YYYY-MM-DD */
  documentDate: string;
  sifat: string;
  files: RecordFile[];
  ocrText?: string | null;
  /** PDF text for the index (not stored on the record). */
  pdfText?: string | null;
  parties?: string[];
  participants: Participants;
  /** Metadata, timeline, audit: whatever the source domain holds about the naskah. */
  snapshot: Record<string, unknown>;
  declaredByUserId: string | null;
  now: Date;
  /** File into this activity's berkas instead of the unit × code × year one. */
  activity?: string | null;
}

/** Stable JSON (sorted keys) so the snapshot digest does not depend on key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return `{${Object.keys(v as object)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v instanceof Date ? v.toISOString() : v);
}

/** The open berkas a new record of unit × code × year (× activity) goes into; created when missing. */
export async function suggestBerkas(db: Db, input: { unitId: string; classificationCode: string; year: number; activity?: string | null; className?: string | null }): Promise<string> {
  const activity = input.activity?.trim() || null;
  // Serialise concurrent declarations for the same berkas key.
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`berkas:${input.unitId}:${input.classificationCode}:${input.year}:${activity ?? ''}`}))`);
  const [open] = await db
    .select({ id: archiveBerkas.id })
    .from(archiveBerkas)
    .where(
      and(
        eq(archiveBerkas.unitId, input.unitId),
        eq(archiveBerkas.classificationCode, input.classificationCode),
        eq(archiveBerkas.year, input.year),
        eq(archiveBerkas.status, 'open'),
        activity ? eq(archiveBerkas.activity, activity) : isNull(archiveBerkas.activity),
      ),
    )
    .limit(1);
  if (open) return open.id;
  const uraian = activity ?? `${input.className ?? input.classificationCode} tahun ${input.year}`;
  const [b] = await db.insert(archiveBerkas).values({ unitId: input.unitId, classificationCode: input.classificationCode, year: input.year, activity, uraian }).returning({ id: archiveBerkas.id });
  return b!.id;
}

/** Recount a berkas's jumlah and kurun waktu from its records. */
export async function refreshBerkasTotals(db: Db, berkasId: string): Promise<void> {
  await db.execute(sql`
    update archive_berkas b set item_count = x.n, kurun_start = x.lo, kurun_end = x.hi, updated_at = now()
    from (select count(*)::int n, min(document_date) lo, max(document_date) hi from archive_records where berkas_id = ${berkasId}) x
    where b.id = ${berkasId}`);
}

export async function recordReaders(db: Db, input: { unitId: string; accessClass: AccessClass; participants: Participants }): Promise<string[]> {
  const [u] = await db.select({ path: units.path }).from(units).where(eq(units.id, input.unitId));
  return readersFor({ participants: input.participants, unitPath: u?.path ?? null, accessClass: input.accessClass, custodians: true, unitStaff: true });
}

/** Declare (idempotent on source): returns the record id. */
export async function declareRecord(db: Db, input: DeclareRecordInput): Promise<{ recordId: string; berkasId: string; created: boolean }> {
  const [existing] = await db
    .select({ id: archiveRecords.id, berkasId: archiveRecords.berkasId })
    .from(archiveRecords)
    .where(and(eq(archiveRecords.sourceKind, input.sourceKind), eq(archiveRecords.sourceId, input.sourceId)));
  if (existing) return { recordId: existing.id, berkasId: existing.berkasId!, created: false };
  const [cls] = await db.select({ name: classificationCodes.name, accessClass: classificationCodes.accessClass }).from(classificationCodes).where(eq(classificationCodes.code, input.classificationCode));
  const accessClass = stricterClass(input.sifat, cls?.accessClass);
  const year = Number(input.documentDate.slice(0, 4));
  const berkasId = await suggestBerkas(db, { unitId: input.unitId, classificationCode: input.classificationCode, year, activity: input.activity, className: cls?.name });
  const [u] = await db.select({ path: units.path }).from(units).where(eq(units.id, input.unitId));
  const acl = readersFor({ participants: input.participants, unitPath: u?.path ?? null, accessClass, custodians: true, unitStaff: true });
  const snapshot = { ...input.snapshot, declaredAt: input.now.toISOString() };
  const [rec] = await db
    .insert(archiveRecords)
    .values({
      sourceKind: input.sourceKind,
      sourceId: input.sourceId,
      berkasId,
      unitId: input.unitId,
      classificationCode: input.classificationCode,
      number: input.number,
      title: input.title,
      documentDate: input.documentDate,
      sifat: input.sifat,
      accessClass,
      files: input.files,
      ocrText: input.ocrText ?? null,
      snapshot,
      snapshotSha256: createHash('sha256').update(canonicalJson(snapshot)).digest('hex'),
      acl,
      declaredAt: input.now,
      declaredByUserId: input.declaredByUserId,
    })
    .returning({ id: archiveRecords.id });
  await refreshBerkasTotals(db, berkasId);
  await recordAudit(db, { at: input.now, actorUserId: input.declaredByUserId, action: 'archive.record_declared', entityType: 'archive_record', entityId: rec!.id, data: { source: input.sourceKind, sourceId: input.sourceId, berkasId } });
  await indexEntry(db, {
    kind: input.sourceKind,
    sourceId: input.sourceId,
    recordId: rec!.id,
    unitId: input.unitId,
    unitPath: u?.path ?? null,
    classificationCode: input.classificationCode,
    classificationName: cls?.name ?? null,
    sifat: input.sifat,
    accessClass,
    docType: (input.snapshot.docType as string | undefined) ?? null,
    state: 'aktif',
    entryDate: input.documentDate,
    number: input.number,
    title: input.title,
    parties: input.parties ?? [],
    pdfText: input.pdfText ?? null,
    ocrText: input.ocrText ?? null,
    acl,
  });
  return { recordId: rec!.id, berkasId, created: true };
}
