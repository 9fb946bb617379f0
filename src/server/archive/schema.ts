// Tables of the archive domain: archive classification codes (kode klasifikasi arsip,
// Permendagri 83/2022) with their JRA (Jadwal Retensi Arsip, retention schedule).
import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt, version } from '../db/columns.js';
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
    check(
      'classification_codes_retention_ck',
      sql`(${t.retentionActiveYears} is null or ${t.retentionActiveYears} between 0 and 100) and (${t.retentionInactiveYears} is null or ${t.retentionInactiveYears} between 0 and 100)`,
    ),
  ],
);
