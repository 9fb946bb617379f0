// The disposition tree's pure state machine. A node is one instruction from a sender position to
// one receiver position about one incoming letter; a receiver may dispose further down, so the
// nodes of a letter form a tree (roots are sent by the official the letter was addressed to).
//
// Glossary: disposisi = routing instruction; tindak lanjut = the receiver's follow-up report;
// tarik kembali = withdraw (after reading, with a reason); batal = cancel (only while unread).
//
// States of a node:
//   sent      delivered, not yet opened by a holder of the receiver position
//   read      opened
//   reported  the receiver reported, but some of his own dispositions are still open
//   completed the receiver reported and every child is closed
//   cancelled the sender cancelled it while it was unread
//   withdrawn the sender took it back after it was read (reason kept); open descendants go too
// A node is closed when completed, cancelled or withdrawn; a closed node never opens again.

export const NODE_STATES = ['sent', 'read', 'reported', 'completed', 'cancelled', 'withdrawn'] as const;
export type NodeState = (typeof NODE_STATES)[number];

export interface DispositionNode {
  id: string;
  parentId: string | null;
  senderPositionId: string;
  receiverPositionId: string;
  state: NodeState;
}

export interface Tree {
  /** The position the letter was addressed to: the only one who may start the tree. */
  holderPositionId: string;
  nodes: DispositionNode[];
}

export type Action =
  | { type: 'dispose'; parentId: string | null; senderPositionId: string; receivers: Array<{ id: string; positionId: string }> }
  | { type: 'read'; nodeId: string }
  | { type: 'report'; nodeId: string }
  | { type: 'cancel'; nodeId: string }
  | { type: 'withdraw'; nodeId: string; reason: string };

export type Refusal =
  | 'NODE_NOT_FOUND'
  | 'NOT_HOLDER' // dispose from the top by someone the letter was not addressed to
  | 'SENDER_MISMATCH' // re-dispose of a node by someone who is not its receiver
  | 'NO_RECEIVER'
  | 'RECEIVER_NOT_BELOW' // no disposition upward or sideways
  | 'RECEIVER_DUPLICATE'
  | 'NODE_CLOSED'
  | 'ALREADY_REPORTED'
  | 'ALREADY_READ' // cancel after read: withdraw instead
  | 'NOT_READ' // withdraw before read: cancel instead
  | 'REASON_REQUIRED';

export type Decision = { ok: true; tree: Tree; changed: string[] } | { ok: false; refusal: Refusal };

export interface Hierarchy {
  /** True when `receiver` is strictly below `sender` in the position tree (on that day). */
  isBelow(sender: string, receiver: string): boolean;
}

export const isClosed = (s: NodeState): boolean => s === 'completed' || s === 'cancelled' || s === 'withdrawn';
export const isOpen = (s: NodeState): boolean => !isClosed(s);

/** What the UI offers to the receiver and the sender of a node. */
export function availableActions(node: DispositionNode): { receiver: Array<'dispose' | 'report'>; sender: Array<'cancel' | 'withdraw'> } {
  const receiver: Array<'dispose' | 'report'> = node.state === 'sent' || node.state === 'read' ? ['dispose', 'report'] : [];
  const sender: Array<'cancel' | 'withdraw'> = node.state === 'sent' ? ['cancel'] : node.state === 'read' || node.state === 'reported' ? ['withdraw'] : [];
  return { receiver, sender };
}

