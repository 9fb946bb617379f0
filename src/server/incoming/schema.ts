// Incoming letters (naskah masuk) of a receiving unit: registered by its records officer from a
// scan or an e-mail, or taken over from an internal letter delivered to it; each gets an agenda
// number in the unit's incoming register and goes to the addressed official.
//
// Glossary: pencatat / petugas arsip = records officer; agenda = the incoming register; instansi
// pengirim = sending office; hal = subject; sifat = confidentiality; urgensi = urgency; lampiran =
// enclosures; tanda terima = receipt; pimpinan = the official the letter is addressed to.
import { sql } from 'drizzle-orm';
import { bigserial, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt, version } from '../db/columns.js';
import { files } from '../files/schema.js';
import { positions, units, users } from '../org/schema.js';

export const INCOMING_SIFAT = ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'] as const;
export type IncomingSifat = (typeof INCOMING_SIFAT)[number];
export const INCOMING_URGENSI = ['biasa', 'segera', 'sangat_segera'] as const;
export type IncomingUrgensi = (typeof INCOMING_URGENSI)[number];

/** pending = waiting for the records officer (from e-mail or a scanner); registered = in the agenda; sent = with the addressed official. */
export const INCOMING_STATUSES = ['pending', 'registered', 'sent', 'discarded'] as const;
export type IncomingStatus = (typeof INCOMING_STATUSES)[number];
/** service = a request filed through the service desk (the ticket holds the request letter). */
export const INCOMING_SOURCES = ['manual', 'email', 'scan', 'internal', 'service'] as const;
export type IncomingSource = (typeof INCOMING_SOURCES)[number];
export const INCOMING_OCR_STATUSES = ['none', 'pending', 'running', 'done', 'failed'] as const;
export type IncomingOcrStatus = (typeof INCOMING_OCR_STATUSES)[number];

/** The address book of sending offices, per receiving unit (reused at the next registration). */
export const incomingSenders = pgTable(
  'incoming_senders',
  {
    id: id(),
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => units.id),
    instansi: text('instansi').notNull(),
    jabatan: text('jabatan'),
    name: text('name'),
    address: text('address'),
    email: text('email'),
    useCount: integer('use_count').notNull().default(0),
    lastUsedAt: tstz('last_used_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('incoming_senders_uq').on(t.ownerUnitId, sql`lower(${t.instansi})`, sql`lower(coalesce(${t.jabatan}, ''))`, sql`lower(coalesce(${t.name}, ''))`),
  ],
);

export const incomingLetters = pgTable(
  'incoming_letters',
  {
    id: id(),
    /** The unit whose agenda the letter is in (the records officer's Perangkat Daerah). */
    receivingUnitId: uuid('receiving_unit_id')
      .notNull()
      .references(() => units.id),
    status: text('status').$type<IncomingStatus>().notNull(),
    source: text('source').$type<IncomingSource>().notNull(),
    /** Internal arrival: the delivered outgoing document of another unit. */
    documentId: uuid('document_id'),
    /** Agenda series ("umum", or "rahasia" when the unit keeps secret letters apart) and number. */
    agendaSeries: text('agenda_series'),
    agendaYear: integer('agenda_year'),
    agendaNumber: integer('agenda_number'),
    senderId: uuid('sender_id').references(() => incomingSenders.id),
    senderInstansi: text('sender_instansi'),
    senderJabatan: text('sender_jabatan'),
    senderName: text('sender_name'),
    senderAddress: text('sender_address'),
    senderEmail: text('sender_email'),
    /** Their number and date as printed on the letter. */
    letterNumber: text('letter_number'),
    letterDate: date('letter_date', { mode: 'string' }),
    receivedAt: tstz('received_at'),
    hal: text('hal'),
    sifat: text('sifat').$type<IncomingSifat>().notNull().default('biasa'),
    urgensi: text('urgensi').$type<IncomingUrgensi>().notNull().default('biasa'),
    classificationCode: text('classification_code'),
    lampiran: text('lampiran').notNull().default('-'),
    addressedPositionId: uuid('addressed_position_id').references(() => positions.id),
    /** The scan as one PDF (images converted, pages in order). */
    fileId: uuid('file_id').references(() => files.id),
    fileSha256: text('file_sha256'),
    pages: integer('pages'),
    ocrStatus: text('ocr_status').$type<IncomingOcrStatus>().notNull().default('none'),
    ocrText: text('ocr_text'),
    ocrError: text('ocr_error'),
    /** Suggestions read from the text layer (number, date, hal) the officer may take over. */
    ocrSuggestions: jsonb('ocr_suggestions').$type<{ letterNumber?: string; letterDate?: string; hal?: string }>(),
    /** What came with an e-mail intake: from, subject, body, message id. */
    intake: jsonb('intake').$type<Record<string, unknown>>(),
    note: text('note'),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    registeredByUserId: uuid('registered_by_user_id').references(() => users.id),
    registeredAt: tstz('registered_at'),
    sentByUserId: uuid('sent_by_user_id').references(() => users.id),
    sentAt: tstz('sent_at'),
    readAt: tstz('read_at'),
    readByUserId: uuid('read_by_user_id').references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('incoming_letters_agenda_uq').on(t.receivingUnitId, t.agendaSeries, t.agendaYear, t.agendaNumber),
    uniqueIndex('incoming_letters_document_uq').on(t.receivingUnitId, t.documentId),
    // Naskah Masuk of the addressed official: newest first.
    index('incoming_letters_inbox_idx').on(t.addressedPositionId, t.sentAt.desc().nullsFirst()),
    index('incoming_letters_unit_idx').on(t.receivingUnitId, t.status, t.createdAt.desc().nullsFirst()),
    index('incoming_letters_dup_number_idx').on(t.receivingUnitId, sql`lower(${t.letterNumber})`),
    index('incoming_letters_dup_file_idx').on(t.receivingUnitId, t.fileSha256),
  ],
);

/** Gap-free agenda numbers per unit, series and year. */
export const incomingAgendaCounters = pgTable(
  'incoming_agenda_counters',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    series: text('series').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.series, t.year] })],
);

/** Outgoing drafts written in reply (Balas): shown on both letters. */
export const incomingReplies = pgTable(
  'incoming_replies',
  {
    id: id(),
    letterId: uuid('letter_id')
      .notNull()
      .references(() => incomingLetters.id),
    documentId: uuid('document_id').notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('incoming_replies_uq').on(t.letterId, t.documentId), index('incoming_replies_doc_idx').on(t.documentId)],
);

/** Timeline of an incoming letter and its dispositions (who did what, when, in which capacity). */
export const incomingEvents = pgTable(
  'incoming_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    letterId: uuid('letter_id')
      .notNull()
      .references(() => incomingLetters.id),
    dispositionId: uuid('disposition_id'),
    at: tstz('at').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    actedAs: text('acted_as'),
    action: text('action').notNull(),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('incoming_events_letter_idx').on(t.letterId, t.at)],
);
