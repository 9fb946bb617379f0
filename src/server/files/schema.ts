import { bigint, customType, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
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

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * The PostgreSQL blob store (NASKAH_BLOB_STORE=postgres): a blob is an ordered list of chunks,
 * each chunk stored once under its own SHA-256 (identical chunks of different files share a row).
 * Bytes go in and out one chunk at a time, so no whole file is held in memory.
 */
export const blobs = pgTable('blobs', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  chunkCount: integer('chunk_count').notNull(),
  createdAt: createdAt(),
});

export const blobChunks = pgTable('blob_chunks', {
  sha256: text('sha256').primaryKey(),
  data: bytea('data').notNull(),
});

export const blobParts = pgTable(
  'blob_parts',
  {
    blobSha256: text('blob_sha256')
      .notNull()
      .references(() => blobs.sha256, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    chunkSha256: text('chunk_sha256')
      .notNull()
      .references(() => blobChunks.sha256),
  },
  (t) => [primaryKey({ columns: [t.blobSha256, t.seq] }), index('blob_parts_chunk_idx').on(t.chunkSha256)],
);
