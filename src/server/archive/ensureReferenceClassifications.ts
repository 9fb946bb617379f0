// Loads the shipped reference codes at every start, inserting only codes not yet present: an
// admin's edits (names, JRA, deactivation) and imported codes survive upgrades untouched.
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { classificationLevel, classificationSortKey, parentClassificationCode } from './classificationCode.js';
import { referenceClassifications, REFERENCE_SOURCE, type ReferenceClassification } from './referenceClassifications.js';
import { classificationCodes } from './schema.js';

export async function ensureReferenceClassifications(db: Db, reference: ReferenceClassification[] = referenceClassifications): Promise<{ inserted: number }> {
  const codes = reference.map((r) => r.code);
  const present = new Set(
    (await db.select({ code: classificationCodes.code }).from(classificationCodes).where(inArray(classificationCodes.code, codes))).map((r) => r.code),
  );
  const missing = reference.filter((r) => !present.has(r.code)).sort((a, b) => classificationSortKey(a.code).localeCompare(classificationSortKey(b.code)));
  if (!missing.length) return { inserted: 0 };
  // One statement, parents before children: the foreign key is checked at the end of it.
  // ON CONFLICT: several instances may start at once against one database.
  const inserted = await db
    .insert(classificationCodes)
    .values(
      missing.map((r) => ({
        code: r.code,
        name: r.name,
        parentCode: parentClassificationCode(r.code),
        level: classificationLevel(r.code),
        sortKey: classificationSortKey(r.code),
        description: r.description ?? null,
        retentionActiveYears: r.jra?.active ?? null,
        retentionInactiveYears: r.jra?.inactive ?? null,
        finalDisposition: r.jra?.disposition ?? null,
        legalBasis: r.jra?.basis ?? null,
        source: REFERENCE_SOURCE,
      })),
    )
    .onConflictDoNothing({ target: classificationCodes.code })
    .returning({ code: classificationCodes.code });
  return { inserted: inserted.length };
}
