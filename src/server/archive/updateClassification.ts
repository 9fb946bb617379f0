// Editing a classification code's name, description, JRA or active flag (system admin), with
// optimistic concurrency. The code itself never changes: a replaced code is deactivated.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import type { ClassificationFields } from './createClassification.js';
import { classificationView, type ClassificationView } from './getClassification.js';
import { classificationCodes } from './schema.js';

export async function updateClassification(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: Partial<ClassificationFields> & { version: number },
): Promise<ClassificationView> {
  requireRole(actor, 'system_admin');
  return inTransaction(ctx.database, async (tx) => {
    const [current] = await tx.db.select().from(classificationCodes).where(eq(classificationCodes.code, code)).for('update');
    if (!current) throw new AppError('CLASSIFICATION_NOT_FOUND', { code });
    if (current.version !== input.version) throw new AppError('STALE_VERSION', { current: current.version });
    const next = {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.description !== undefined ? { description: input.description?.trim() || null } : {}),
      ...(input.retentionActiveYears !== undefined ? { retentionActiveYears: input.retentionActiveYears } : {}),
      ...(input.retentionInactiveYears !== undefined ? { retentionInactiveYears: input.retentionInactiveYears } : {}),
      ...(input.finalDisposition !== undefined ? { finalDisposition: input.finalDisposition } : {}),
      ...(input.legalBasis !== undefined ? { legalBasis: input.legalBasis?.trim() || null } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    };
    const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => (current[k] ?? null) !== (next[k] ?? null));
    if (!changed.length) return classificationView(current);
    const [row] = await tx.db
      .update(classificationCodes)
      .set({ ...next, version: current.version + 1, updatedAt: ctx.now(), updatedBy: actor.userId })
      .where(eq(classificationCodes.code, code))
      .returning();
    await recordAudit(tx.db, { at: ctx.now(),
      actorUserId: actor.userId,
      action: 'archive.classification_updated',
      entityType: 'classification',
      entityId: code,
      data: { fields: changed, before: Object.fromEntries(changed.map((k) => [k, current[k]])) },
      ip: actor.ip,
    });
    return classificationView(row!);
  });
}
