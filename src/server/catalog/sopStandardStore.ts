// SOP time standards in the database: the one that applies to a letter, the admin's edits.
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Actor } from '../auth/actor.js';
import { requireRole } from '../auth/actor.js';
import { recordAudit } from '../audit/recordAudit.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/tx.js';
import { AppError } from '../errors.js';
import { units } from '../org/schema.js';
import { documentTypes, sopTimeStandards, type SopStepStandard } from './schema.js';
import { DEFAULT_SOP_NAME, DEFAULT_SOP_STEPS, pickStandard, stepProblems, unitChainOf } from './sopStandards.js';

export type SopStandardRow = typeof sopTimeStandards.$inferSelect;

/** The instance default exists from the first start on (an admin edits it, never deletes it). */
export async function ensureDefaultSopStandard(db: Db): Promise<void> {
  const [row] = await db.select({ id: sopTimeStandards.id }).from(sopTimeStandards).where(and(isNull(sopTimeStandards.unitId), isNull(sopTimeStandards.documentTypeId)));
  if (row) return;
  await db.insert(sopTimeStandards).values({ unitId: null, documentTypeId: null, sopName: DEFAULT_SOP_NAME, steps: DEFAULT_SOP_STEPS }).onConflictDoNothing();
}

/** The standard for a letter of `documentTypeId` issued by `unitId` (see pickStandard). */
export async function standardForDocument(db: Db, unitId: string, documentTypeId: string): Promise<SopStandardRow | null> {
  const [unit] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  const chain = unit ? unitChainOf(unit.path) : [unitId];
  const candidates = await db
    .select()
    .from(sopTimeStandards)
    .where(
      and(
        or(isNull(sopTimeStandards.unitId), inArray(sopTimeStandards.unitId, chain)),
        or(isNull(sopTimeStandards.documentTypeId), eq(sopTimeStandards.documentTypeId, documentTypeId)),
      ),
    );
  return pickStandard(candidates, chain, documentTypeId);
}

export interface SopStandardView extends SopStandardRow {
  unitName: string | null;
  documentTypeName: string | null;
}

export async function listSopStandards(db: Db): Promise<SopStandardView[]> {
  const rows = await db
    .select({ s: sopTimeStandards, unitName: units.name, documentTypeName: documentTypes.name })
    .from(sopTimeStandards)
    .leftJoin(units, eq(units.id, sopTimeStandards.unitId))
    .leftJoin(documentTypes, eq(documentTypes.id, sopTimeStandards.documentTypeId))
    .orderBy(sql`${sopTimeStandards.unitId} is not null`, asc(units.path), sql`${sopTimeStandards.documentTypeId} is not null`, asc(documentTypes.sortOrder));
  return rows.map((r) => ({ ...r.s, unitName: r.unitName, documentTypeName: r.documentTypeName }));
}

async function viewOf(db: Db, id: string): Promise<SopStandardView> {
  const found = (await listSopStandards(db)).find((r) => r.id === id);
  if (!found) throw new AppError('SOP_STANDARD_NOT_FOUND', { id });
  return found;
}

export interface SopStandardInput {
  sopName: string;
  steps: SopStepStandard[];
  statedTotalMinutes: number | null;
}

function checkInput(input: SopStandardInput): void {
  const problems = stepProblems(input.steps);
  if (!input.sopName.trim()) problems.unshift({ path: 'sopName', message: 'Nama SOP wajib diisi.' });
  if (problems.length) throw new AppError('SOP_STANDARD_INVALID', { fields: problems.map((p) => ({ path: `body.${p.path}`, message: p.message })) });
}

const normalise = (input: SopStandardInput) => ({
  sopName: input.sopName.trim(),
  steps: input.steps.map((s) => ({ no: s.no, activity: s.activity.trim(), phase: s.phase, minutes: s.minutes })),
  statedTotalMinutes: input.statedTotalMinutes,
});

export async function createSopStandard(ctx: AppContext, actor: Actor, input: SopStandardInput & { unitId: string | null; documentTypeId: string | null }): Promise<SopStandardView> {
  requireRole(actor, 'system_admin');
  checkInput(input);
  const id = await inTransaction(ctx.database, async (tx) => {
    if (input.unitId) {
      const [u] = await tx.db.select({ id: units.id }).from(units).where(eq(units.id, input.unitId));
      if (!u) throw new AppError('NOT_FOUND', { entity: 'unit', id: input.unitId });
    }
    if (input.documentTypeId) {
      const [t] = await tx.db.select({ id: documentTypes.id }).from(documentTypes).where(eq(documentTypes.id, input.documentTypeId));
      if (!t) throw new AppError('DOCUMENT_TYPE_INVALID', { id: input.documentTypeId });
    }
    const [row] = await tx.db
      .insert(sopTimeStandards)
      .values({ unitId: input.unitId, documentTypeId: input.documentTypeId, ...normalise(input), createdAt: ctx.now(), updatedAt: ctx.now() })
      .onConflictDoNothing()
      .returning({ id: sopTimeStandards.id });
    if (!row) throw new AppError('SOP_STANDARD_EXISTS', { unitId: input.unitId, documentTypeId: input.documentTypeId });
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'catalog.sop_standard_created', entityType: 'sop_standard', entityId: row.id, data: { unitId: input.unitId, documentTypeId: input.documentTypeId, steps: input.steps.length }, ip: actor.ip });
    return row.id;
  });
  return viewOf(ctx.database.db, id);
}

export async function updateSopStandard(ctx: AppContext, actor: Actor, id: string, input: SopStandardInput & { version: number }): Promise<SopStandardView> {
  requireRole(actor, 'system_admin');
  checkInput(input);
  await inTransaction(ctx.database, async (tx) => {
    const [s] = await tx.db.select().from(sopTimeStandards).where(eq(sopTimeStandards.id, id)).for('update');
    if (!s) throw new AppError('SOP_STANDARD_NOT_FOUND', { id });
    if (s.version !== input.version) throw new AppError('STALE_VERSION', { current: s.version });
    await tx.db.update(sopTimeStandards).set({ ...normalise(input), version: s.version + 1, updatedAt: ctx.now() }).where(eq(sopTimeStandards.id, id));
    await recordAudit(tx.db, { at: ctx.now(),
      actorUserId: actor.userId,
      action: 'catalog.sop_standard_updated',
      entityType: 'sop_standard',
      entityId: id,
      data: { before: s.steps.map((x) => [x.no, x.phase, x.minutes]), after: input.steps.map((x) => [x.no, x.phase, x.minutes]) },
      ip: actor.ip,
    });
  });
  return viewOf(ctx.database.db, id);
}

export async function deleteSopStandard(ctx: AppContext, actor: Actor, id: string, version: number): Promise<void> {
  requireRole(actor, 'system_admin');
  await inTransaction(ctx.database, async (tx) => {
    const [s] = await tx.db.select().from(sopTimeStandards).where(eq(sopTimeStandards.id, id)).for('update');
    if (!s) throw new AppError('SOP_STANDARD_NOT_FOUND', { id });
    if (s.version !== version) throw new AppError('STALE_VERSION', { current: s.version });
    if (s.unitId === null && s.documentTypeId === null) throw new AppError('SOP_STANDARD_DEFAULT_REQUIRED');
    await tx.db.delete(sopTimeStandards).where(eq(sopTimeStandards.id, id));
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'catalog.sop_standard_deleted', entityType: 'sop_standard', entityId: id, data: { unitId: s.unitId, documentTypeId: s.documentTypeId, sopName: s.sopName }, ip: actor.ip });
  });
}
