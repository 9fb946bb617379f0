import { bigint, bigserial, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from '../db/columns.js';

/**
 * Append-only audit trail: who did what to which entity, written in the same transaction as the
 * change (audit/recordEvent.ts). Tamper-evident: each event carries the hash of the one before
 * it (`prevHash`) and its own (`hash` = SHA-256 over prevHash and its fields, see chain.ts), in
 * `seq` order, one chain per instance.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: tstz('at').notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    /** `<domain>.<verb_past>`: "auth.login", "outgoing.approved", "signature.passphrase_failed" */
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    /** Position in the chain (1, 2, 3 … without gaps); null only for rows older than the chain. */
    seq: bigint('seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_events_entity_idx').on(t.entityType, t.entityId, t.at),
    index('audit_events_actor_idx').on(t.actorUserId, t.at),
    uniqueIndex('audit_events_seq_idx').on(t.seq),
  ],
);

/**
 * The head of the audit chain: one row. Every audit insert updates it in the same statement, so
 * concurrent writers queue on its row lock (read committed: the waiter re-reads the new head;
 * repeatable read/serializable: a serialisation failure, retried by inTransaction).
 */
export const auditChainHead = pgTable('audit_chain_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  prevHash: text('prev_hash').notNull(),
});
