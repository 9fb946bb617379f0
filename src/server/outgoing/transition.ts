// Outgoing letters on the transition spine (workflow/spine.ts): the document row is the locked
// entity, its chain the machine's state (machine.ts); a change writes the document's status and
// current step, each changed step, one timeline + audit event, and its jobs.
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import type { Tx } from '../db/tx.js';
import { AppError } from '../errors.js';
import type { HolderKind } from '../org/schema.js';
import { recordEvent } from '../audit/recordEvent.js';
import { runTransition, type ChangeEvent, type JobRequest, type Verdict } from '../workflow/spine.js';
import { decide, type Action, type WorkflowState } from './machine.js';
import { assertCanView, loadSteps, type ActorView, type DocumentAccess, type DocumentRow, type StepRow } from './access.js';
import { ACTING_PREFIX } from './placeholderValues.js';
import { documentEvents, documents, type DocumentStatus } from './schema.js';

export function workflowState(doc: DocumentRow, steps: StepRow[]): WorkflowState {
  return { status: doc.status, currentStep: doc.currentStepOrder, steps: steps.map((s) => ({ order: s.order, kind: s.kind, status: s.status })) };
}

/** What a use case asks of the machine, after its own policy checks. */
export interface DocumentMove {
  action: Action;
  /** Timeline verb (past tense): "approved", "edited_and_approved", "returned" … */
  event: string;
  note?: string | null;
  capacity?: HolderKind | null;
  data?: Record<string, unknown>;
  /** Extra document columns to set in the same update (number, files …). */
  set?: Partial<typeof documents.$inferInsert>;
  /** Jobs to enqueue with the change. */
  jobs?: JobRequest[];
}

export interface Locked {
  doc: DocumentRow;
  steps: StepRow[];
}

export interface DocumentChange<R = DocumentRow> {
  id: string;
  view: ActorView;
  /** The version the client saw (undefined: a follow-up inside the same transaction). */
  version: number | undefined;
  /** Checks before the version, after visibility (e.g. only the drafter may do this at all). */
  authorise?: (l: Locked, access: DocumentAccess) => void;
  /** The use case's policy (step holder, role, data checks) and the action it asks for. */
  plan: (tx: Tx, l: Locked) => Promise<DocumentMove> | DocumentMove;
  /** Writes that depend on the new state, in the same transaction (deliveries, number …). */
  after?: (tx: Tx, updated: DocumentRow, l: Locked) => Promise<R>;
}

/** Lock → authorise (404) → version (409) → plan + machine → write + event + jobs. */
export async function changeDocument<R = DocumentRow>(ctx: AppContext, tx: Tx, c: DocumentChange<R>): Promise<R> {
  return runTransition(ctx, tx, {
    lock: async (t) => {
      const [doc] = await t.db.select().from(documents).where(eq(documents.id, c.id)).for('update');
      if (!doc) throw new AppError('DOCUMENT_NOT_FOUND', { id: c.id });
      return { doc, steps: await loadSteps(t.db, c.id) };
    },
    authorise: async (t, l) => {
      const access = await assertCanView(t.db, c.view, l.doc, l.steps);
      c.authorise?.(l, access);
      return access;
    },
    version: (l) => ({ expected: c.version, current: l.doc.version, details: { status: l.doc.status } }),
    decide: async (t, l): Promise<Verdict<{ move: DocumentMove; after: WorkflowState }>> => {
      const move = await c.plan(t, l);
      const d = decide(workflowState(l.doc, l.steps), move.action);
      if (!d.ok) return { ok: false, code: `WORKFLOW_${d.refusal}`, details: { status: l.doc.status, currentStep: l.doc.currentStepOrder } };
      return { ok: true, value: { move, after: d.state } };
    },
    write: async (t, { locked, decided, now }) => {
      const { updated, event } = await writeDocumentState(t.db, c.view, locked, decided.move, decided.after, now);
      const result = c.after ? await c.after(t, updated, locked) : (updated as R);
      return { result, events: [event], jobs: decided.move.jobs ?? [] };
    },
  });
}

