// Positions (jabatan) and who holds them, including acting holders (Plt/Plh/Pj) for a period.
import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { isoDateIn } from '../../shared/dates.js';
import { positionHolders, positions, units, users, type HolderKind } from './schema.js';
import { getUnit } from './units.js';

export type PositionRow = typeof positions.$inferSelect;

export interface PositionInput {
  unitId: string;
  name: string;
  level: string;
  parentPositionId?: string | null | undefined;
  isUnitHead?: boolean | undefined;
  sortOrder?: number | undefined;
}

export async function getPosition(db: Db, id: string): Promise<PositionRow> {
  const [row] = await db.select().from(positions).where(eq(positions.id, id));
  if (!row) throw new AppError('NOT_FOUND', { entity: 'position', id });
  return row;
}

export async function insertPosition(db: Db, input: PositionInput): Promise<PositionRow> {
  await getUnit(db, input.unitId);
  if (input.parentPositionId) await getPosition(db, input.parentPositionId);
  const [row] = await db
    .insert(positions)
    .values({
      unitId: input.unitId,
      name: input.name.trim(),
      level: input.level,
      parentPositionId: input.parentPositionId ?? null,
      isUnitHead: input.isUnitHead ?? false,
      sortOrder: input.sortOrder ?? 0,
    })
    .returning();
  return row!;
}

export async function createPosition(ctx: AppContext, actor: Actor, input: PositionInput): Promise<PositionRow> {
  requireRole(actor, 'system_admin');
  return inTransaction(ctx.database, async (tx) => {
    const row = await insertPosition(tx.db, input);
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'org.position_created', entityType: 'position', entityId: row.id, data: { name: row.name }, ip: actor.ip });
    return row;
  });
}

export async function updatePosition(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: Partial<PositionInput> & { active?: boolean | undefined; version: number },
): Promise<PositionRow> {
  requireRole(actor, 'system_admin');
  return inTransaction(ctx.database, async (tx) => {
    const [current] = await tx.db.select().from(positions).where(eq(positions.id, id)).for('update');
    if (!current) throw new AppError('NOT_FOUND', { entity: 'position', id });
    if (current.version !== input.version) throw new AppError('STALE_VERSION', { current: current.version });
    if (input.parentPositionId) {
      // Walk up from the new parent: reaching this position would make a cycle.
      let cursor: string | null = input.parentPositionId;
      for (let i = 0; cursor && i < 100; i++) {
        if (cursor === id) throw new AppError('CONFLICT', { reason: 'position_cycle' });
        cursor = (await getPosition(tx.db, cursor)).parentPositionId;
      }
    }
    const [row] = await tx.db
      .update(positions)
      .set({
        ...(input.unitId !== undefined ? { unitId: input.unitId } : {}),
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.level !== undefined ? { level: input.level } : {}),
        ...(input.parentPositionId !== undefined ? { parentPositionId: input.parentPositionId } : {}),
        ...(input.isUnitHead !== undefined ? { isUnitHead: input.isUnitHead } : {}),
        ...(input.sortOrder !== undefined ? { sortOrder: input.sortOrder } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        version: current.version + 1,
        updatedAt: ctx.now(),
      })
      .where(eq(positions.id, id))
      .returning();
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'org.position_updated', entityType: 'position', entityId: id, ip: actor.ip });
    return row!;
  });
}

const activeOn = (date: string) =>
  and(lte(positionHolders.startsOn, date), or(isNull(positionHolders.endsOn), gte(positionHolders.endsOn, date)));

export interface HeldPosition {
  holderId: string;
  positionId: string;
  positionName: string;
  level: string;
  /** The holder heads the unit (Kepala Dinas, Kabid, Kabag …). */
  isUnitHead: boolean;
  unitId: string;
  unitName: string;
  unitPath: string;
  kind: HolderKind;
  startsOn: string;
  endsOn: string | null;
}

/** Positions a user holds on `date` (definitive and acting). */
export async function positionsHeldBy(db: Db, userId: string, date: string): Promise<HeldPosition[]> {
  return db
    .select({
      holderId: positionHolders.id,
      positionId: positions.id,
      positionName: positions.name,
      level: positions.level,
      isUnitHead: positions.isUnitHead,
      unitId: units.id,
      unitName: units.name,
      unitPath: units.path,
      kind: positionHolders.kind,
      startsOn: positionHolders.startsOn,
      endsOn: positionHolders.endsOn,
    })
    .from(positionHolders)
    .innerJoin(positions, eq(positions.id, positionHolders.positionId))
    .innerJoin(units, eq(units.id, positions.unitId))
    .where(and(eq(positionHolders.userId, userId), activeOn(date)))
    .orderBy(sql`case ${positionHolders.kind} when 'definitif' then 0 else 1 end`, asc(positions.sortOrder));
}

