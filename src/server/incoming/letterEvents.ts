// The timeline of an incoming letter and the audit trail, written together with ctx.now().
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { recordEvent, type EventInput } from '../audit/recordEvent.js';

export interface LetterEventInput {
  letterId: string;
  dispositionId?: string | null;
  at: Date;
  actorUserId: string | null;
  actedAs?: string | null;
  /** Timeline action ("registered", "sent", "disposed" …); the audit action is `<domain>.<action>`. */
  action: string;
  domain: 'incoming' | 'disposition';
  note?: string | null;
  data?: Record<string, unknown>;
  ip?: string | null;
}

/** The letter's timeline row and its audit event, as one event record (see audit/recordEvent.ts). */
export function letterEvent(e: LetterEventInput): EventInput {
  const data = JSON.stringify(e.data ?? {});
  return {
    at: e.at,
    actorUserId: e.actorUserId,
    actedAs: e.actedAs ?? null,
    action: `${e.domain}.${e.action}`,
    entityType: e.dispositionId ? 'disposition' : 'incoming_letter',
    entityId: e.dispositionId ?? e.letterId,
    data: { ...(e.data ?? {}), letterId: e.letterId },
    ip: e.ip ?? null,
    timeline: sql`insert into incoming_events (letter_id, disposition_id, at, actor_user_id, acted_as, action, note, data)
      values (${e.letterId}, ${e.dispositionId ?? null}, ${e.at}, ${e.actorUserId}, ${e.actedAs ?? null}, ${e.action}, ${e.note ?? null}, ${data}::jsonb)`,
  };
}

/** One statement: the timeline row and the audit event. */
export async function recordLetterEvent(db: Db, e: LetterEventInput): Promise<void> {
  await recordEvent(db, letterEvent(e));
}
