// The search index: one row per naskah (outgoing, incoming, service ticket) — live or declared
// as an archive record — with its filters, the text for snippets, two tsvectors and who may see
// it. The vectors are built in TypeScript (indonesian/analyzer.ts) and stored with the `simple`
// configuration's semantics, so PGlite and PostgreSQL answer the same SQL identically.
import { sql } from 'drizzle-orm';
import { customType, date, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from '../db/columns.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const SEARCH_KINDS = ['outgoing', 'incoming', 'service'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const searchEntries = pgTable(
  'search_entries',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').$type<SearchKind>().notNull(),
    /** The naskah's id in its own domain (documents.id, incoming letter id, ticket id). */
    sourceId: uuid('source_id').notNull(),
    /** Set once the naskah is declared an archive record. */
    recordId: uuid('record_id'),
    unitId: uuid('unit_id'),
    unitPath: text('unit_path'),
    classificationCode: text('classification_code'),
    sifat: text('sifat'),
    accessClass: text('access_class').notNull().default('biasa'),
    /** Jenis naskah code (surat, nota_dinas …). */
    docType: text('doc_type'),
    /** Live status (draft, delivered …) or record state (aktif, inaktif …). */
    state: text('state').notNull(),
    entryDate: date('entry_date', { mode: 'string' }),
    number: text('number'),
    title: text('title').notNull(),
    /** Sender, recipients, tembusan: names as printed. */
    parties: text('parties').notNull().default(''),
    /** Folded number + title + parties: pg_trgm matches numbers, names and OCR noise. */
    meta: text('meta').notNull().default(''),
    /** PDF and OCR text (bounded), for snippets. */
    body: text('body').notNull().default(''),
    /** Stems (Indonesian analysis), weighted A title/number, B parties, C classification, D body. */
    tsv: tsvector('tsv').notNull(),
    /** Folded words, unstemmed, same weights: exact and phrase hits rank higher. */
    tsvExact: tsvector('tsv_exact').notNull(),
    /** Who may see it: u:<user>, p:<position>, ro:<unit>|ro:*, unit:<unit>, admin. */
    acl: text('acl').array().notNull(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('search_entries_source_uq').on(t.kind, t.sourceId),
    index('search_entries_tsv_idx').using('gin', t.tsv),
    index('search_entries_exact_idx').using('gin', t.tsvExact),
    index('search_entries_acl_idx').using('gin', t.acl),
    index('search_entries_meta_trgm_idx').using('gin', t.meta.op('gin_trgm_ops')),
    index('search_entries_date_idx').on(t.entryDate.desc().nullsLast()),
    index('search_entries_unit_idx').on(t.unitId, t.entryDate.desc().nullsLast()),
  ],
);

/**
 * Naskah whose index row is stale: filled by triggers in the transaction of the change (so a
 * committed change is never missed) and drained by the indexer (indexQueue.ts).
 */
export const searchQueue = pgTable(
  'search_queue',
  {
    kind: text('kind').$type<SearchKind>().notNull(),
    sourceId: uuid('source_id').notNull(),
    queuedAt: tstz('queued_at').notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.kind, t.sourceId] })],
);
