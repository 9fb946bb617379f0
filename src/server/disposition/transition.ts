// Dispositions on the transition spine (workflow/spine.ts): the letter row is locked (its tree
// changes one at a time) → authorise (404 for who may not see the letter, then the actor's part
// in the node) → the node's version (409) → the pure machine decides over the whole tree → node
// states + timeline/audit events + jobs + notices, in one transaction.
import { asc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { inTransaction, type Tx } from '../db/tx.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { assertCanViewLetter, emitIncomingEvent, getLetterRow, letterEvent, viewerOf, type IncomingEvent, type LetterEventInput, type LetterRow, type Viewer } from '../incoming/index.js';
import { runTransition, type ChangeEvent, type JobRequest } from '../workflow/spine.js';
import { hierarchyFor } from './hierarchy.js';
import { decide, type Action, type Decision, type NodeState, type Tree } from './machine.js';
import { dispositions } from './schema.js';

export type NodeRow = typeof dispositions.$inferSelect;

export interface TreeScope {
  tx: Tx;
  ctx: AppContext;
  v: Viewer;
  letter: LetterRow;
  nodes: NodeRow[];
  now: Date;
  /** Further events of the change (new nodes …), recorded by the spine with the node events. */
  events: ChangeEvent[];
  /** Jobs to enqueue with the change. */
  jobs: JobRequest[];
}

export function treeOf(letter: LetterRow, nodes: NodeRow[]): Tree {
  return {
    holderPositionId: letter.addressedPositionId ?? '',
    nodes: nodes.map((n) => ({ id: n.id, parentId: n.parentId, senderPositionId: n.senderPositionId, receiverPositionId: n.receiverPositionId, state: n.state })),
  };
}

/** What a use case asks of the machine, and how the acted-on node's event reads. */
export interface TreeMove {
  action: Action;
  actedAs: string | null;
  note?: string | null;
  reason?: string | null;
}

export interface TreeChange<W, R> {
  /** The actor's part in the node he acts on (after the letter's visibility); throws 403s. */
  authorise: (s: TreeScope) => W;
  /** The version the client saw of the node acted on, and that node. */
  version?: (s: TreeScope, w: W) => { expected: number | undefined; node: NodeRow } | null;
  /** Data checks (the shell's part) and the move; null: nothing to change (e.g. opened twice). */
  plan: (s: TreeScope, w: W) => Promise<TreeMove | null> | TreeMove | null;
  /** Writes that depend on the decided tree (new nodes, reports, notices), same transaction. */
  after: (s: TreeScope, w: W, changed: string[]) => Promise<R>;
}

/** Lock → authorise → version → decide → write, for one change of a letter's disposition tree. */
export async function changeTree<W, R>(ctx: AppContext, actor: Actor, letterId: string, c: TreeChange<W, R>): Promise<R | null> {
  return inTransaction(ctx.database, (tx) =>
    runTransition<TreeScope, W, { move: TreeMove; d: Extract<Decision, { ok: true }> } | null, R | null>(ctx, tx, {
      lock: async (t) => {
        const letter = await getLetterRow(t.db, letterId, { lock: true });
        const nodes = await t.db.select().from(dispositions).where(eq(dispositions.letterId, letterId)).orderBy(asc(dispositions.sentAt), asc(dispositions.id));
        return { tx: t, ctx, v: null as unknown as Viewer, letter: letter as LetterRow, nodes, now: ctx.now(), events: [], jobs: [] };
      },
      authorise: async (t, s) => {
        s.v = await viewerOf(ctx, t.db, actor);
        s.letter = await assertCanViewLetter(t.db, s.v, s.letter, letterId);
        return c.authorise(s);
      },
      version: (s, w) => {
        const v = c.version?.(s, w);
        return v ? { expected: v.expected, current: v.node.version, details: { state: v.node.state } } : null;
      },
      decide: async (t, s, w) => {
        const move = await c.plan(s, w);
        if (!move) return { ok: true, value: null };
        const receivers = move.action.type === 'dispose' ? move.action.receivers.map((r) => r.positionId) : [];
        const d = decide(treeOf(s.letter, s.nodes), move.action, await hierarchyFor(t.db, receivers));
        if (!d.ok) return { ok: false, code: `DISPOSITION_${d.refusal}`, details: { action: move.action.type } };
        return { ok: true, value: { move, d } };
      },
      write: async (_t, { locked: s, who, decided }) => {
        if (!decided) return { result: null, events: [] };
        const changed = await writeNodes(s, decided.move, decided.d);
        const result = await c.after(s, who, changed);
        return { result, events: s.events, jobs: s.jobs };
      },
    }),
  );
}

export function nodeIn(s: TreeScope, id: string): NodeRow {
  const n = s.nodes.find((x) => x.id === id);
  if (!n) throw new AppError('DISPOSITION_NODE_NOT_FOUND', { id });
  return n;
}

const EVENT_OF: Record<NodeState, string | null> = { sent: null, read: 'read', reported: 'reported', completed: 'completed', cancelled: 'cancelled', withdrawn: 'withdrawn' };

/** An event of this change on the letter's timeline (stamped by the spine with the change's instant). */
export function treeEvent(s: TreeScope, e: Omit<LetterEventInput, 'letterId' | 'at' | 'actorUserId' | 'domain' | 'ip'>): void {
  const { at: _at, ...event } = letterEvent({ ...e, letterId: s.letter.id, at: s.now, actorUserId: s.v.userId, domain: 'disposition', ip: s.v.ip });
  s.events.push(event);
}

/**
 * Every node whose state changed gets its timestamps, a bumped version and an event (the
 * acted-on node with the actor's note; nodes changed by roll-up or cascade are marked so). New
 * nodes (dispose) are inserted by the use case's `after`.
 */
async function writeNodes(s: TreeScope, m: TreeMove, d: Extract<Decision, { ok: true }>): Promise<string[]> {
  const prev = new Map(s.nodes.map((n) => [n.id, n]));
  const action = m.action;
  const actedOn = 'nodeId' in action ? action.nodeId : action.type === 'dispose' ? action.parentId : null;
  for (const id of d.changed) {
    const old = prev.get(id);
    if (!old) continue; // a new node: inserted by disposeLetter
    const next = d.tree.nodes.find((n) => n.id === id)!.state;
    const set: Partial<typeof dispositions.$inferInsert> = { state: next, version: old.version + 1, updatedAt: s.now };
    // Reporting or disposing further without opening first still counts as read.
    if (!old.readAt && (next === 'read' || next === 'reported' || (next === 'completed' && id === actedOn))) Object.assign(set, { readAt: s.now, readByUserId: s.v.userId });
    if (next === 'reported') set.reportedAt = s.now;
    if (next === 'completed') Object.assign(set, { completedAt: s.now, closedAt: s.now, reportedAt: old.reportedAt ?? s.now });
    if (next === 'cancelled' || next === 'withdrawn') Object.assign(set, { closedAt: s.now, closeReason: m.reason ?? null });
    await s.tx.db.update(dispositions).set(set).where(eq(dispositions.id, id));
    const event = EVENT_OF[next];
    if (event) {
      treeEvent(s, {
        dispositionId: id,
        actedAs: m.actedAs,
        action: event,
        note: id === actedOn ? (m.note ?? m.reason ?? null) : null,
        data: { from: old.state, to: next, ...(id === actedOn ? {} : { cascade: true }) },
      });
    }
  }
  return d.changed;
}

export async function notify(s: TreeScope, e: IncomingEvent): Promise<void> {
  await emitIncomingEvent(s.ctx, s.tx, e);
}

/** Reload changed rows (for the response). */
export async function reloadNodes(s: TreeScope, ids: string[]): Promise<NodeRow[]> {
  if (!ids.length) return [];
  return s.tx.db.select().from(dispositions).where(inArray(dispositions.id, ids));
}