export interface PositionHolderView {
  holderId: string;
  userId: string;
  name: string;
  nip: string | null;
  kind: HolderKind;
  startsOn: string;
  endsOn: string | null;
}

/** Who holds each of the given positions on `date` (with `includeUpcoming`, also appointments starting later). */
export async function holdersOf(db: Db, positionIds: string[], date: string, opts: { includeUpcoming?: boolean } = {}): Promise<Map<string, PositionHolderView[]>> {
  const out = new Map<string, PositionHolderView[]>();
  if (positionIds.length === 0) return out;
  const rows = await db
    .select({
      positionId: positionHolders.positionId,
      holderId: positionHolders.id,
      userId: users.id,
      name: users.name,
      nip: users.nip,
      kind: positionHolders.kind,
      startsOn: positionHolders.startsOn,
      endsOn: positionHolders.endsOn,
    })
    .from(positionHolders)
    .innerJoin(users, eq(users.id, positionHolders.userId))
    .where(
      and(
        inArray(positionHolders.positionId, positionIds),
        opts.includeUpcoming ? or(isNull(positionHolders.endsOn), gte(positionHolders.endsOn, date)) : activeOn(date),
        eq(users.status, 'active'),
      ),
    )
    .orderBy(sql`case ${positionHolders.kind} when 'definitif' then 0 else 1 end`, asc(positionHolders.startsOn));
  for (const r of rows) {
    const list = out.get(r.positionId) ?? [];
    list.push({ holderId: r.holderId, userId: r.userId, name: r.name, nip: r.nip, kind: r.kind, startsOn: r.startsOn, endsOn: r.endsOn });
    out.set(r.positionId, list);
  }
  return out;
}

export interface HolderInput {
  positionId: string;
  userId: string;
  kind: HolderKind;
  startsOn: string;
  endsOn?: string | null | undefined;
  decree?: string | null | undefined;
}

export async function insertHolder(db: Db, input: HolderInput): Promise<typeof positionHolders.$inferSelect> {
  if (input.endsOn && input.endsOn < input.startsOn) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.endsOn', message: 'Tanggal selesai harus sesudah tanggal mulai' }] });
  }
  if (input.kind === 'definitif') {
    // One definitive holder at a time: overlapping appointments are refused.
    const overlapping = await db
      .select({ id: positionHolders.id })
      .from(positionHolders)
      .where(
        and(
          eq(positionHolders.positionId, input.positionId),
          eq(positionHolders.kind, 'definitif'),
          or(isNull(positionHolders.endsOn), gte(positionHolders.endsOn, input.startsOn)),
          input.endsOn ? lte(positionHolders.startsOn, input.endsOn) : undefined,
        ),
      );
    if (overlapping.length) throw new AppError('CONFLICT', { reason: 'position_already_held', positionId: input.positionId });
  }
  const [row] = await db
    .insert(positionHolders)
    .values({ positionId: input.positionId, userId: input.userId, kind: input.kind, startsOn: input.startsOn, endsOn: input.endsOn ?? null, decree: input.decree ?? null })
    .returning();
  return row!;
}

export async function assignHolder(ctx: AppContext, actor: Actor, input: HolderInput) {
  requireRole(actor, 'system_admin');
  return inTransaction(ctx.database, async (tx) => {
    await getPosition(tx.db, input.positionId);
    const row = await insertHolder(tx.db, input);
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'org.holder_assigned', entityType: 'position', entityId: input.positionId, data: { userId: input.userId, kind: input.kind, startsOn: input.startsOn, endsOn: input.endsOn ?? null }, ip: actor.ip });
    return row;
  });
}

/** End an appointment (the last day it applies). */
export async function endHolder(ctx: AppContext, actor: Actor, holderId: string, endsOn?: string) {
  requireRole(actor, 'system_admin');
  const date = endsOn ?? isoDateIn(ctx.config.timeZone, ctx.now());
  return inTransaction(ctx.database, async (tx) => {
    const [row] = await tx.db.select().from(positionHolders).where(eq(positionHolders.id, holderId));
    if (!row) throw new AppError('NOT_FOUND', { entity: 'position_holder', id: holderId });
    if (date < row.startsOn) {
      await tx.db.delete(positionHolders).where(eq(positionHolders.id, holderId));
    } else {
      await tx.db.update(positionHolders).set({ endsOn: date }).where(eq(positionHolders.id, holderId));
    }
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'org.holder_ended', entityType: 'position', entityId: row.positionId, data: { holderId, endsOn: date }, ip: actor.ip });
  });
}

/** The chain of superiors from a position upwards (excluding itself), nearest first. */
export async function superiorChain(db: Db, positionId: string, limit = 20): Promise<PositionRow[]> {
  const chain: PositionRow[] = [];
  let cursor = (await getPosition(db, positionId)).parentPositionId;
  while (cursor && chain.length < limit) {
    const p = await getPosition(db, cursor);
    chain.push(p);
    cursor = p.parentPositionId;
  }
  return chain;
}
