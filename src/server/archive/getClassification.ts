// Reading one classification code: for the API (with its ancestors) and for other domains
// that must check a code before using it (numbering, the document workflow).
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { ancestorClassificationCodes, jraLabel } from './classificationCode.js';
import { classificationCodes } from './schema.js';

export type ClassificationRow = typeof classificationCodes.$inferSelect;

/** A row plus the label the UI prints for its retention ("belum ditetapkan" when unset). */
export type ClassificationView = ClassificationRow & { jraLabel: string };

export function classificationView(row: ClassificationRow): ClassificationView {
  return { ...row, jraLabel: jraLabel(row) };
}

/** The code's row, or null. */
export async function findClassification(db: Db, code: string): Promise<ClassificationRow | null> {
  const [row] = await db.select().from(classificationCodes).where(eq(classificationCodes.code, code.trim()));
  return row ?? null;
}

/** The code's row; 404 CLASSIFICATION_NOT_FOUND when it does not exist. */
export async function getClassification(db: Db, code: string): Promise<ClassificationRow> {
  const row = await findClassification(db, code);
  if (!row) throw new AppError('CLASSIFICATION_NOT_FOUND', { code });
  return row;
}

/**
 * For a document or a number: the code exists and is active. Throws 400 CLASSIFICATION_UNKNOWN
 * or CLASSIFICATION_INACTIVE with the code in the message. Returns the row.
 */
export async function assertClassificationUsable(db: Db, code: string): Promise<ClassificationRow> {
  const row = await findClassification(db, code);
  if (!row) {
    throw new AppError('CLASSIFICATION_UNKNOWN', { code }, { id: `Kode klasifikasi ${code} tidak terdaftar.`, en: `Classification code ${code} is not registered.` });
  }
  if (!row.active) {
    throw new AppError('CLASSIFICATION_INACTIVE', { code }, { id: `Kode klasifikasi ${code} (${row.name}) sudah tidak aktif dan tidak dapat dipakai.`, en: `Classification code ${code} is inactive.` });
  }
  return row;
}

/** Ancestors from the top down ("000", "000.8", "000.8.3" for "000.8.3.3"), those that exist. */
export async function classificationAncestors(db: Db, code: string): Promise<ClassificationRow[]> {
  const codes = ancestorClassificationCodes(code);
  if (!codes.length) return [];
  return db.select().from(classificationCodes).where(inArray(classificationCodes.code, codes)).orderBy(asc(classificationCodes.sortKey));
}
