// Adding a classification code (system admin). The insert is shared with the CSV import and the
// reference data loader so every path derives parent, level and sort key the same way.
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { classificationCodeProblem, classificationLevel, classificationSortKey, parentClassificationCode, type Disposition } from './classificationCode.js';
import { classificationView, findClassification, type ClassificationRow, type ClassificationView } from './getClassification.js';
import { classificationCodes, type ClassificationSource } from './schema.js';

export interface ClassificationFields {
  name: string;
  description?: string | null | undefined;
  retentionActiveYears?: number | null | undefined;
  retentionInactiveYears?: number | null | undefined;
  finalDisposition?: Disposition | null | undefined;
  legalBasis?: string | null | undefined;
  active?: boolean | undefined;
}

/** Throws CLASSIFICATION_CODE_INVALID with the precise reason. */
export function assertCodeFormat(code: string): void {
  const problem = classificationCodeProblem(code);
  if (problem) throw new AppError('CLASSIFICATION_CODE_INVALID', { code }, { id: `${problem}.` });
}

/** Insert with the caller's handle; the parent must exist (checked by the foreign key too). */
export async function insertClassification(
  db: Db,
  code: string,
  fields: ClassificationFields,
  source: ClassificationSource,
  actorUserId: string | null,
): Promise<ClassificationRow> {
  const parentCode = parentClassificationCode(code);
  const [row] = await db
    .insert(classificationCodes)
    .values({
      code,
      name: fields.name.trim(),
      parentCode,
      level: classificationLevel(code),
      sortKey: classificationSortKey(code),
      description: fields.description?.trim() || null,
      retentionActiveYears: fields.retentionActiveYears ?? null,
      retentionInactiveYears: fields.retentionInactiveYears ?? null,
      finalDisposition: fields.finalDisposition ?? null,
      legalBasis: fields.legalBasis?.trim() || null,
      active: fields.active ?? true,
      source,
      updatedBy: actorUserId,
    })
    .returning();
  return row!;
}

export async function createClassification(ctx: AppContext, actor: Actor, input: ClassificationFields & { code: string }): Promise<ClassificationView> {
  requireRole(actor, 'system_admin');
  const code = input.code.trim();
  assertCodeFormat(code);
  return inTransaction(ctx.database, async (tx) => {
    if (await findClassification(tx.db, code)) throw new AppError('CLASSIFICATION_EXISTS', { code }, { id: `Kode klasifikasi ${code} sudah ada.` });
    const parent = parentClassificationCode(code);
    if (parent && !(await findClassification(tx.db, parent))) {
      throw new AppError('CLASSIFICATION_PARENT_MISSING', { code, parent }, { id: `Kode induk ${parent} belum terdaftar; tambahkan induknya lebih dulu.` });
    }
    const row = await insertClassification(tx.db, code, input, 'manual', actor.userId);
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'archive.classification_created', entityType: 'classification', entityId: code, data: { name: row.name }, ip: actor.ip });
    return classificationView(row);
  });
}
