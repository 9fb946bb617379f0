// Who does what on a pemusnahan / serah arsip statis. The records officer of the unit proposes,
// uploads the Kepala ANRI's approval and executes; the panitia penilai assesses; the head of the
// Perangkat Daerah that created the records (pimpinan pencipta arsip: the Sekda for the Setda, the
// Kepala Dinas for a Dinas, whoever holds the post as definitif, Plt or Plh that day) fixes the
// list by keputusan and signs the berita acara and the daftar with TTE. Anyone else gets 404.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { hasRole, isSystemAdmin, type Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { holdersOf, type PositionHolderView } from '../org/positions.js';
import { positions } from '../org/schema.js';
import { perangkatDaerahOf } from '../org/units.js';
import type { archiveDisposals } from './schema.js';

type DisposalRow = typeof archiveDisposals.$inferSelect;

export interface DisposalHead {
  /** The Perangkat Daerah whose head decides and signs. */
  unitId: string;
  unitName: string;
  positionName: string | null;
  /** Holders on the day: definitif first, then Plt/Plh/Pj. */
  holders: PositionHolderView[];
}

/** The head of the Perangkat Daerah containing `unitId`, as of `day`. */
export async function disposalHeadOf(db: Db, unitId: string, day: string): Promise<DisposalHead> {
  const pd = await perangkatDaerahOf(db, unitId);
  const [pos] = await db
    .select({ id: positions.id, name: positions.name })
    .from(positions)
    .where(and(eq(positions.unitId, pd.id), eq(positions.isUnitHead, true), eq(positions.active, true)))
    .orderBy(positions.sortOrder)
    .limit(1);
  const holders = pos ? ((await holdersOf(db, [pos.id], day)).get(pos.id) ?? []) : [];
  return { unitId: pd.id, unitName: pd.name, positionName: pos?.name ?? null, holders };
}

/** "Plt. Sekretaris Daerah" for an acting holder; the position name for a definitive one. */
export function headTitle(head: DisposalHead, userId: string): string {
  const h = head.holders.find((x) => x.userId === userId);
  const prefix = h && h.kind !== 'definitif' ? `${h.kind === 'pj' ? 'Pj' : h.kind === 'plt' ? 'Plt' : 'Plh'}. ` : '';
  return `${prefix}${head.positionName ?? head.unitName}`;
}

export interface DisposalRoles {
  keeper: boolean;
  member: boolean;
  head: boolean;
}

export function disposalRoles(actor: Actor, d: DisposalRow, head: DisposalHead, unitPath: string): DisposalRoles {
  return {
    keeper: isSystemAdmin(actor) || hasRole(actor, 'records_officer', unitPath),
    member: d.panitiaUserIds.includes(actor.userId),
    head: head.holders.some((h) => h.userId === actor.userId),
  };
}

export const seesDisposal = (r: DisposalRoles) => r.keeper || r.member || r.head;

/**
 * The head's steps (keputusan, signing the berita acara): 404 for whoever may not see the
 * disposal, DISPOSAL_NOT_HEAD for those who may see it but are not the head, and
 * DISPOSAL_OWN_PROPOSAL when the head himself proposed it (four eyes: the one who lists records
 * for destruction is not the one who decides it).
 */
export function assertHeadStep(d: DisposalRow, actor: Actor, roles: DisposalRoles, head: DisposalHead): void {
  if (!seesDisposal(roles)) throw new AppError('NOT_FOUND', { entity: 'disposal', id: d.id });
  if (!roles.head) throw new AppError('DISPOSAL_NOT_HEAD', { unitName: head.unitName, positionName: head.positionName });
  if (d.createdByUserId === actor.userId) throw new AppError('DISPOSAL_OWN_PROPOSAL');
}
