// Disposing a letter (to one or more positions below the sender) — from the top by the official
// it was addressed to, or further down by the receiver of a disposition.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { holdersOf } from '../org/positions.js';
import { ACTED_AS, capacityIn } from '../incoming/index.js';
import { uuidv7 } from '../db/ids.js';
import { scheduleDueJobs } from './dueDates.js';
import { listInstructions } from './instructions.js';
import { changeTree, nodeIn, notify, reloadNodes, treeEvent, type NodeRow } from './transition.js';
import { dispositions } from './schema.js';

export interface DisposeInput {
  /** The disposition being passed further down; null/absent = from the top. */
  parentId?: string | null | undefined;
  /** The parent's version (when parentId). */
  version?: number | undefined;
  receiverPositionIds: string[];
  instructions: string[];
  note?: string | null | undefined;
  dueDate?: string | null | undefined;
  sifat?: 'biasa' | 'terbatas' | 'rahasia' | 'sangat_rahasia' | undefined;
}

export async function disposeLetter(ctx: AppContext, actor: Actor, letterId: string, input: DisposeInput): Promise<NodeRow[]> {
  const batchId = randomUUID();
  const planned = input.receiverPositionIds.map((positionId) => ({ id: uuidv7(), positionId }));
  const nodes = await changeTree(ctx, actor, letterId, {
    authorise: (s) => {
      const parent = input.parentId ? nodeIn(s, input.parentId) : null;
      if (!parent && s.letter.status !== 'sent') throw new AppError('DISPOSITION_LETTER_NOT_SENT');
      const senderPositionId = parent ? parent.receiverPositionId : s.letter.addressedPositionId!;
      const capacity = capacityIn(s.v, senderPositionId);
      if (!capacity) throw new AppError(parent ? 'DISPOSITION_NOT_YOURS' : 'DISPOSITION_NOT_HOLDER');
      return { parent, senderPositionId, actedAs: ACTED_AS[capacity] };
    },
    version: (_s, { parent }) => (parent ? { expected: input.version, node: parent } : null),
    plan: async (s, { parent, senderPositionId, actedAs }) => {
      // Data checks (the shell's job; the machine checks the tree rules).
      const known = new Set((await listInstructions(s.tx.db)).map((i) => i.code));
      const unknown = input.instructions.filter((c) => !known.has(c));
      if (unknown.length) throw new AppError('DISPOSITION_INSTRUCTION_UNKNOWN', { codes: unknown });
      if (!input.instructions.length && !input.note?.trim()) throw new AppError('DISPOSITION_INSTRUCTION_REQUIRED');
      if (input.dueDate && input.dueDate < s.v.today) throw new AppError('DISPOSITION_DUE_IN_PAST', { fields: [{ path: 'body.dueDate', message: 'Batas waktu sebelum hari ini' }] });
      const receivers = [...new Set(input.receiverPositionIds)];
      const holders = await holdersOf(s.tx.db, receivers, s.v.today);
      const vacant = receivers.filter((p) => !holders.get(p)?.length);
      if (vacant.length) throw new AppError('DISPOSITION_RECEIVER_VACANT', { positionIds: vacant });
      return { action: { type: 'dispose', parentId: parent?.id ?? null, senderPositionId, receivers: planned }, actedAs };
    },
    after: async (s, { parent, senderPositionId, actedAs }, changed) => {
      const sifat = input.sifat ?? s.letter.sifat;
      await s.tx.db.insert(dispositions).values(
        planned.map((p) => ({
          id: p.id,
          letterId: s.letter.id,
          parentId: parent?.id ?? null,
          batchId,
          senderPositionId,
          senderUserId: s.v.userId,
          senderActedAs: actedAs,
          receiverPositionId: p.positionId,
          instructions: input.instructions,
          note: input.note?.trim() || null,
          dueDate: input.dueDate ?? null,
          sifat,
          state: 'sent' as const,
          sentAt: s.now,
          createdAt: s.now,
          updatedAt: s.now,
        })),
      );
      for (const p of planned) {
        treeEvent(s, {
          dispositionId: p.id,
          actedAs,
          action: 'disposed',
          note: input.note?.trim() || null,
          data: { to: p.positionId, parentId: parent?.id ?? null, instructions: input.instructions, dueDate: input.dueDate ?? null, batchId },
        });
        if (input.dueDate) await scheduleDueJobs(ctx, s.tx, p.id, input.dueDate);
      }
      await notify(s, { type: 'disposition.received', letterId: s.letter.id, dispositionIds: planned.map((p) => p.id), toPositionIds: planned.map((p) => p.positionId), sifat, hal: sifat === 'biasa' ? s.letter.hal : null, dueDate: input.dueDate ?? null });
      return reloadNodes(s, [...new Set([...changed, ...planned.map((p) => p.id)])]);
    },
  });
  return nodes ?? [];
}
