// Tables of the archive domain: archive classification codes (kode klasifikasi arsip,
// Permendagri 83/2022) with their JRA (Jadwal Retensi Arsip, retention schedule).
import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt, version } from '../db/columns.js';
import { units, users } from '../org/schema.js';
import type { Disposition } from './classificationCode.js';

/** Where a row came from: shipped reference data, the CSV import, or an admin's form. */
export type ClassificationSource = 'permendagri_83_2022' | 'import' | 'manual';

export const classificationCodes = pgTable(
  'classification_codes',
  {
    /** Dotted code, e.g. "000.8.3.3". Never changes; a replaced code is deactivated. */
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    /** The code minus its last part ("000.8.3" for "000.8.3.3"); null for top codes. */
    parentCode: text('parent_code'),
    /** 1 for "000" … 5. */
    level: integer('level').notNull(),
    /** Natural order key, each part zero-padded: "000.008.003.003". */
    sortKey: text('sort_key').notNull(),
    description: text('description'),
    /** JRA: years the record stays in the office (aktif) and in the records centre (inaktif). */
    retentionActiveYears: integer('retention_active_years'),
    retentionInactiveYears: integer('retention_inactive_years'),
    /** JRA "keterangan akhir": musnah | permanen | dinilai_kembali. */
    finalDisposition: text('final_disposition').$type<Disposition>(),
    /** Legal basis of the JRA (the region's Perkada) and conditions ("setelah tidak berlaku"). */
    legalBasis: text('legal_basis'),
    /** SKKAAD access class of records under this code: biasa | terbatas | rahasia | sangat_rahasia. */
    accessClass: text('access_class').$type<'biasa' | 'terbatas' | 'rahasia' | 'sangat_rahasia'>().notNull().default('biasa'),
    active: boolean('active').notNull().default(true),
    source: text('source').$type<ClassificationSource>().notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    foreignKey({ columns: [t.parentCode], foreignColumns: [t.code], name: 'classification_codes_parent_fk' }),
    index('classification_codes_parent_idx').on(t.parentCode, t.sortKey),
    index('classification_codes_sort_idx').on(t.sortKey),
    check('classification_codes_level_ck', sql`${t.level} between 1 and 5`),
    check('classification_codes_disposition_ck', sql`${t.finalDisposition} is null or ${t.finalDisposition} in ('musnah', 'permanen', 'dinilai_kembali')`),
    check('classification_codes_access_ck', sql`${t.accessClass} in ('biasa', 'terbatas', 'rahasia', 'sangat_rahasia')`),
    check(
      'classification_codes_retention_ck',
      sql`(${t.retentionActiveYears} is null or ${t.retentionActiveYears} between 0 and 100) and (${t.retentionInactiveYears} is null or ${t.retentionInactiveYears} between 0 and 100)`,
    ),
  ],
);

// ---------------------------------------------------------------------------------------------
// Records side: archive records (arsip) declared from completed naskah, filed into berkas.
// Glossary: berkas = file/folder of related records; uraian = its description; kurun waktu =
// date range of its records; jumlah = number of items; legal hold = a record or berkas that
// must not be destroyed (perkara, audit); JRA clock starts when the berkas is closed.

export const BERKAS_STATES = ['aktif', 'inaktif', 'musnah', 'statis'] as const;
export type BerkasState = (typeof BERKAS_STATES)[number];

