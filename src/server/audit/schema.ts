import { bigserial, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { tstz } from '../db/columns.js';

/** Append-only audit trail: who did what to which entity, written in the same transaction. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: tstz('at').notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    /** e.g. "auth.login", "auth.login_failed", "document.approve", "signature.passphrase_failed" */
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
  },
  (t) => [
    index('audit_events_entity_idx').on(t.entityType, t.entityId, t.at),
    index('audit_events_actor_idx').on(t.actorUserId, t.at),
  ],
);
