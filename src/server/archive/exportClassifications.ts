// CSV export of every classification code with its JRA, in the import's columns (Excel-friendly:
// UTF-8 with BOM, ';' by default). Edit in a spreadsheet, import back.
import { asc } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { CsvSeparator } from '../../shared/csv.js';
import { classificationsToCsv } from './classificationCsv.js';
import { classificationCodes } from './schema.js';

export async function exportClassificationsCsv(db: Db, opts: { separator?: CsvSeparator } = {}): Promise<string> {
  const rows = await db.select().from(classificationCodes).orderBy(asc(classificationCodes.sortKey));
  return classificationsToCsv(rows, opts.separator ?? ';');
}
