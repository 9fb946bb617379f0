// The office seal (cap dinas) of a unit: an administrator uploads, replaces or removes it; the
// signing of a letter looks up the seal of its issuing unit (or the nearest unit above it that
// has one: a bidang's letters carry its dinas's seal).
import { eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { readFileBytes, storeFile } from '../files/storeFile.js';
import { unitSeals, units } from './schema.js';
import { getUnit } from './units.js';
import { validateSealImage, type SealKind } from './sealImage.js';

export type UnitSealRow = typeof unitSeals.$inferSelect;

export interface SealView {
  unitId: string;
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  updatedAt: Date;
}

const view = (r: UnitSealRow): SealView => ({ unitId: r.unitId, mime: r.mime, width: r.width, height: r.height, updatedAt: r.updatedAt });

export async function sealOf(db: Db, unitId: string): Promise<SealView | null> {
  const [row] = await db.select().from(unitSeals).where(eq(unitSeals.unitId, unitId));
  return row ? view(row) : null;
}

/** Upload or replace the seal. The bytes are parsed only after the actor is known to be an admin. */
export async function setUnitSeal(ctx: AppContext, actor: Actor, unitId: string, bytes: Uint8Array): Promise<SealView> {
  requireRole(actor, 'system_admin');
  const unit = await getUnit(ctx.database.db, unitId);
  const info = await validateSealImage(bytes);
  return inTransaction(ctx.database, async (tx) => {
    const file = await storeFile(ctx, tx.db, { bytes, name: `cap-dinas-${unit.code ?? unit.id}.${info.kind === 'png' ? 'png' : 'jpg'}`, mime: info.mime, createdBy: actor.userId });
    const [previous] = await tx.db.select().from(unitSeals).where(eq(unitSeals.unitId, unitId)).for('update');
    const values = { unitId, fileId: file.id, mime: info.mime, width: info.width, height: info.height, updatedBy: actor.userId, updatedAt: ctx.now() };
    const [row] = await tx.db.insert(unitSeals).values(values).onConflictDoUpdate({ target: unitSeals.unitId, set: values }).returning();
    await recordAudit(tx.db, {
      at: ctx.now(),
      actorUserId: actor.userId,
      action: 'org.unit_seal_uploaded',
      entityType: 'unit',
      entityId: unitId,
      data: { fileId: file.id, sha256: file.sha256, mime: info.mime, width: info.width, height: info.height, replacedFileId: previous?.fileId ?? null },
      ip: actor.ip,
    });
    return view(row!);
  });
}

export async function removeUnitSeal(ctx: AppContext, actor: Actor, unitId: string): Promise<void> {
  requireRole(actor, 'system_admin');
  await getUnit(ctx.database.db, unitId);
  await inTransaction(ctx.database, async (tx) => {
    const [removed] = await tx.db.delete(unitSeals).where(eq(unitSeals.unitId, unitId)).returning();
    if (!removed) throw new AppError('SEAL_NOT_FOUND', { unitId });
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'org.unit_seal_removed', entityType: 'unit', entityId: unitId, data: { fileId: removed.fileId }, ip: actor.ip });
  });
}

/** The seal image itself (administrators: the seal is what makes a paper forgery convincing). */
export async function readUnitSeal(ctx: AppContext, actor: Actor, unitId: string): Promise<{ mime: string; bytes: Buffer }> {
  requireRole(actor, 'system_admin');
  const [row] = await ctx.database.db.select().from(unitSeals).where(eq(unitSeals.unitId, unitId));
  if (!row) throw new AppError('SEAL_NOT_FOUND', { unitId });
  const { bytes } = await readFileBytes(ctx, ctx.database.db, row.fileId);
  return { mime: row.mime, bytes };
}

export interface SealForSigning {
  unitId: string;
  kind: SealKind;
  bytes: Buffer;
  width: number;
  height: number;
}

/** Whether a letter of `unitId` carries an office seal (its unit's or an ancestor's), without reading it. */
export async function unitHasSeal(db: Db, unitId: string): Promise<boolean> {
  const [unit] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  const chain = unit?.path.split('/').filter(Boolean) ?? [];
  if (!chain.length) return false;
  const rows = await db.select({ unitId: unitSeals.unitId }).from(unitSeals).where(inArray(unitSeals.unitId, chain)).limit(1);
  return rows.length > 0;
}

/** The seal a letter of `unitId` carries: that unit's, else the nearest ancestor's; null when none. */
export async function sealForUnit(ctx: AppContext, db: Db, unitId: string): Promise<SealForSigning | null> {
  const [unit] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  if (!unit) return null;
  const chain = unit.path.split('/').filter(Boolean);
  if (!chain.length) return null;
  const rows = await db.select().from(unitSeals).where(inArray(unitSeals.unitId, chain));
  const byUnit = new Map(rows.map((r) => [r.unitId, r]));
  for (let i = chain.length - 1; i >= 0; i--) {
    const r = byUnit.get(chain[i]!);
    if (!r) continue;
    const { bytes } = await readFileBytes(ctx, db, r.fileId);
    return { unitId: r.unitId, kind: r.mime === 'image/png' ? 'png' : 'jpeg', bytes, width: r.width, height: r.height };
  }
  return null;
}
