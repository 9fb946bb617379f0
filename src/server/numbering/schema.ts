// Tables of the numbering domain: per-unit settings (mode, formats), number registers (one per
// issuing unit × year × series, holding the last sequence) and their entries (the agenda: every
// number ever given, with cancellations kept).
import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt, version } from '../db/columns.js';
import { documentTypes, type NumberingMode } from '../catalog/schema.js';
import { units, users } from '../org/schema.js';

/**
 * A unit's numbering settings. Null fields inherit from the nearest ancestor unit that sets
 * them; with none, the mode is at_signing and the format DEFAULT_NUMBER_FORMAT.
 */
export const numberingSettings = pgTable('numbering_settings', {
  unitId: uuid('unit_id')
    .primaryKey()
    .references(() => units.id),
  mode: text('mode').$type<NumberingMode>(),
  defaultFormat: text('default_format'),
  /** Format per document type, keyed by the type's code in upper case ("SOP", "UND"). */
  typeFormats: jsonb('type_formats').$type<Record<string, string>>().notNull().default({}),
  version: version(),
  updatedAt: updatedAt(),
  updatedBy: uuid('updated_by'),
});

/** The running sequence of one register. The row lock on it makes numbering gap-free. */
export const numberRegisters = pgTable(
  'number_registers',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    /** documentTypes.numberSeries: "umum" by default; decrees may run their own. */
    series: text('series').notNull(),
    lastSeq: integer('last_seq').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('number_registers_uq').on(t.unitId, t.year, t.series), check('number_registers_seq_ck', sql`${t.lastSeq} >= 0`)],
);

export const NUMBER_ENTRY_STATUSES = ['reserved', 'used', 'cancelled'] as const;
export type NumberEntryStatus = (typeof NUMBER_ENTRY_STATUSES)[number];

/** One number of a register: reserved before drafting, used by a document, or cancelled. */
export const numberEntries = pgTable(
  'number_entries',
  {
    id: id(),
    registerId: uuid('register_id')
      .notNull()
      .references(() => numberRegisters.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    series: text('series').notNull(),
    seq: integer('seq').notNull(),
    /** The number as printed, e.g. "400.12.2/17/410.20/2026". */
    number: text('number').notNull(),
    classificationCode: text('classification_code').notNull(),
    documentTypeId: uuid('document_type_id').references(() => documentTypes.id),
    /** Set when a document carries the number (documents.id; no FK: the workflow owns documents). */
    documentId: uuid('document_id'),
    /** Subject (hal/pokok surat) as told to the records officer or taken from the document. */
    hal: text('hal').notNull(),
    /** The letter's date, YYYY-MM-DD, in the pemda's time zone. */
    date: date('date', { mode: 'string' }).notNull(),
    status: text('status').$type<NumberEntryStatus>().notNull(),
    /** Who took the number: the records officer (reserved) or the signing workflow's actor. */
    issuedBy: uuid('issued_by').references(() => users.id),
    issuedAt: tstz('issued_at').notNull().defaultNow(),
    usedAt: tstz('used_at'),
    cancelledAt: tstz('cancelled_at'),
    cancelledBy: uuid('cancelled_by').references(() => users.id),
    cancelReason: text('cancel_reason'),
    version: version(),
  },
  (t) => [
    uniqueIndex('number_entries_seq_uq').on(t.registerId, t.seq),
    // Agenda of a unit and year, newest first within each series: ORDER BY series, seq DESC.
    index('number_entries_agenda_idx').on(t.unitId, t.year, t.series, t.seq.desc().nullsFirst()),
    index('number_entries_reserved_idx').on(t.unitId, t.issuedAt.desc().nullsFirst()).where(sql`${t.status} = 'reserved'`),
    index('number_entries_document_idx').on(t.documentId),
    check('number_entries_status_ck', sql`${t.status} in ('reserved', 'used', 'cancelled')`),
    check('number_entries_cancel_ck', sql`(${t.status} = 'cancelled') = (${t.cancelledAt} is not null)`),
  ],
);
