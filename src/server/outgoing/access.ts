// Who may see and act on a document: its drafter, the holders (incl. Plt/Plh) of the positions
// in its chain, its recipients, and the records officers / admins over its issuing unit.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { hasRole, isSystemAdmin, type Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { positionsHeldBy, type HeldPosition } from '../org/positions.js';
import { units, type HolderKind } from '../org/schema.js';
import { isoDateIn } from '../../shared/dates.js';
import { documentDeliveries, documentDispatches } from '../correspondence/schema.js';
import { documents, documentSteps } from './schema.js';

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

/**
 * Row-locked document and its chain, for a state change: lock, then authorise (404 for what
 * the actor may not see, so existence, version and status are not disclosed).
 */
export async function lockDocument(db: Db, id: string, view: ActorView): Promise<{ doc: DocumentRow; steps: StepRow[]; access: DocumentAccess }> {
  const [doc] = await db.select().from(documents).where(eq(documents.id, id)).for('update');
  if (!doc) throw new AppError('DOCUMENT_NOT_FOUND', { id });
  const steps = await loadSteps(db, id);
  const access = await assertCanView(db, view, doc, steps);
  return { doc, steps, access };
}

export function checkVersion(doc: DocumentRow, expected: number): void {
  if (doc.version !== expected) throw new AppError('STALE_VERSION', { current: doc.version, status: doc.status });
}

export async function unitPath(db: Db, unitId: string): Promise<string> {
  const [u] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  return u?.path ?? '';
}

export const SECRET_SIFAT = ['rahasia', 'sangat_rahasia'] as const;
export const isSecret = (doc: Pick<DocumentRow, 'sifat'>) => (SECRET_SIFAT as readonly string[]).includes(doc.sifat);
const FINAL_STATUSES = ['signed', 'delivered'];

/**
 * What the actor may see of a document (issue 8 item 6, issue 12):
 *   'full'  — the drafting history too (versions, return reasons, verifier notes): the drafter,
 *             the chain (holders of its positions today, and whoever acted on a step), the
 *             issuing unit's records officers and the system administrator — the last two not
 *             for Rahasia/Sangat Rahasia letters;
 *   'final' — the signed PDF, its attachments and the letter's metadata: addressees and
 *             tembusan (delivered to a position they hold today), and the issuing unit's
 *             records officers for a signed secret letter with external addressees (they
 *             dispatch it by e-mail or post);
 *   null    — nothing (404).
 * The list queries use the same rule in SQL: visibleDocumentsSql below.
 */
export type DocumentAccess = 'full' | 'final';

export async function documentAccess(db: Db, view: ActorView, doc: DocumentRow, steps: StepRow[]): Promise<DocumentAccess | null> {
  if (doc.drafterUserId === view.userId || onChain(view, steps)) return 'full';
  if (!isSecret(doc) && isSystemAdmin(view)) return 'full';
  const records = view.grants.some((g) => g.role === 'records_officer');
  const path = records ? await unitPath(db, doc.issuingUnitId) : null;
  const delivered = view.positionIds.length
    ? !!(
        await db
          .select({ id: documentDeliveries.id })
          .from(documentDeliveries)
          .where(and(eq(documentDeliveries.documentId, doc.id), inArray(documentDeliveries.recipientPositionId, view.positionIds)))
          .limit(1)
      )[0]
    : false;
  const needDispatch = path !== null && hasRole(view, 'records_officer', path) && isSecret(doc) && FINAL_STATUSES.includes(doc.status) && !delivered;
  const dispatched = needDispatch ? !!(await db.select({ id: documentDispatches.id }).from(documentDispatches).where(eq(documentDispatches.documentId, doc.id)).limit(1))[0] : false;
  return decideAccess(view, doc, steps, { unitPath: path, delivered, dispatched });
}

const onChain = (view: ActorView, steps: StepRow[]) => steps.some((s) => view.positionIds.includes(s.positionId) || s.actedByUserId === view.userId);

/**
 * The rule of documentAccess on facts already loaded (the document page loads them with the
 * document in one statement): the issuing unit's path, whether the letter was delivered to a
 * position the actor holds today, whether it has dispatches.
 */
export function decideAccess(view: ActorView, doc: DocumentRow, steps: StepRow[], facts: { unitPath: string | null; delivered: boolean; dispatched: boolean }): DocumentAccess | null {
  if (doc.drafterUserId === view.userId || onChain(view, steps)) return 'full';
  const secret = isSecret(doc);
  const signed = FINAL_STATUSES.includes(doc.status);
  if (!secret && isSystemAdmin(view)) return 'full';
  const records = facts.unitPath !== null && view.grants.some((g) => g.role === 'records_officer') && hasRole(view, 'records_officer', facts.unitPath);
  if (records && !secret) return 'full';
  if (facts.delivered) return 'final';
  if (records && signed && secret && facts.dispatched) return 'final';
  return null;
}

/** Throws DOCUMENT_NOT_FOUND (not 403: existence is not revealed) when the actor may not see it. */
export async function assertCanView(db: Db, view: ActorView, doc: DocumentRow, steps: StepRow[]): Promise<DocumentAccess> {
  const access = await documentAccess(db, view, doc, steps);
  if (!access) throw new AppError('DOCUMENT_NOT_FOUND', { id: doc.id });
  return access;
}

/** The same rule as documentAccess, as a condition on `documents` for lists, counts and search. */
export function visibleDocumentsSql(view: ActorView): SQL {
  const held = view.positionIds.length ? sql.join(view.positionIds.map((p) => sql`${p}::uuid`), sql`, `) : null;
  const secret = sql`${documents.sifat} in ('rahasia', 'sangat_rahasia')`;
  const parts: SQL[] = [sql`${documents.drafterUserId} = ${view.userId}`];
  parts.push(
    held
      ? sql`exists (select 1 from document_steps vs where vs.document_id = ${documents.id} and (vs.position_id in (${held}) or vs.acted_by_user_id = ${view.userId}))`
      : sql`exists (select 1 from document_steps vs where vs.document_id = ${documents.id} and vs.acted_by_user_id = ${view.userId})`,
  );
  if (held) parts.push(sql`exists (select 1 from document_deliveries vd where vd.document_id = ${documents.id} and vd.recipient_position_id in (${held}))`);
  if (isSystemAdmin(view)) parts.push(sql`not (${secret})`);
  const records = view.grants.filter((g) => g.role === 'records_officer');
  if (records.length) {
    const inScope = records.some((g) => g.unitPath === null)
      ? sql`true`
      : sql`exists (select 1 from units vu where vu.id = ${documents.issuingUnitId} and (${sql.join(records.map((g) => sql`vu.path like ${g.unitPath + '%'}`), sql` or `)}))`;
    parts.push(
      sql`(${inScope} and (not (${secret}) or (${documents.status} in ('signed', 'delivered') and exists (select 1 from document_dispatches vx where vx.document_id = ${documents.id}))))`,
    );
  }
  return sql`(${sql.join(parts, sql` or `)})`;
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

