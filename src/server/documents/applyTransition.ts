// Runs the pure workflow decision for a loaded document and writes the result: the document's
// status and current step, each step's status/timestamps, the timeline event and the audit
// event — all with the caller's transaction handle.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import type { HolderKind } from '../org/schema.js';
import { decide, type Action, type WorkflowState } from '../workflow/stateMachine.js';
import type { ActorView, DocumentRow, StepRow } from './access.js';
import { ACTING_PREFIX } from './placeholderValues.js';
import { documentEvents, documents, type DocumentStatus } from './schema.js';

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

  // Every changed step in one statement (this is the hot path of every workflow action).
  const rows = t.steps.flatMap((step) => {
    const next = after.steps[step.order - 1]!;
    if (next.status === step.status) return [];
    if (next.status === 'current') return [sql`(${step.id}::uuid, ${next.status}, ${t.now}::timestamptz, null::timestamptz, null::uuid, null, null)`];
    if (next.status === 'pending') return [sql`(${step.id}::uuid, ${next.status}, null::timestamptz, null::timestamptz, null::uuid, null, null)`];
    // approved / signed by this actor now
    return [sql`(${step.id}::uuid, ${next.status}, ${step.startedAt}::timestamptz, ${t.now}::timestamptz, ${t.view.userId}::uuid, ${t.capacity ?? 'definitif'}, ${t.note ?? null})`];
  });
  if (rows.length) {
    await t.db.execute(sql`
      update document_steps s set status = v.status, started_at = v.started_at, completed_at = v.completed_at,
             acted_by_user_id = v.acted_by, acted_as = v.acted_as, note = v.note
      from (values ${sql.join(rows, sql`, `)}) as v(id, status, started_at, completed_at, acted_by, acted_as, note)
      where s.id = v.id`);
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
  const stepOrder = 'step' in t.action ? t.action.step : null;
  const audit = { from: t.doc.status, to: after.status, step: stepOrder, ...(actedAs ? { actedAs } : {}) };
  // Timeline event and audit event in one statement.
  await t.db.execute(sql`
    with timeline as (
      insert into document_events (document_id, at, actor_user_id, acted_as, action, from_status, to_status, step_order, note, data)
      values (${t.doc.id}, ${t.now}, ${t.view.userId}, ${actedAs}, ${t.event}, ${t.doc.status}, ${after.status}, ${stepOrder}, ${t.note ?? null}, ${JSON.stringify(t.data ?? {})}::jsonb)
    )
    insert into audit_events (at, actor_user_id, action, entity_type, entity_id, data, ip)
    values (${t.now}, ${t.view.userId}, ${`document.${t.event}`}, 'document', ${t.doc.id}, ${JSON.stringify(audit)}::jsonb, ${t.view.ip})`);
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