export const archiveBerkas = pgTable(
  'archive_berkas',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    classificationCode: text('classification_code')
      .notNull()
      .references(() => classificationCodes.code),
    year: integer('year').notNull(),
    /** Per-activity berkas ("Rapat Koordinasi Adminduk 2026"); null = the unit × code × year berkas. */
    activity: text('activity'),
    uraian: text('uraian').notNull(),
    kurunStart: date('kurun_start', { mode: 'string' }),
    kurunEnd: date('kurun_end', { mode: 'string' }),
    itemCount: integer('item_count').notNull().default(0),
    status: text('status').$type<'open' | 'closed'>().notNull().default('open'),
    closedAt: tstz('closed_at'),
    closedByUserId: uuid('closed_by_user_id'),
    /** JRA applied at closing: the retention clock starts then. */
    retentionActiveYears: integer('retention_active_years'),
    retentionInactiveYears: integer('retention_inactive_years'),
    finalDisposition: text('final_disposition').$type<Disposition>(),
    activeUntil: date('active_until', { mode: 'string' }),
    inactiveUntil: date('inactive_until', { mode: 'string' }),
    state: text('state').$type<BerkasState>().notNull().default('aktif'),
    legalHold: boolean('legal_hold').notNull().default(false),
    legalHoldReason: text('legal_hold_reason'),
    /** Paper originals: gedung / ruang / rak / boks. */
    locationBuilding: text('location_building'),
    locationRoom: text('location_room'),
    locationShelf: text('location_shelf'),
    locationBox: text('location_box'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('archive_berkas_unit_idx').on(t.unitId, t.year, t.classificationCode),
    index('archive_berkas_due_idx').on(t.status, t.state, t.activeUntil),
    check('archive_berkas_status_ck', sql`${t.status} in ('open', 'closed')`),
    check('archive_berkas_state_ck', sql`${t.state} in ('aktif', 'inaktif', 'musnah', 'statis')`),
  ],
);

export interface RecordFile {
  fileId: string | null;
  /** permohonan = a service request letter (personal data). */
  role: 'naskah' | 'lampiran' | 'scan' | 'permohonan';
  /** Personal data: opened only by the PII officer, each opening audited. */
  personalData?: boolean;
  name: string;
  sha256: string;
  size: number;
}

