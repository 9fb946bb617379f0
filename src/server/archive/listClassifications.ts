// Listing and searching classification codes: q matches a code prefix ("000.8" finds 000.8 and
// everything under it) or a word of the name; a parent filter walks the tree level by level.
import { and, asc, count, eq, ilike, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { classificationView, type ClassificationView } from './getClassification.js';
import { classificationCodes } from './schema.js';

export interface ListClassificationsQuery {
  q?: string | undefined;
  /** Children of this code; "" lists the top codes. */
  parent?: string | undefined;
  level?: number | undefined;
  includeInactive?: boolean | undefined;
  page: number;
  pageSize: number;
}

export { likeEscape } from '../db/like.js';
import { likeEscape } from '../db/like.js';

export async function listClassifications(
  db: Db,
  query: ListClassificationsQuery,
): Promise<{ total: number; items: Array<ClassificationView & { hasChildren: boolean }> }> {
  const t = classificationCodes;
  const conds: SQL[] = [];
  if (!query.includeInactive) conds.push(eq(t.active, true));
  if (query.parent !== undefined) conds.push(query.parent === '' ? isNull(t.parentCode) : eq(t.parentCode, query.parent));
  if (query.level !== undefined) conds.push(eq(t.level, query.level));
  const q = query.q?.trim();
  if (q) {
    const byName = ilike(t.name, `%${likeEscape(q)}%`);
    conds.push(/^[\d.]+$/.test(q) ? or(like(t.code, `${likeEscape(q)}%`), byName)! : byName);
  }
  const where = conds.length ? and(...conds) : undefined;
  const [totalRow] = await db.select({ n: count() }).from(t).where(where);
  const rows = await db
    .select({
      row: t,
      // Written out: drizzle leaves column names unqualified inside a select field.
      hasChildren: sql<boolean>`exists (select 1 from classification_codes c where c.parent_code = "classification_codes"."code")`,
    })
    .from(t)
    .where(where)
    .orderBy(asc(t.sortKey))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { total: totalRow?.n ?? 0, items: rows.map((r) => ({ ...classificationView(r.row), hasChildren: r.hasChildren })) };
}
