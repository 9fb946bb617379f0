// Units (the organisation tree): read, create, update. The materialised path is kept
// consistent on moves so subtree checks are a prefix test.
import { and, asc, eq, like, ne, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/tx.js';
import { uuidv7 } from '../db/ids.js';
import { recordAudit } from '../audit/recordAudit.js';
import type { Actor } from '../auth/actor.js';
import { requireRole } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { units, type UnitKind } from './schema.js';

export type UnitRow = typeof units.$inferSelect;

export async function listUnits(db: Db, opts: { includeInactive?: boolean } = {}): Promise<UnitRow[]> {
  return db
    .select()
    .from(units)
    .where(opts.includeInactive ? undefined : eq(units.active, true))
    .orderBy(asc(units.depth), asc(units.sortOrder), asc(units.name));
}

export async function getUnit(db: Db, id: string): Promise<UnitRow> {
  const [row] = await db.select().from(units).where(eq(units.id, id));
  if (!row) throw new AppError('NOT_FOUND', { entity: 'unit', id });
  return row;
}

/** The top-level Perangkat Daerah (child of the pemda root) that contains a unit. */
export async function perangkatDaerahOf(db: Db, unitId: string): Promise<UnitRow> {
  const unit = await getUnit(db, unitId);
  const ids = unit.path.split('/').filter(Boolean);
  // path: /pemda/pd/…; a unit at depth 0 is the root itself.
  const pdId = ids[1] ?? ids[0]!;
  return pdId === unit.id ? unit : getUnit(db, pdId);
}

export interface UnitInput {
  parentId: string | null;
  name: string;
  shortName?: string | null | undefined;
  kind: UnitKind;
  code?: string | null | undefined;
  sortOrder?: number | undefined;
  address?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  website?: string | null | undefined;
}

async function assertCodeFree(db: Db, code: string | null | undefined, exceptId?: string): Promise<void> {
  if (!code) return;
  const rows = await db
    .select({ id: units.id })
    .from(units)
    .where(exceptId ? and(eq(units.code, code), ne(units.id, exceptId)) : eq(units.code, code));
  if (rows.length) throw new AppError('UNIT_CODE_TAKEN', { code });
}

/** Insert with a transaction handle; used by the API, the CSV import and the demo seed. */
export async function insertUnit(db: Db, input: UnitInput): Promise<UnitRow> {
  const id = uuidv7();
  let path = `/${id}/`;
  let depth = 0;
  if (input.parentId) {
    const parent = await getUnit(db, input.parentId);
    path = `${parent.path}${id}/`;
    depth = parent.depth + 1;
  }
  await assertCodeFree(db, input.code);
  const [row] = await db
    .insert(units)
    .values({
      id,
      parentId: input.parentId,
      name: input.name.trim(),
      shortName: input.shortName ?? null,
      kind: input.kind,
      code: input.code?.trim() || null,
      path,
      depth,
      sortOrder: input.sortOrder ?? 0,
      address: input.address ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      website: input.website ?? null,
    })
    .returning();
  return row!;
}

export async function createUnit(ctx: AppContext, actor: Actor, input: UnitInput): Promise<UnitRow> {
  requireRole(actor, 'system_admin');
  return inTransaction(ctx.database, async (tx) => {
    const row = await insertUnit(tx.db, input);
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'org.unit_created', entityType: 'unit', entityId: row.id, data: { name: row.name, code: row.code }, ip: actor.ip });
    return row;
  });
}

export async function updateUnit(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: Partial<UnitInput> & { active?: boolean | undefined; version: number },
): Promise<UnitRow> {
  requireRole(actor, 'system_admin');
  return inTransaction(ctx.database, async (tx) => {
    const [current] = await tx.db.select().from(units).where(eq(units.id, id)).for('update');
    if (!current) throw new AppError('NOT_FOUND', { entity: 'unit', id });
    if (current.version !== input.version) throw new AppError('STALE_VERSION', { current: current.version });
    if (input.code !== undefined) await assertCodeFree(tx.db, input.code, id);

    let path = current.path;
    let depth = current.depth;
    if (input.parentId !== undefined && input.parentId !== current.parentId) {
      if (input.parentId) {
        const parent = await getUnit(tx.db, input.parentId);
        if (parent.path.startsWith(current.path)) throw new AppError('UNIT_CYCLE');
        path = `${parent.path}${id}/`;
        depth = parent.depth + 1;
      } else {
        path = `/${id}/`;
        depth = 0;
      }
      // Re-root the whole subtree in one statement.
      await tx.db.execute(sql`
        update ${units} set
          path = ${path} || substr(path, ${current.path.length + 1}),
          depth = depth + ${depth - current.depth}
        where path like ${current.path + '%'} and id <> ${id}`);
    }
    const [row] = await tx.db
      .update(units)
      .set({
        ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.shortName !== undefined ? { shortName: input.shortName } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.code !== undefined ? { code: input.code?.trim() || null } : {}),
        ...(input.sortOrder !== undefined ? { sortOrder: input.sortOrder } : {}),
        ...(input.address !== undefined ? { address: input.address } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.website !== undefined ? { website: input.website } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        path,
        depth,
        version: current.version + 1,
        updatedAt: ctx.now(),
      })
      .where(eq(units.id, id))
      .returning();
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'org.unit_updated', entityType: 'unit', entityId: id, data: { fields: Object.keys(input).filter((k) => k !== 'version') }, ip: actor.ip });
    return row!;
  });
}

/** Ids of a unit and all its descendants. */
export async function subtreeUnitIds(db: Db, unitId: string): Promise<string[]> {
  const unit = await getUnit(db, unitId);
  const rows = await db.select({ id: units.id }).from(units).where(like(units.path, `${unit.path}%`));
  return rows.map((r) => r.id);
}
