// Who may stand in a verifier chain and act on its steps (issue 12, "self-approval"):
//   - the drafter is never a verifier or signer of his own letter, unless the document type's
//     SOP explicitly allows it (document_types.self_approval_allowed, default off);
//   - a verify step needs the `verifier` role, a sign step the `signer` role, for the unit of
//     the step's position, held by someone who holds that position (definitive, Plt or Plh)
//     on that day.
// Checked when the chain is composed (registration, edit), when it is submitted, and when
// anyone acts on a step.
import { eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { hasRole, loadGrants, requireRole, type Actor, type Grant } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { holdersOf } from '../org/positions.js';
import { positions, units, type Role } from '../org/schema.js';
import { capacityFor, type ActorView, type DocumentRow, type StepRow } from './access.js';
import { documentTypes } from '../catalog/schema.js';

export type StepKind = 'verify' | 'sign';
export const ROLE_FOR_STEP: Record<StepKind, Role> = { verify: 'verifier', sign: 'signer' };

export async function selfApprovalAllowed(db: Db, documentTypeId: string): Promise<boolean> {
  const [t] = await db.select({ allowed: documentTypes.selfApprovalAllowed }).from(documentTypes).where(eq(documentTypes.id, documentTypeId));
  return t?.allowed ?? false;
}

/**
 * Check a chain (verifier positions then the signer position) for a drafter on a day.
 * Vacant positions are left to the submit check (a Plh may be appointed meanwhile), but a
 * position whose holders today all lack the step's role is refused now.
 */
export async function assertChainAllowed(
  db: Db,
  input: { drafterUserId: string; documentTypeId: string; today: string; chain: Array<{ positionId: string; kind: StepKind }>; requireHolders?: boolean },
): Promise<void> {
  const ids = [...new Set(input.chain.map((c) => c.positionId))];
  if (!ids.length) return;
  const holders = await holdersOf(db, ids, input.today);
  const posRows = await db.select({ id: positions.id, name: positions.name, unitPath: units.path }).from(positions).innerJoin(units, eq(units.id, positions.unitId)).where(inArray(positions.id, ids));
  const pos = new Map(posRows.map((p) => [p.id, p]));
  const name = (id: string) => pos.get(id)?.name ?? id;

  if (!(await selfApprovalAllowed(db, input.documentTypeId))) {
    const own = input.chain.filter((c) => (holders.get(c.positionId) ?? []).some((h) => h.userId === input.drafterUserId));
    if (own.length) {
      const list = own.map((c) => name(c.positionId));
      throw new AppError(
        'DOCUMENT_CHAIN_SELF',
        { reason: 'drafter_in_chain', positionIds: own.map((c) => c.positionId), positions: list },
        { id: `Konseptor tidak boleh menjadi verifikator atau penandatangan naskahnya sendiri (${list.join(', ')}).`, en: `The drafter cannot verify or sign his own document (${list.join(', ')}).` },
      );
    }
  }

  const holderIds = [...new Set([...holders.values()].flat().map((h) => h.userId))];
  const grants = new Map<string, Grant[]>();
  for (const uid of holderIds) grants.set(uid, await loadGrants(db, uid));
  const lacking = input.chain.filter((c) => {
    const hs = holders.get(c.positionId) ?? [];
    if (!hs.length) return !!input.requireHolders;
    const path = pos.get(c.positionId)?.unitPath ?? null;
    return !hs.some((h) => hasRole({ grants: grants.get(h.userId) ?? [] }, ROLE_FOR_STEP[c.kind], path));
  });
  if (lacking.length) {
    const list = lacking.map((c) => `${name(c.positionId)} (${c.kind === 'verify' ? 'verifikator' : 'penandatangan'})`);
    throw new AppError(
      'DOCUMENT_CHAIN_ROLE_MISSING',
      { reason: 'holder_lacks_role', positionIds: lacking.map((c) => c.positionId), positions: list },
      { id: `Pejabat pada jabatan berikut tidak memiliki peran yang diperlukan untuk unitnya: ${list.join(', ')}.`, en: `The holders of these positions lack the role the step needs for their unit: ${list.join(', ')}.` },
    );
  }
}

/**
 * The actor may act on the document's current step: he holds its position today (in any
 * capacity), has the step's role for that position's unit, and is not the drafter (unless
 * the type allows it). Returns the step and the capacity he acts in.
 */
export async function authoriseStepAction(db: Db, view: ActorView, doc: DocumentRow, steps: StepRow[]): Promise<{ step: StepRow; capacity: NonNullable<ReturnType<typeof capacityFor>> }> {
  const step = doc.currentStepOrder === null ? undefined : steps.find((s) => s.order === doc.currentStepOrder);
  const capacity = step ? capacityFor(view, step.positionId) : null;
  if (!step || !capacity) throw new AppError('DOCUMENT_NOT_YOUR_STEP');
  const held = view.held.find((h) => h.positionId === step.positionId)!;
  const role = ROLE_FOR_STEP[step.kind];
  if (!hasRole(view, role, held.unitPath)) {
    throw new AppError(
      'DOCUMENT_STEP_ROLE_REQUIRED',
      { requiredRole: role },
      role === 'signer' ? { id: 'Anda belum diberi peran penandatangan (TTE) untuk unit ini. Hubungi admin.', en: 'You do not have the signer role for this unit.' } : undefined,
    );
  }
  if (doc.drafterUserId === view.userId && !(await selfApprovalAllowed(db, doc.documentTypeId))) throw new AppError('DOCUMENT_SELF_APPROVAL');
  return { step, capacity };
}

/** Admin: the SOP of a document type allows (or not) the drafter in his own chain. */
export async function setDocumentTypePolicy(ctx: AppContext, actor: Actor, id: string, input: { version: number; selfApprovalAllowed: boolean }) {
  requireRole(actor, 'system_admin');
  return inTransaction(ctx.database, async (tx) => {
    const [t] = await tx.db.select().from(documentTypes).where(eq(documentTypes.id, id)).for('update');
    if (!t) throw new AppError('NOT_FOUND', { entity: 'document_type', id });
    if (t.version !== input.version) throw new AppError('STALE_VERSION', { current: t.version });
    const [row] = await tx.db.update(documentTypes).set({ selfApprovalAllowed: input.selfApprovalAllowed, version: t.version + 1, updatedAt: ctx.now() }).where(eq(documentTypes.id, id)).returning();
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'catalog.document_type_policy_changed', entityType: 'document_type', entityId: id, data: { selfApprovalAllowed: input.selfApprovalAllowed }, ip: actor.ip });
    return row!;
  });
}