/** The persisted part of a decided move: steps, document row, and its event (not yet recorded). */
async function writeDocumentState(db: Db, view: ActorView, l: Locked, m: DocumentMove, after: WorkflowState, now: Date): Promise<{ updated: DocumentRow; event: ChangeEvent }> {
  const { doc, steps } = l;
  // Every changed step in one statement (this is the hot path of every workflow action).
  const rows = steps.flatMap((step) => {
    const next = after.steps[step.order - 1]!;
    if (next.status === step.status) return [];
    if (next.status === 'current') return [sql`(${step.id}::uuid, ${next.status}, ${now}::timestamptz, null::timestamptz, null::uuid, null, null)`];
    if (next.status === 'pending') return [sql`(${step.id}::uuid, ${next.status}, null::timestamptz, null::timestamptz, null::uuid, null, null)`];
    // approved / signed by this actor now
    return [sql`(${step.id}::uuid, ${next.status}, ${step.startedAt}::timestamptz, ${now}::timestamptz, ${view.userId}::uuid, ${m.capacity ?? 'definitif'}, ${m.note ?? null})`];
  });
  if (rows.length) {
    await db.execute(sql`
      update document_steps s set status = v.status, started_at = v.started_at, completed_at = v.completed_at,
             acted_by_user_id = v.acted_by, acted_as = v.acted_as, note = v.note
      from (values ${sql.join(rows, sql`, `)}) as v(id, status, started_at, completed_at, acted_by, acted_as, note)
      where s.id = v.id`);
  }

  const set: Partial<typeof documents.$inferInsert> = {
    status: after.status,
    currentStepOrder: after.currentStep,
    version: doc.version + 1,
    updatedAt: now,
    ...(m.set ?? {}),
  };
  const stamp = { submit: 'submittedAt', sign: 'signedAt', deliver: 'deliveredAt', cancel: 'cancelledAt' } as const;
  if (m.action.type in stamp) set[stamp[m.action.type as keyof typeof stamp]] = now;

  const [updated] = await db.update(documents).set(set).where(eq(documents.id, doc.id)).returning();
  const actedAs = m.capacity && m.capacity !== 'definitif' ? ACTING_PREFIX[m.capacity].trim() : null;
  const stepOrder = 'step' in m.action ? m.action.step : null;
  const event = documentEvent({
    documentId: doc.id,
    at: now,
    actorUserId: view.userId,
    actedAs,
    action: m.event,
    fromStatus: doc.status,
    toStatus: after.status,
    stepOrder,
    note: m.note ?? null,
    data: m.data ?? {},
    audit: { from: doc.status, to: after.status, step: stepOrder },
    ip: view.ip,
  });
  return { updated: updated!, event };
}

export interface DocumentEventInput {
  documentId: string;
  at: Date;
  actorUserId: string | null;
  actedAs?: string | null;
  /** Past-tense verb: the timeline's action, and `<domain>.<verb>` in the audit. */
  action: string;
  /** The audit's domain (default outgoing; correspondence for dispatches). */
  domain?: 'outgoing' | 'correspondence';
  fromStatus?: DocumentStatus | null;
  toStatus?: DocumentStatus | null;
  stepOrder?: number | null;
  note?: string | null;
  /** Shown on the timeline. */
  data?: Record<string, unknown>;
  /** Kept in the audit event only (defaults to the timeline data). */
  audit?: Record<string, unknown>;
  ip?: string | null;
}

/** One document event: its timeline row and its audit event, for recordEvent / the spine. */
export function documentEvent(e: DocumentEventInput): ChangeEvent {
  return {
    actorUserId: e.actorUserId,
    actedAs: e.actedAs ?? null,
    action: `${e.domain ?? 'outgoing'}.${e.action}`,
    entityType: 'document',
    entityId: e.documentId,
    data: e.audit ? { ...(e.data ?? {}), ...e.audit } : (e.data ?? {}),
    ip: e.ip ?? null,
    timeline: sql`insert into ${documentEvents} (document_id, at, actor_user_id, acted_as, action, from_status, to_status, step_order, note, data)
      values (${e.documentId}, ${e.at}, ${e.actorUserId}, ${e.actedAs ?? null}, ${e.action}, ${e.fromStatus ?? null}, ${e.toStatus ?? null}, ${e.stepOrder ?? null}, ${e.note ?? null}, ${JSON.stringify(e.data ?? {})}::jsonb)`,
  };
}

/** A document event that is not a state change (version added, attachment, conversion, dispatch …). */
export async function recordDocumentEvent(db: Db, e: Omit<DocumentEventInput, 'fromStatus' | 'toStatus'> & { status?: DocumentStatus }): Promise<void> {
  await recordEvent(db, { ...documentEvent({ ...e, fromStatus: e.status ?? null, toStatus: e.status ?? null }), at: e.at });
}
