// Runs the pure workflow decision for a loaded document and writes the result: the document's
// status and current step, each step's status/timestamps, the timeline event and the audit
// event — all with the caller's transaction handle.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { recordAudit } from '../audit/recordAudit.js';
import { AppError } from '../errors.js';
import type { HolderKind } from '../org/schema.js';
import { decide, type Action, type WorkflowState } from '../workflow/stateMachine.js';
import type { ActorView, DocumentRow, StepRow } from './access.js';
import { ACTING_PREFIX } from './placeholderValues.js';
import { documentEvents, documents, documentSteps, type DocumentStatus } from './schema.js';

export function workflowState(doc: DocumentRow, steps: StepRow[]): WorkflowState {
  return { status: doc.status, currentStep: doc.currentStepOrder, steps: steps.map((s) => ({ order: s.order, kind: s.kind, status: s.status })) };
}

export interface TransitionInput {
  db: Db;
  view: ActorView;
  doc: DocumentRow;
  steps: StepRow[];
  action: Action;
  now: Date;
  /** Timeline action name, e.g. "approved", "edited_and_approved", "returned". */
  event: string;
  note?: string | null;
  capacity?: HolderKind | null;
  data?: Record<string, unknown>;
  /** Extra document columns to set in the same update (number, files …). */
  set?: Partial<typeof documents.$inferInsert>;
}

export async function applyTransition(t: TransitionInput): Promise<DocumentRow> {
  const before = workflowState(t.doc, t.steps);
  const decision = decide(before, t.action);
  if (!decision.ok) throw new AppError(`WORKFLOW_${decision.refusal}`, { status: t.doc.status, currentStep: t.doc.currentStepOrder });
  const after = decision.state;

  for (const step of t.steps) {
    const next = after.steps[step.order - 1]!;
    if (next.status === step.status) continue;
    const changes: Partial<typeof documentSteps.$inferInsert> = { status: next.status };
    if (next.status === 'current') {
      Object.assign(changes, { startedAt: t.now, completedAt: null, actedByUserId: null, actedAs: null, note: null });
    } else if (next.status === 'pending') {
      Object.assign(changes, { startedAt: null, completedAt: null, actedByUserId: null, actedAs: null, note: null });
    } else {
      // approved / signed by this actor now
      Object.assign(changes, { completedAt: t.now, actedByUserId: t.view.userId, actedAs: t.capacity ?? 'definitif', note: t.note ?? null });
    }
    await t.db.update(documentSteps).set(changes).where(eq(documentSteps.id, step.id));
  }

  const set: Partial<typeof documents.$inferInsert> = {
    status: after.status,
    currentStepOrder: after.currentStep,
    version: t.doc.version + 1,
    updatedAt: t.now,
    ...(t.set ?? {}),
  };
  const stamp = { submit: 'submittedAt', sign: 'signedAt', deliver: 'deliveredAt', cancel: 'cancelledAt' } as const;
  if (t.action.type in stamp) set[stamp[t.action.type as keyof typeof stamp]] = t.now;

  const [updated] = await t.db.update(documents).set(set).where(eq(documents.id, t.doc.id)).returning();
  const actedAs = t.capacity && t.capacity !== 'definitif' ? ACTING_PREFIX[t.capacity].trim() : null;
  await t.db.insert(documentEvents).values({
    documentId: t.doc.id,
    at: t.now,
    actorUserId: t.view.userId,
    actedAs,
    action: t.event,
    fromStatus: t.doc.status,
    toStatus: after.status,
    stepOrder: 'step' in t.action ? t.action.step : null,
    note: t.note ?? null,
    data: t.data ?? {},
  });
  await recordAudit(t.db, {
    actorUserId: t.view.userId,
    action: `document.${t.event}`,
    entityType: 'document',
    entityId: t.doc.id,
    data: { from: t.doc.status, to: after.status, step: 'step' in t.action ? t.action.step : null, ...(actedAs ? { actedAs } : {}) },
    ip: t.view.ip,
  });
  return updated!;
}

/** A timeline event that is not a state change (version uploaded, conversion finished, read …). */
export async function recordDocumentEvent(
  db: Db,
  e: { documentId: string; at: Date; actorUserId: string | null; action: string; note?: string | null; data?: Record<string, unknown>; status?: DocumentStatus },
): Promise<void> {
  await db.insert(documentEvents).values({
    documentId: e.documentId,
    at: e.at,
    actorUserId: e.actorUserId,
    action: e.action,
    fromStatus: e.status ?? null,
    toStatus: e.status ?? null,
    note: e.note ?? null,
    data: e.data ?? {},
  });
}
