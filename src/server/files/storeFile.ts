import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { files } from './schema.js';

export type FileRow = typeof files.$inferSelect;

export const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  png: 'image/png',
  csv: 'text/csv',
} as const;

/** Put the bytes in the blob store (outside any transaction is fine: blobs are immutable) and name them. */
export async function storeFile(ctx: AppContext, db: Db, f: { bytes: Uint8Array; name: string; mime: string; createdBy: string | null }): Promise<FileRow> {
  const { sha256, size } = await ctx.blobs.put(f.bytes);
  const [row] = await db.insert(files).values({ sha256, size, mime: f.mime, name: f.name.slice(0, 250), createdBy: f.createdBy }).returning();
  return row!;
}

export async function getFileRow(db: Db, id: string): Promise<FileRow> {
  const [row] = await db.select().from(files).where(eq(files.id, id));
  if (!row) throw new AppError('NOT_FOUND', { entity: 'file', id });
  return row;
}

export async function readFileBytes(ctx: AppContext, db: Db, id: string): Promise<{ row: FileRow; bytes: Buffer }> {
  const row = await getFileRow(db, id);
  return { row, bytes: await ctx.blobs.get(row.sha256) };
}
