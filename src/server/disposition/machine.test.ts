import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, invariantViolation, isOpen, type Action, type Hierarchy, type Tree } from './machine.js';

// A Diskominfo-like hierarchy: kadis > kabid1, kabid2 > kasi1 (under kabid1), kasi2 (under kabid2) > staf.
const parent: Record<string, string | null> = { kadis: null, kabid1: 'kadis', kabid2: 'kadis', kasi1: 'kabid1', kasi2: 'kabid2', staf: 'kasi1', sekdis: 'kadis' };
const positions = Object.keys(parent);
const h: Hierarchy = {
  isBelow(sender, receiver) {
    for (let p = parent[receiver] ?? null; p; p = parent[p] ?? null) if (p === sender) return true;
    return false;
  },
};
const empty = (): Tree => ({ holderPositionId: 'kadis', nodes: [] });

function run(tree: Tree, actions: Action[]): Tree {
  for (const a of actions) {
    const d = decide(tree, a, h);
    if (!d.ok) throw new Error(`${a.type} refused: ${d.refusal}`);
    tree = d.tree;
  }
  return tree;
}
const state = (t: Tree, id: string) => t.nodes.find((n) => n.id === id)?.state;

describe('disposition machine', () => {
  it('walks seed 004: Kadis → two Kabid, one Kabid → Kasi; complete only after every report', () => {
    let t = run(empty(), [{ type: 'dispose', parentId: null, senderPositionId: 'kadis', receivers: [{ id: 'a', positionId: 'kabid1' }, { id: 'b', positionId: 'kabid2' }] }]);
    t = run(t, [{ type: 'read', nodeId: 'a' }, { type: 'dispose', parentId: 'a', senderPositionId: 'kabid1', receivers: [{ id: 'c', positionId: 'kasi1' }] }]);
    // The Kabid reports before the Kasi: his node waits for the child.
    t = run(t, [{ type: 'report', nodeId: 'a' }]);
    expect(state(t, 'a')).toBe('reported');
    t = run(t, [{ type: 'report', nodeId: 'c' }]);
    expect([state(t, 'a'), state(t, 'c'), state(t, 'b')]).toEqual(['completed', 'completed', 'sent']);
    t = run(t, [{ type: 'report', nodeId: 'b' }]);
    expect(t.nodes.every((n) => n.state === 'completed')).toBe(true);
  });

  it('cancel only while unread; withdraw after read needs a reason and takes the subtree', () => {
    let t = run(empty(), [{ type: 'dispose', parentId: null, senderPositionId: 'kadis', receivers: [{ id: 'a', positionId: 'kabid1' }, { id: 'b', positionId: 'kabid2' }] }]);
    t = run(t, [{ type: 'cancel', nodeId: 'b' }]);
    expect(state(t, 'b')).toBe('cancelled');
    t = run(t, [{ type: 'dispose', parentId: 'a', senderPositionId: 'kabid1', receivers: [{ id: 'c', positionId: 'kasi1' }] }]);
    expect(decide(t, { type: 'cancel', nodeId: 'a' }, h)).toEqual({ ok: false, refusal: 'ALREADY_READ' });
    expect(decide(t, { type: 'withdraw', nodeId: 'a', reason: '  ' }, h)).toEqual({ ok: false, refusal: 'REASON_REQUIRED' });
    expect(decide(t, { type: 'withdraw', nodeId: 'c', reason: 'salah alamat' }, h)).toEqual({ ok: false, refusal: 'NOT_READ' });
    t = run(t, [{ type: 'withdraw', nodeId: 'a', reason: 'Ditangani Sekretaris' }]);
    expect([state(t, 'a'), state(t, 'c')]).toEqual(['withdrawn', 'withdrawn']);
    expect(decide(t, { type: 'report', nodeId: 'c' }, h)).toEqual({ ok: false, refusal: 'NODE_CLOSED' });
  });

  it('refuses dispositions upward, sideways, from someone else, and duplicates', () => {
    const t = run(empty(), [{ type: 'dispose', parentId: null, senderPositionId: 'kadis', receivers: [{ id: 'a', positionId: 'kabid1' }] }]);
    expect(decide(t, { type: 'dispose', parentId: 'a', senderPositionId: 'kabid1', receivers: [{ id: 'x', positionId: 'kadis' }] }, h)).toEqual({ ok: false, refusal: 'RECEIVER_NOT_BELOW' });
    expect(decide(t, { type: 'dispose', parentId: 'a', senderPositionId: 'kabid1', receivers: [{ id: 'x', positionId: 'kasi2' }] }, h)).toEqual({ ok: false, refusal: 'RECEIVER_NOT_BELOW' });
    expect(decide(t, { type: 'dispose', parentId: 'a', senderPositionId: 'kabid2', receivers: [{ id: 'x', positionId: 'kasi2' }] }, h)).toEqual({ ok: false, refusal: 'SENDER_MISMATCH' });
    expect(decide(t, { type: 'dispose', parentId: null, senderPositionId: 'kabid1', receivers: [{ id: 'x', positionId: 'kasi1' }] }, h)).toEqual({ ok: false, refusal: 'NOT_HOLDER' });
    expect(decide(t, { type: 'dispose', parentId: null, senderPositionId: 'kadis', receivers: [{ id: 'x', positionId: 'kabid1' }] }, h)).toEqual({ ok: false, refusal: 'RECEIVER_DUPLICATE' });
    expect(decide(t, { type: 'dispose', parentId: null, senderPositionId: 'kadis', receivers: [] }, h)).toEqual({ ok: false, refusal: 'NO_RECEIVER' });
  });

  // Random walks: any sequence of actions, accepted or refused, keeps the tree sound, and every
  // refusal/acceptance agrees with the rule it is about.
  const arbAction = (ids: string[]) =>
    fc.oneof(
      fc.record({
        type: fc.constant('dispose' as const),
        parent: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
        sender: fc.constantFrom(...positions),
        receivers: fc.uniqueArray(fc.constantFrom(...positions), { minLength: 0, maxLength: 3 }),
      }),
      fc.record({ type: fc.constantFrom('read' as const, 'report' as const, 'cancel' as const), node: fc.integer({ min: 0, max: 40 }) }),
      fc.record({ type: fc.constant('withdraw' as const), node: fc.integer({ min: 0, max: 40 }), reason: fc.constantFrom('', ' ', 'Dialihkan') }),
    ).map((a) => ({ a, ids }));

  it('property: no completion with open children, no cancel after read, no disposition upward, withdraw needs a reason', () => {
    fc.assert(
      fc.property(fc.array(arbAction([]), { minLength: 1, maxLength: 60 }), (steps) => {
        let t = empty();
        let seq = 0;
        for (const { a } of steps) {
          const pick = (i: number) => t.nodes[i % Math.max(1, t.nodes.length)]?.id ?? 'none';
          let action: Action;
          if (a.type === 'dispose') {
            // Usually act as the right sender, sometimes not.
            const parentId = a.parent === null || !t.nodes.length ? null : pick(a.parent);
            const sender = a.sender === 'staf' ? a.sender : parentId === null ? 'kadis' : t.nodes.find((n) => n.id === parentId)!.receiverPositionId;
            action = { type: 'dispose', parentId, senderPositionId: sender, receivers: a.receivers.map((p) => ({ id: `n${seq++}`, positionId: p })) };
          } else if (a.type === 'withdraw') action = { type: 'withdraw', nodeId: pick(a.node), reason: a.reason };
          else action = { type: a.type, nodeId: pick(a.node) };

          const before = t;
          const d = decide(before, action, h);
          const target = 'nodeId' in action ? before.nodes.find((n) => n.id === action.nodeId) : undefined;
          if (action.type === 'cancel' && target && target.state !== 'sent') expect(d.ok).toBe(false);
          if (action.type === 'cancel' && target?.state === 'sent') expect(d.ok).toBe(true);
          if (action.type === 'withdraw' && !action.reason.trim()) expect(d.ok).toBe(false);
          if (action.type === 'dispose' && action.receivers.some((r) => !h.isBelow(action.senderPositionId, r.positionId))) expect(d.ok).toBe(false);
          if (action.type === 'report' && target && before.nodes.some((c) => c.parentId === target.id && isOpen(c.state)) && d.ok) {
            expect(d.tree.nodes.find((n) => n.id === target.id)!.state).toBe('reported');
          }
          if (!d.ok) continue;
          // Closed nodes stay closed; states never go back to unread.
          for (const old of before.nodes) {
            const now = d.tree.nodes.find((n) => n.id === old.id)!;
            if (!isOpen(old.state)) expect(now.state).toBe(old.state);
            if (old.state !== 'sent') expect(now.state).not.toBe('sent');
          }
          expect(invariantViolation(d.tree, h)).toBeNull();
          t = d.tree;
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the invariant check itself catches a completed parent with an open child', () => {
    const bad: Tree = {
      holderPositionId: 'kadis',
      nodes: [
        { id: 'a', parentId: null, senderPositionId: 'kadis', receiverPositionId: 'kabid1', state: 'completed' },
        { id: 'c', parentId: 'a', senderPositionId: 'kabid1', receiverPositionId: 'kasi1', state: 'read' },
      ],
    };
    expect(invariantViolation(bad, h)).toMatch(/open child/);
    expect(invariantViolation({ ...bad, nodes: [{ ...bad.nodes[0]!, receiverPositionId: 'kadis', senderPositionId: 'kadis' }] }, h)).toMatch(/upward/);
  });
});
