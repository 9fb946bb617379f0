// Where a message with scans goes: a pending registration of the incoming-letters domain,
// created inside the intake's transaction (with the UID it came from). The domain plugs its
// function in at start; without one, the intake log itself is the officer's list.
import type { AppContext } from '../context.js';
import type { Tx } from '../db/tx.js';

export interface PendingFromMail {
  unitId: string;
  files: Array<{ name: string; bytes: Uint8Array }>;
  receivedAt: Date;
  intake: { from: string | null; fromName: string | null; subject: string | null; body: string; messageId: string | null; uid: number; uidValidity: string; mailbox: string };
  suggestions: { senderEmail?: string; senderName?: string; hal?: string };
}

/** Throws an AppError for unusable files (encrypted, damaged, too many pages): nothing is stored. */
export type PendingSink = (ctx: AppContext, tx: Tx, input: PendingFromMail) => Promise<{ registrationId: string | null }>;

const sinks = new WeakMap<AppContext, PendingSink>();

export function setPendingSink(ctx: AppContext, sink: PendingSink): void {
  sinks.set(ctx, sink);
}

export function pendingSinkOf(ctx: AppContext): PendingSink {
  return sinks.get(ctx) ?? (async () => ({ registrationId: null }));
}
