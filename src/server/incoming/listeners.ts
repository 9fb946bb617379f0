// What happened to incoming letters and dispositions, for whoever wants to tell people about it
// (the notification domain: WhatsApp, e-mail). Listeners run inside the transaction of the change,
// so they enqueue their jobs there: a notice exists iff the change committed.
import type { AppContext } from '../context.js';
import type { Tx } from '../db/tx.js';

export type IncomingEvent =
  | { type: 'incoming.pending'; letterId: string; unitId: string; source: 'email' | 'scan' }
  | { type: 'incoming.sent'; letterId: string; toPositionIds: string[]; sifat: string; hal: string | null }
  | { type: 'disposition.received'; letterId: string; dispositionIds: string[]; toPositionIds: string[]; sifat: string; hal: string | null; dueDate: string | null }
  | { type: 'disposition.due_soon'; letterId: string; dispositionId: string; toPositionIds: string[]; dueDate: string; sifat: string; hal: string | null }
  | { type: 'disposition.overdue'; letterId: string; dispositionId: string; toPositionIds: string[]; senderPositionId: string; dueDate: string; sifat: string; hal: string | null }
  | { type: 'disposition.reported'; letterId: string; dispositionId: string; toPositionIds: string[]; sifat: string; hal: string | null }
  | { type: 'disposition.cancelled' | 'disposition.withdrawn'; letterId: string; dispositionIds: string[]; toPositionIds: string[]; sifat: string; hal: string | null };

export type IncomingListener = (tx: Tx, event: IncomingEvent) => Promise<void>;

const listeners = new WeakMap<AppContext, IncomingListener[]>();

/** Subscribe (in a module's register step) to every incoming/disposition event of this context. */
export function onIncomingEvent(ctx: AppContext, listener: IncomingListener): void {
  const list = listeners.get(ctx) ?? [];
  list.push(listener);
  listeners.set(ctx, list);
}

export async function emitIncomingEvent(ctx: AppContext, tx: Tx, event: IncomingEvent): Promise<void> {
  for (const l of listeners.get(ctx) ?? []) await l(tx, event);
}
