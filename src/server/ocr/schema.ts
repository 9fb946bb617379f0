// OCR runs: one per scan that needs a text layer. The searchable PDF/A, the text per page (for
// search and display) and the suggested letter fields are kept here for the domain that asked.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, version } from '../db/columns.js';
import { files } from '../files/schema.js';
import type { OcrFailureKind, OcrPage } from './ocrEngine.js';
import type { LetterSuggestions } from './suggestLetterFields.js';

export const OCR_STATUSES = [
  'queued', // waiting for a worker (also between retries)
  'running',
  'done', // every processed page has text
  'partial', // text, but some pages timed out or lay beyond the page limit
  'no_text', // nothing readable: a blank page, a photo, a very poor scan
  'failed', // the file could not be read (see failure)
] as const;
export type OcrStatus = (typeof OCR_STATUSES)[number];

export const ocrRuns = pgTable(
  'ocr_runs',
  {
    id: id(),
    sourceFileId: uuid('source_file_id')
      .notNull()
      .references(() => files.id),
    /** The searchable PDF (PDF/A-2b) with the text layer. */
    outputFileId: uuid('output_file_id').references(() => files.id),
    /** What the scan belongs to, e.g. ("incoming_letter", id): the owner decides who may see it. */
    ownerType: text('owner_type'),
    ownerId: uuid('owner_id'),
    /** The unit whose records officers may see the run (the requester's unit). */
    unitId: uuid('unit_id'),
    status: text('status').$type<OcrStatus>().notNull().default('queued'),
    failure: text('failure').$type<OcrFailureKind>(),
    /** The engine's own words, for the administrator (never shown to officers). */
    detail: text('detail'),
    pageCount: integer('page_count'),
    pages: jsonb('pages').$type<OcrPage[]>().notNull().default([]),
    /** Text of all pages, separated by form feeds (\f). */
    text: text('text'),
    suggestions: jsonb('suggestions').$type<LetterSuggestions>(),
    pdfa: boolean('pdfa'),
    attempts: integer('attempts').notNull().default(0),
    requestedBy: uuid('requested_by'),
    version: version(),
    createdAt: createdAt(),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    index('ocr_runs_source_idx').on(t.sourceFileId),
    index('ocr_runs_owner_idx').on(t.ownerType, t.ownerId),
    index('ocr_runs_text_search_idx').using('gin', sql`to_tsvector('simple', coalesce(${t.text}, ''))`),
  ],
);
