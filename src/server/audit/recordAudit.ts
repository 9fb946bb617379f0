// An audit event that has no domain timeline of its own (logins, org changes, settings …):
// the same one event record as every state change (recordEvent.ts).
import type { Db } from '../db/client.js';
import { recordEvent } from './recordEvent.js';

export interface AuditInput {
  /** ctx.now() — never the database's clock. */
  at: Date;
  actorUserId: string | null;
  actedAs?: string | null;
  /** `<domain>.<verb_past>` */
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
  ip?: string | null;
}

/** Write an audit event with the caller's handle (a transaction, normally). */
export async function recordAudit(db: Db, e: AuditInput): Promise<void> {
  await recordEvent(db, e);
}