export function decide(tree: Tree, action: Action, h: Hierarchy): Decision {
  const byId = new Map(tree.nodes.map((n) => [n.id, { ...n }]));
  const changed = new Set<string>();
  const set = (id: string, state: NodeState) => {
    const n = byId.get(id)!;
    if (n.state !== state) {
      n.state = state;
      changed.add(id);
    }
  };
  const childrenOf = (id: string) => [...byId.values()].filter((n) => n.parentId === id);
  // A reported node whose children are all closed completes; then look at its parent.
  const rollUp = (id: string | null) => {
    for (let cursor = id; cursor; ) {
      const n = byId.get(cursor)!;
      if (n.state !== 'reported' || childrenOf(n.id).some((c) => isOpen(c.state))) return;
      set(n.id, 'completed');
      cursor = n.parentId;
    }
  };
  const done = (): Decision => ({ ok: true, tree: { ...tree, nodes: tree.nodes.map((n) => byId.get(n.id)!) }, changed: [...changed] });

  switch (action.type) {
    case 'dispose': {
      if (action.parentId === null) {
        if (action.senderPositionId !== tree.holderPositionId) return { ok: false, refusal: 'NOT_HOLDER' };
      } else {
        const parent = byId.get(action.parentId);
        if (!parent) return { ok: false, refusal: 'NODE_NOT_FOUND' };
        if (parent.receiverPositionId !== action.senderPositionId) return { ok: false, refusal: 'SENDER_MISMATCH' };
        if (isClosed(parent.state)) return { ok: false, refusal: 'NODE_CLOSED' };
        if (parent.state === 'reported') return { ok: false, refusal: 'ALREADY_REPORTED' };
      }
      if (!action.receivers.length) return { ok: false, refusal: 'NO_RECEIVER' };
      const seen = new Set<string>();
      const openSiblings = new Set(
        [...byId.values()].filter((n) => n.parentId === action.parentId && n.senderPositionId === action.senderPositionId && isOpen(n.state)).map((n) => n.receiverPositionId),
      );
      for (const r of action.receivers) {
        if (!h.isBelow(action.senderPositionId, r.positionId)) return { ok: false, refusal: 'RECEIVER_NOT_BELOW' };
        if (seen.has(r.positionId) || openSiblings.has(r.positionId) || byId.has(r.id)) return { ok: false, refusal: 'RECEIVER_DUPLICATE' };
        seen.add(r.positionId);
      }
      if (action.parentId) set(action.parentId, 'read'); // disposing further implies it was read
      const added = action.receivers.map((r) => ({ id: r.id, parentId: action.parentId, senderPositionId: action.senderPositionId, receiverPositionId: r.positionId, state: 'sent' as const }));
      for (const n of added) {
        byId.set(n.id, n);
        changed.add(n.id);
      }
      return { ok: true, tree: { ...tree, nodes: [...tree.nodes.map((n) => byId.get(n.id)!), ...added] }, changed: [...changed] };
    }
    case 'read': {
      const n = byId.get(action.nodeId);
      if (!n) return { ok: false, refusal: 'NODE_NOT_FOUND' };
      if (n.state === 'sent') set(n.id, 'read');
      return done(); // reading again (or a closed node) changes nothing
    }
    case 'report': {
      const n = byId.get(action.nodeId);
      if (!n) return { ok: false, refusal: 'NODE_NOT_FOUND' };
      if (isClosed(n.state)) return { ok: false, refusal: 'NODE_CLOSED' };
      if (n.state === 'reported') return { ok: false, refusal: 'ALREADY_REPORTED' };
      set(n.id, 'reported');
      rollUp(n.id);
      return done();
    }
    case 'cancel': {
      const n = byId.get(action.nodeId);
      if (!n) return { ok: false, refusal: 'NODE_NOT_FOUND' };
      if (isClosed(n.state)) return { ok: false, refusal: 'NODE_CLOSED' };
      if (n.state !== 'sent') return { ok: false, refusal: 'ALREADY_READ' };
      set(n.id, 'cancelled');
      rollUp(n.parentId);
      return done();
    }
    case 'withdraw': {
      const n = byId.get(action.nodeId);
      if (!n) return { ok: false, refusal: 'NODE_NOT_FOUND' };
      if (isClosed(n.state)) return { ok: false, refusal: 'NODE_CLOSED' };
      if (n.state === 'sent') return { ok: false, refusal: 'NOT_READ' };
      if (!action.reason.trim()) return { ok: false, refusal: 'REASON_REQUIRED' };
      const stack = [n.id];
      while (stack.length) {
        const id = stack.pop()!;
        const x = byId.get(id)!;
        if (isOpen(x.state)) set(id, 'withdrawn');
        stack.push(...childrenOf(id).map((c) => c.id));
      }
      rollUp(n.parentId);
      return done();
    }
  }
}

/**
 * What a violated tree looks like, or null: a completed node with an open child, a child under a
 * missing parent, a root not sent by the holder, a receiver not below its sender.
 */
export function invariantViolation(tree: Tree, h: Hierarchy): string | null {
  const byId = new Map(tree.nodes.map((n) => [n.id, n]));
  for (const n of tree.nodes) {
    if (n.parentId === null && n.senderPositionId !== tree.holderPositionId) return `root ${n.id} not sent by the holder`;
    if (n.parentId !== null) {
      const p = byId.get(n.parentId);
      if (!p) return `node ${n.id} has no parent`;
      if (p.receiverPositionId !== n.senderPositionId) return `node ${n.id} not sent by its parent's receiver`;
      if (p.state === 'completed' && isOpen(n.state)) return `completed ${p.id} has open child ${n.id}`;
      if (p.state === 'withdrawn' && isOpen(n.state)) return `withdrawn ${p.id} has open child ${n.id}`;
    }
    if (!h.isBelow(n.senderPositionId, n.receiverPositionId)) return `node ${n.id} goes upward`;
  }
  return null;
}

/** The state a person sees for a node: "selesai" only when the node and its whole subtree are. */
export function subtreeComplete(tree: Tree, nodeId: string): boolean {
  const n = tree.nodes.find((x) => x.id === nodeId);
  if (!n) return false;
  if (n.state !== 'completed') return false;
  return tree.nodes.filter((c) => c.parentId === nodeId).every((c) => c.state !== 'sent' && c.state !== 'read' && c.state !== 'reported' && (c.state !== 'completed' || subtreeComplete(tree, c.id)));
}
