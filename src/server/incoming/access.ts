// Who may see an incoming letter: the records officers over its receiving unit, the holders
// (incl. Plt/Plh) of the addressed position today, and whoever another domain says may see it
// (the disposition tree adds its senders and receivers through addLetterVisibilityRule).
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { hasRole, isSystemAdmin, type Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { positionsHeldBy, type HeldPosition } from '../org/positions.js';
import { units, type HolderKind } from '../org/schema.js';
import { isoDateIn } from '../../shared/dates.js';
import { incomingLetters } from './schema.js';

export type LetterRow = typeof incomingLetters.$inferSelect;

export interface Viewer extends Actor {
  today: string;
  held: HeldPosition[];
  positionIds: string[];
}

export async function viewerOf(ctx: AppContext, db: Db, actor: Actor): Promise<Viewer> {
  const today = isoDateIn(ctx.config.timeZone, ctx.now());
  const held = await positionsHeldBy(db, actor.userId, today);
  return { ...actor, today, held, positionIds: held.map((h) => h.positionId) };
}

/** The capacity in which the viewer holds a position today (definitive wins), or null. */
export function capacityIn(v: Viewer, positionId: string): HolderKind | null {
  const mine = v.held.filter((h) => h.positionId === positionId);
  if (!mine.length) return null;
  return mine.find((h) => h.kind === 'definitif') ? 'definitif' : mine[0]!.kind;
}

export const ACTED_AS: Record<HolderKind, string | null> = { definitif: null, plt: 'Plt.', plh: 'Plh.', pj: 'Pj.' };

export async function unitPathOf(db: Db, unitId: string): Promise<string> {
  const [u] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  return u?.path ?? '';
}

export function isRecordsOfficerOf(v: Pick<Actor, 'grants'>, unitPath: string): boolean {
  return hasRole(v, 'records_officer', unitPath) || isSystemAdmin(v);
}

type VisibilityRule = (db: Db, v: Viewer, letter: LetterRow) => Promise<boolean>;
const rules: VisibilityRule[] = [];

/** Another domain widens who may see a letter (e.g. the people in its disposition tree). */
export function addLetterVisibilityRule(rule: VisibilityRule): void {
  rules.push(rule);
}

export async function canViewLetter(db: Db, v: Viewer, letter: LetterRow): Promise<boolean> {
  if (isSystemAdmin(v)) return true;
  if (letter.status === 'sent' && letter.addressedPositionId && v.positionIds.includes(letter.addressedPositionId)) return true;
  if (isRecordsOfficerOf(v, await unitPathOf(db, letter.receivingUnitId))) return true;
  for (const rule of rules) if (await rule(db, v, letter)) return true;
  return false;
}

/** 404 (never 403) for a letter the viewer may not see. */
export async function assertCanViewLetter(db: Db, v: Viewer, letter: LetterRow | undefined, id: string): Promise<LetterRow> {
  if (!letter || !(await canViewLetter(db, v, letter))) throw new AppError('INCOMING_NOT_FOUND', { id });
  return letter;
}

export async function getLetterRow(db: Db, id: string, opts: { lock?: boolean } = {}): Promise<LetterRow | undefined> {
  const q = db.select().from(incomingLetters).where(eq(incomingLetters.id, id));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

/** The records officer's unit for registering: the one asked for (if he may), else his first grant's. */
export async function recordsUnitFor(db: Db, v: Viewer, unitId?: string | null): Promise<{ id: string; path: string }> {
  if (unitId) {
    const path = await unitPathOf(db, unitId);
    if (!path || !isRecordsOfficerOf(v, path)) throw new AppError('INCOMING_NOT_RECORDS_OFFICER', { unitId });
    return { id: unitId, path };
  }
  const g = v.grants.find((x) => x.role === 'records_officer' && x.unitId);
  if (g) return { id: g.unitId!, path: g.unitPath! };
  // Instance-wide officers and admins register for the unit of the position they hold.
  const held = v.held[0];
  if (held && isRecordsOfficerOf(v, held.unitPath)) return { id: held.unitId, path: held.unitPath };
  throw new AppError('INCOMING_NOT_RECORDS_OFFICER');
}
