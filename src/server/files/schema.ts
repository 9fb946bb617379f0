import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../db/columns.js';

/**
 * Stored files (uploads, generated PDFs, templates). Bytes live in the BlobStore under their
 * SHA-256; this row names them. Several rows may share one blob.
 */
export const files = pgTable(
  'files',
  {
    id: id(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    mime: text('mime').notNull(),
    name: text('name').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('files_sha_idx').on(t.sha256)],
);
