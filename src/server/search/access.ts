// Who may see an index row, as tokens: the row lists its readers, the actor brings his own, and
// SQL keeps a row only when they overlap (`acl && $tokens`). Counts, facets and snippets are
// computed from rows that passed that filter, so nothing leaks through them.
//
//   u:<userId>        a participant by person (drafter, a verifier who acted, the registering officer)
//   p:<positionId>    the holders (incl. Plt/Plh today) of a position in the chain or among the recipients
//   ro:<unitId>       records officers granted for that unit (rows list the unit and its ancestors)
//   ro:*              records officers with an instance-wide grant
//   unit:<unitId>     any staff holding a position in that unit or below (SKKAAD "biasa" records)
//   admin             the system administrator (not for Rahasia / Sangat Rahasia)
import type { Db } from '../db/client.js';
import type { Actor } from '../auth/actor.js';
import { isSystemAdmin } from '../auth/actor.js';
import { positionsHeldBy } from '../org/positions.js';

export const ACCESS_CLASSES = ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'] as const;
export type AccessClass = (typeof ACCESS_CLASSES)[number];

/** The stricter of two access classes (a letter's sifat and its classification's SKKAAD class). */
export function stricterClass(a: AccessClass | string | null | undefined, b: AccessClass | string | null | undefined): AccessClass {
  const rank = (x: string | null | undefined) => Math.max(0, ACCESS_CLASSES.indexOf((x ?? 'biasa') as AccessClass));
  return ACCESS_CLASSES[Math.max(rank(a), rank(b))]!;
}

export function isSecret(c: string | null | undefined): boolean {
  return c === 'rahasia' || c === 'sangat_rahasia';
}

/** Unit ids on a materialised path "/a/b/c/" (ancestors and self). */
export function unitsOnPath(path: string | null | undefined): string[] {
  return (path ?? '').split('/').filter(Boolean);
}

export interface Participants {
  userIds: Array<string | null | undefined>;
  positionIds: Array<string | null | undefined>;
}

/**
 * Readers of a naskah. Participants always; records officers over the creating unit unless the
 * class is secret (or `custodians` is false, e.g. a secret draft); the unit's staff for "biasa"
 * records; the administrator for non-secret ones.
 */
export function readersFor(input: { participants: Participants; unitPath: string | null; accessClass: AccessClass; custodians: boolean; unitStaff: boolean }): string[] {
  const acl = new Set<string>();
  for (const u of input.participants.userIds) if (u) acl.add(`u:${u}`);
  for (const p of input.participants.positionIds) if (p) acl.add(`p:${p}`);
  const secret = isSecret(input.accessClass);
  if (input.custodians && !secret) {
    acl.add('ro:*');
    for (const id of unitsOnPath(input.unitPath)) acl.add(`ro:${id}`);
  }
  if (input.unitStaff && input.accessClass === 'biasa') {
    const own = unitsOnPath(input.unitPath).at(-1);
    if (own) acl.add(`unit:${own}`);
  }
  if (!secret) acl.add('admin');
  return [...acl];
}

/** The actor's tokens today. */
export async function actorTokens(db: Db, actor: Actor, today: string): Promise<string[]> {
  const tokens = new Set<string>([`u:${actor.userId}`]);
  const held = await positionsHeldBy(db, actor.userId, today);
  for (const h of held) {
    tokens.add(`p:${h.positionId}`);
    for (const u of unitsOnPath(h.unitPath)) tokens.add(`unit:${u}`);
  }
  for (const g of actor.grants) {
    if (g.role !== 'records_officer') continue;
    tokens.add(g.unitId ? `ro:${g.unitId}` : 'ro:*');
  }
  if (isSystemAdmin(actor)) tokens.add('admin');
  return [...tokens];
}

/** Whether an actor's tokens open a row's acl (the same rule SQL applies). */
export function canRead(acl: string[], tokens: string[]): boolean {
  const set = new Set(tokens);
  return acl.some((t) => set.has(t));
}
