// Reading, cancelling (only while unread) and withdrawing (after reading, with a reason) one
// disposition.
import type { AppContext } from '../context.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { ACTED_AS, capacityIn } from '../incoming/index.js';
import { changeTree, nodeIn, notify, reloadNodes, type NodeRow, type TreeScope } from './transition.js';

function asReceiver(s: TreeScope, n: NodeRow): string | null {
  const cap = capacityIn(s.v, n.receiverPositionId);
  if (!cap) throw new AppError('DISPOSITION_NOT_YOURS');
  return ACTED_AS[cap];
}

function asSender(s: TreeScope, n: NodeRow): string | null {
  const cap = capacityIn(s.v, n.senderPositionId);
  if (!cap && n.senderUserId !== s.v.userId) throw new AppError('DISPOSITION_NOT_SENDER');
  return cap ? ACTED_AS[cap] : n.senderActedAs;
}

/** Opening a disposition addressed to one's position marks it read (others' opening changes nothing). */
export async function readDisposition(ctx: AppContext, actor: Actor, letterId: string, nodeId: string): Promise<NodeRow | null> {
  return changeTree(ctx, actor, letterId, {
    authorise: (s) => nodeIn(s, nodeId),
    plan: (s, n) => (n.state !== 'sent' || !capacityIn(s.v, n.receiverPositionId) ? null : { action: { type: 'read', nodeId }, actedAs: asReceiver(s, n) }),
    after: async (s, _n, changed) => (await reloadNodes(s, changed))[0] ?? null,
  });
}

export async function cancelDisposition(ctx: AppContext, actor: Actor, letterId: string, nodeId: string, expectedVersion: number): Promise<NodeRow[]> {
  const nodes = await changeTree(ctx, actor, letterId, {
    authorise: (s) => {
      const n = nodeIn(s, nodeId);
      return { n, actedAs: asSender(s, n) };
    },
    version: (_s, { n }) => ({ expected: expectedVersion, node: n }),
    plan: (_s, { actedAs }) => ({ action: { type: 'cancel', nodeId }, actedAs }),
    after: async (s, { n }, changed) => {
      await notify(s, { type: 'disposition.cancelled', letterId: s.letter.id, dispositionIds: [nodeId], toPositionIds: [n.receiverPositionId], sifat: n.sifat, hal: n.sifat === 'biasa' ? s.letter.hal : null });
      return reloadNodes(s, changed);
    },
  });
  return nodes ?? [];
}

export async function withdrawDisposition(ctx: AppContext, actor: Actor, letterId: string, nodeId: string, expectedVersion: number, reason: string): Promise<NodeRow[]> {
  const nodes = await changeTree(ctx, actor, letterId, {
    authorise: (s) => {
      const n = nodeIn(s, nodeId);
      return { n, actedAs: asSender(s, n) };
    },
    version: (_s, { n }) => ({ expected: expectedVersion, node: n }),
    plan: (_s, { actedAs }) => ({ action: { type: 'withdraw', nodeId, reason }, actedAs, reason: reason.trim() }),
    after: async (s, { n }, changed) => {
      const nodes = await reloadNodes(s, changed);
      await notify(s, { type: 'disposition.withdrawn', letterId: s.letter.id, dispositionIds: changed, toPositionIds: nodes.map((x) => x.receiverPositionId), sifat: n.sifat, hal: n.sifat === 'biasa' ? s.letter.hal : null });
      return nodes;
    },
  });
  return nodes ?? [];
}

export { asReceiver };
