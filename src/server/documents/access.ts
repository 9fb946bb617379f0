// Who may see and act on a document: its drafter, the holders (incl. Plt/Plh) of the positions
// in its chain, its recipients, and the records officers / admins over its issuing unit.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { hasRole, isSystemAdmin, type Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { positionsHeldBy, type HeldPosition } from '../org/positions.js';
import { units, type HolderKind } from '../org/schema.js';
import { isoDateIn } from '../../shared/dates.js';
import { documentDeliveries, documents, documentSteps } from './schema.js';
import './errors.js';

export type DocumentRow = typeof documents.$inferSelect;
export type StepRow = typeof documentSteps.$inferSelect;

export interface ActorView extends Actor {
  today: string;
  held: HeldPosition[];
  positionIds: string[];
}

export async function actorView(ctx: AppContext, db: Db, actor: Actor): Promise<ActorView> {
  const today = isoDateIn(ctx.config.timeZone, ctx.now());
  const held = await positionsHeldBy(db, actor.userId, today);
  return { ...actor, today, held, positionIds: held.map((h) => h.positionId) };
}

/** The capacity in which the actor holds a position today, or null. Definitive wins over acting. */
export function capacityFor(view: ActorView, positionId: string): HolderKind | null {
  const mine = view.held.filter((h) => h.positionId === positionId);
  if (!mine.length) return null;
  return mine.find((h) => h.kind === 'definitif') ? 'definitif' : mine[0]!.kind;
}

export async function loadSteps(db: Db, documentId: string): Promise<StepRow[]> {
  return db.select().from(documentSteps).where(eq(documentSteps.documentId, documentId)).orderBy(asc(documentSteps.order));
}

/** Row-locked document and its chain, for a state change. 404 when missing. */
export async function lockDocument(db: Db, id: string): Promise<{ doc: DocumentRow; steps: StepRow[] }> {
  const [doc] = await db.select().from(documents).where(eq(documents.id, id)).for('update');
  if (!doc) throw new AppError('DOCUMENT_NOT_FOUND', { id });
  return { doc, steps: await loadSteps(db, id) };
}

export function checkVersion(doc: DocumentRow, expected: number): void {
  if (doc.version !== expected) throw new AppError('STALE_VERSION', { current: doc.version, status: doc.status });
}

export async function unitPath(db: Db, unitId: string): Promise<string> {
  const [u] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  return u?.path ?? '';
}

/** Throws DOCUMENT_NOT_FOUND (not 403: existence is not revealed) when the actor may not see it. */
export async function assertCanView(db: Db, view: ActorView, doc: DocumentRow, steps: StepRow[]): Promise<void> {
  if (doc.drafterUserId === view.userId) return;
  if (isSystemAdmin(view)) return;
  if (steps.some((s) => view.positionIds.includes(s.positionId) || s.actedByUserId === view.userId)) return;
  if (view.positionIds.length) {
    const [d] = await db
      .select({ id: documentDeliveries.id })
      .from(documentDeliveries)
      .where(and(eq(documentDeliveries.documentId, doc.id), inArray(documentDeliveries.recipientPositionId, view.positionIds)))
      .limit(1);
    if (d) return;
  }
  // Records officers of the issuing unit see its documents, except secret ones before signing.
  const secret = doc.sifat === 'rahasia' || doc.sifat === 'sangat_rahasia';
  if (!secret || doc.status === 'signed' || doc.status === 'delivered') {
    if (hasRole(view, 'records_officer', await unitPath(db, doc.issuingUnitId))) return;
  }
  throw new AppError('DOCUMENT_NOT_FOUND', { id: doc.id });
}

export function assertDrafter(view: ActorView, doc: DocumentRow): void {
  if (doc.drafterUserId !== view.userId) throw new AppError('DOCUMENT_NOT_DRAFTER');
}

/** The actor must hold (today, in any capacity) the position of the document's current step. */
export function assertCurrentStepHolder(view: ActorView, doc: DocumentRow, steps: StepRow[]): { step: StepRow; capacity: HolderKind } {
  const step = doc.currentStepOrder === null ? undefined : steps.find((s) => s.order === doc.currentStepOrder);
  const capacity = step ? capacityFor(view, step.positionId) : null;
  if (!step || !capacity) throw new AppError('DOCUMENT_NOT_YOUR_STEP');
  return { step, capacity };
}

