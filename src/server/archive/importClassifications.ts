// CSV import of classification codes and their JRA (API for system admins and the CLI).
// Idempotent: rows are matched by code and only changed fields are written; a second run of
// the same file changes nothing. All or nothing: any bad row aborts the import and the report
// lists every bad row (line number, column, reason in Indonesian).
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { isSystemAdmin, type Actor } from '../auth/actor.js';
import { AppError, isAppError } from '../errors.js';
import { parseCsv } from '../org/importOrg.js';
import { classificationSortKey, parentClassificationCode } from './classificationCode.js';
import { parseClassificationRow, REQUIRED_CLASSIFICATION_COLUMNS, type ParsedClassificationRow } from './classificationCsv.js';
import { insertClassification } from './createClassification.js';
import { findClassification } from './getClassification.js';
import { classificationCodes } from './schema.js';

export interface ClassificationImportError {
  /** 1-based line in the file; the header is line 1. */
  row: number;
  column?: string;
  message: string;
}

export interface ClassificationImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: ClassificationImportError[];
  applied: boolean;
}

const ROLLBACK = Symbol('rollback');

export async function importClassificationsCsv(
  ctx: AppContext,
  actor: Actor | null,
  csv: string,
  opts: { dryRun?: boolean } = {},
): Promise<ClassificationImportReport> {
  if (actor && !isSystemAdmin(actor)) throw new AppError('FORBIDDEN', { requiredRole: 'system_admin' });
  const { header, records } = parseCsv(csv);
  const missing = REQUIRED_CLASSIFICATION_COLUMNS.filter((c) => !header.includes(c));
  const report: ClassificationImportReport = { rows: records.length, created: 0, updated: 0, unchanged: 0, errors: [], applied: false };
  if (missing.length) {
    report.errors.push({ row: 1, message: `Kolom wajib tidak ada: ${missing.join(', ')}. Kolom yang dikenal: kode, nama, keterangan, retensi_aktif, retensi_inaktif, keterangan_akhir, dasar_hukum, aktif` });
    return report;
  }

  // Check every row on its own first; then apply parents before children, whatever the file's order.
  const parsed: Array<{ line: number; row: ParsedClassificationRow }> = [];
  const seen = new Map<string, number>();
  for (const [i, r] of records.entries()) {
    const line = i + 2;
    const result = parseClassificationRow(header, r);
    if (!result.ok) {
      for (const p of result.problems) report.errors.push({ row: line, column: p.column, message: p.message });
      continue;
    }
    const first = seen.get(result.row.code);
    if (first !== undefined) {
      report.errors.push({ row: line, column: 'kode', message: `Kode ${result.row.code} sudah ada di baris ${first}` });
      continue;
    }
    seen.set(result.row.code, line);
    parsed.push({ line, row: result.row });
  }
  parsed.sort((a, b) => classificationSortKey(a.row.code).localeCompare(classificationSortKey(b.row.code)) || a.line - b.line);

  try {
    await inTransaction(ctx.database, async (tx) => {
      for (const { line, row } of parsed) {
        await tx.client.query('savepoint import_row');
        try {
          const [existing] = await tx.db.select().from(classificationCodes).where(eq(classificationCodes.code, row.code)).for('update');
          if (!existing) {
            const parent = parentClassificationCode(row.code);
            if (parent && !(await findClassification(tx.db, parent))) {
              report.errors.push({ row: line, column: 'kode', message: `Kode induk ${parent} tidak ada di basis data maupun di berkas ini` });
              await tx.client.query('rollback to savepoint import_row');
              continue;
            }
            await insertClassification(tx.db, row.code, row.fields, 'import', actor?.userId ?? null);
            report.created++;
          } else {
            const changed = (Object.keys(row.fields) as Array<keyof typeof row.fields>).filter((k) => (existing[k] ?? null) !== (row.fields[k] ?? null));
            if (!changed.length) report.unchanged++;
            else {
              await tx.db
                .update(classificationCodes)
                .set({ ...row.fields, version: existing.version + 1, updatedAt: ctx.now(), updatedBy: actor?.userId ?? null })
                .where(eq(classificationCodes.code, row.code));
              report.updated++;
            }
          }
          await tx.client.query('release savepoint import_row');
        } catch (e) {
          await tx.client.query('rollback to savepoint import_row');
          if (isAppError(e)) report.errors.push({ row: line, message: e.userMessage('id') });
          else throw e;
        }
      }
      if (report.errors.length || opts.dryRun) throw ROLLBACK;
      await recordAudit(tx.db, { at: ctx.now(),
        actorUserId: actor?.userId ?? null,
        action: 'archive.classifications_imported',
        entityType: 'classification',
        data: { rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged },
        ip: actor?.ip ?? null,
      });
    });
    report.applied = true;
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  report.errors.sort((a, b) => a.row - b.row);
  return report;
}
