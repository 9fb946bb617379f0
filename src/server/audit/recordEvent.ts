// The one event record. Every change in every domain writes one audit event through here, with
// the caller's clock (ctx.now(), never the database's now()), the actor, the capacity he acted
// in and an action named `<domain>.<verb_past>`; a domain's own timeline row (document_events,
// incoming_events, service_ticket_events …) goes in the same statement, so neither exists
// without the other. Each event is linked into the audit hash chain (chain.ts).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { chainedInsertSql } from './chain.js';

/** `<domain>.<verb_past>`, lower snake case: `outgoing.approved`, `auth.login_failed`. */
export const ACTION_NAME = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;

export interface EventInput {
  /** ctx.now() of the change (the timeline uses the same instant). */
  at: Date;
  actorUserId: string | null;
  /** The capacity the actor acted in: "Plt.", "Plh.", "a.n." …, or the system part that acted. */
  actedAs?: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
  ip?: string | null;
  /** The domain's timeline row (an INSERT statement), written in the same statement. */
  timeline?: SQL | null;
}

export async function recordEvent(db: Db, e: EventInput): Promise<void> {
  if (!ACTION_NAME.test(e.action)) throw new Error(`audit action "${e.action}" is not <domain>.<verb_past>`);
  const data = { ...(e.data ?? {}), ...(e.actedAs ? { actedAs: e.actedAs } : {}) };
  const insert = chainedInsertSql({
    at: e.at,
    actorUserId: e.actorUserId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    data: JSON.stringify(data),
    ip: e.ip ?? null,
  });
  await db.execute(e.timeline ? sql`with timeline as (${e.timeline}), ${insert}` : sql`with ${insert}`);
}

/** Several events of one change, in order. */
export async function recordEvents(db: Db, events: readonly EventInput[]): Promise<void> {
  for (const e of events) await recordEvent(db, e);
}