export const archiveRecords = pgTable(
  'archive_records',
  {
    id: id(),
    /** outgoing | incoming | service: the domain the naskah came from. */
    sourceKind: text('source_kind').$type<'outgoing' | 'incoming' | 'service'>().notNull(),
    sourceId: uuid('source_id').notNull(),
    berkasId: uuid('berkas_id').references(() => archiveBerkas.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    classificationCode: text('classification_code').notNull(),
    number: text('number'),
    title: text('title').notNull(),
    documentDate: date('document_date', { mode: 'string' }),
    sifat: text('sifat').notNull().default('biasa'),
    accessClass: text('access_class').notNull().default('biasa'),
    /** The final PDF(s) with their SHA-256 at declaration; fileId null once destroyed. */
    files: jsonb('files').$type<RecordFile[]>().notNull(),
    ocrText: text('ocr_text'),
    /** Everything about the naskah at declaration (metadata, parties, timeline, audit): frozen. */
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    snapshotSha256: text('snapshot_sha256').notNull(),
    /** Readers at declaration (search/access.ts tokens). */
    acl: text('acl').array().notNull(),
    declaredAt: tstz('declared_at').notNull(),
    declaredByUserId: uuid('declared_by_user_id'),
    legalHold: boolean('legal_hold').notNull().default(false),
    legalHoldReason: text('legal_hold_reason'),
    contentDeletedAt: tstz('content_deleted_at'),
    version: version(),
  },
  (t) => [
    uniqueIndex('archive_records_source_uq').on(t.sourceKind, t.sourceId),
    index('archive_records_berkas_idx').on(t.berkasId, t.documentDate),
    index('archive_records_unit_idx').on(t.unitId, t.documentDate),
  ],
);

/** Peminjaman: a record or berkas lent to an official, with a due date and its return. */
export const archiveLoans = pgTable(
  'archive_loans',
  {
    id: id(),
    berkasId: uuid('berkas_id').references(() => archiveBerkas.id),
    recordId: uuid('record_id').references(() => archiveRecords.id),
    borrowerUserId: uuid('borrower_user_id')
      .notNull()
      .references(() => users.id),
    purpose: text('purpose').notNull(),
    loanedAt: tstz('loaned_at').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    returnedAt: tstz('returned_at'),
    lentByUserId: uuid('lent_by_user_id').notNull(),
    returnedToUserId: uuid('returned_to_user_id'),
    version: version(),
  },
  (t) => [index('archive_loans_open_idx').on(t.returnedAt, t.dueOn), check('archive_loans_target_ck', sql`${t.berkasId} is not null or ${t.recordId} is not null`)],
);

// ---------------------------------------------------------------------------------------------
// Pemusnahan (destruction) and serah arsip statis (transfer of permanent records to the Lembaga
// Kearsipan Daerah): a list of berkas proposed from the retention report, assessed by the
// panitia penilai (destruction), approved by the Kepala ANRI when a retention is 10 years or more
// (uploaded letter), fixed by a keputusan, then executed with its berita acara.

export const DISPOSAL_STATUSES = ['usul', 'dinilai', 'ditetapkan', 'dilaksanakan', 'selesai'] as const;
export type DisposalStatus = (typeof DISPOSAL_STATUSES)[number];

export const archiveDisposals = pgTable(
  'archive_disposals',
  {
    id: id(),
    /** musnah = destruction; serah = transfer of permanent records. */
    kind: text('kind').$type<'musnah' | 'serah'>().notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    status: text('status').$type<DisposalStatus>().notNull().default('usul'),
    /** Panitia penilai arsip (destruction): the officials who record their pertimbangan. */
    panitiaUserIds: uuid('panitia_user_ids').array().notNull().default(sql`'{}'::uuid[]`),
    needsAnriApproval: boolean('needs_anri_approval').notNull().default(false),
    anriApprovalFileId: uuid('anri_approval_file_id'),
    /** Number and date of the Kepala ANRI's approval letter (retention of 10 years or more). */
    anriApprovalNumber: text('anri_approval_number'),
    anriApprovalDate: date('anri_approval_date', { mode: 'string' }),
    keputusanNumber: text('keputusan_number'),
    keputusanDate: date('keputusan_date', { mode: 'string' }),
    /** The head of the perangkat daerah who fixed the list (never the proposer). */
    decidedByUserId: uuid('decided_by_user_id'),
    executedByUserId: uuid('executed_by_user_id'),
    /** The head who signed the berita acara and the daftar with TTE; then the disposal is selesai. */
    signedByUserId: uuid('signed_by_user_id'),
    signedAt: tstz('signed_at'),
    beritaAcaraFileId: uuid('berita_acara_file_id'),
    daftarFileId: uuid('daftar_file_id'),
    /** serah: the BagIt package (tar). */
    packageFileId: uuid('package_file_id'),
    createdByUserId: uuid('created_by_user_id').notNull(),
    executedAt: tstz('executed_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('archive_disposals_unit_idx').on(t.unitId, t.status),
    check('archive_disposals_kind_ck', sql`${t.kind} in ('musnah', 'serah')`),
    check('archive_disposals_status_ck', sql`${t.status} in ('usul', 'dinilai', 'ditetapkan', 'dilaksanakan', 'selesai')`),
  ],
);

export const archiveDisposalItems = pgTable(
  'archive_disposal_items',
  {
    disposalId: uuid('disposal_id')
      .notNull()
      .references(() => archiveDisposals.id),
    berkasId: uuid('berkas_id')
      .notNull()
      .references(() => archiveBerkas.id),
    /** The panitia's pertimbangan and whether it agrees to destroy this berkas. */
    pertimbangan: text('pertimbangan'),
    approved: boolean('approved'),
    assessedByUserId: uuid('assessed_by_user_id'),
  },
  (t) => [primaryKey({ columns: [t.disposalId, t.berkasId] }), index('archive_disposal_items_berkas_idx').on(t.berkasId)],
);

/**
 * Long-term validity of a signed record file (PAdES B-LTA): the file as it is kept now (the
 * declared bytes plus the validation data and document timestamps added since, as incremental
 * updates, so the declared bytes stay a prefix), and until when its signatures are protected
 * (the earliest expiry among the certificates the newest proof rests on). A job adds an archive
 * timestamp before that day (archive/preservation.ts). Unsigned files get a row with
 * `protectedUntil` null and are left alone.
 */
export const archivePreservations = pgTable(
  'archive_preservations',
  {
    recordId: uuid('record_id')
      .notNull()
      .references(() => archiveRecords.id),
    fileIndex: integer('file_index').notNull(),
    /** The kept file (B-LTA); the declared one until the first archive timestamp. */
    fileId: uuid('file_id').notNull(),
    sha256: text('sha256').notNull(),
    signatures: integer('signatures').notNull().default(0),
    protectedUntil: tstz('protected_until'),
    archiveTimestamps: integer('archive_timestamps').notNull().default(0),
    lastTimestampAt: tstz('last_timestamp_at'),
    lastError: text('last_error'),
    checkedAt: tstz('checked_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.recordId, t.fileIndex] }), index('archive_preservations_due_idx').on(t.protectedUntil)],
);
