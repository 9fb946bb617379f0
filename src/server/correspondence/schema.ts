// Correspondence: internal delivery to recipients' inboxes (with read state and per-position
// counters) and external dispatch through the records officer's outbox.
import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz } from '../db/columns.js';
import { positions, units, users } from '../org/schema.js';
import { documentRecipients, documents, type RecipientRole } from '../outgoing/schema.js';

/** Internal delivery: one row per recipient position (tujuan or tembusan), with read status. */
export const documentDeliveries = pgTable(
  'document_deliveries',
  {
    id: id(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    role: text('role').$type<RecipientRole>().notNull(),
    recipientPositionId: uuid('recipient_position_id')
      .notNull()
      .references(() => positions.id),
    deliveredAt: tstz('delivered_at').notNull(),
    readAt: tstz('read_at'),
    readByUserId: uuid('read_by_user_id').references(() => users.id),
  },
  (t) => [
    // Inbox: newest first per position; matches ORDER BY delivered_at DESC.
    index('document_deliveries_inbox_idx').on(t.recipientPositionId, t.deliveredAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('document_deliveries_unread_idx').on(t.recipientPositionId).where(sql`${t.readAt} is null`),
    uniqueIndex('document_deliveries_uq').on(t.documentId, t.recipientPositionId),
  ],
);

/**
 * Inbox totals per position, kept by a trigger on document_deliveries (migration
 * 0002_inbox_counters): counting a busy Kepala Dinas's 100 000 deliveries on every inbox
 * request would cost tens of milliseconds; reading this row costs nothing.
 */
export const deliveryCounters = pgTable('delivery_counters', {
  positionId: uuid('position_id')
    .primaryKey()
    .references(() => positions.id),
  total: integer('total').notNull().default(0),
  unread: integer('unread').notNull().default(0),
});

/** email: sent by the server; post / courier (kurir, diantar) / other: on paper, in the buku ekspedisi. */
export const DISPATCH_CHANNELS = ['email', 'post', 'courier', 'exchange', 'other'] as const;
export type DispatchChannel = (typeof DISPATCH_CHANNELS)[number];
/** Channels of a paper dispatch (lines of the buku ekspedisi). */
export const PAPER_CHANNELS = ['post', 'courier', 'other'] as const;

export const DISPATCH_STATUSES = ['awaiting', 'sent', 'failed', 'cancelled'] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];

/** External recipients waiting for the records officer to send (e-mail, post, exchange). */
export const documentDispatches = pgTable(
  'document_dispatches',
  {
    id: id(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    /** The document_recipients row (a group recipient expands to several dispatches). */
    recipientId: uuid('recipient_id').references(() => documentRecipients.id),
    role: text('role').$type<RecipientRole>().notNull().default('to'),
    externalName: text('external_name').notNull(),
    externalAddress: text('external_address'),
    externalEmail: text('external_email'),
    senderUnitId: uuid('sender_unit_id')
      .notNull()
      .references(() => units.id),
    status: text('status').$type<DispatchStatus>().notNull().default('awaiting'),
    channel: text('channel').$type<DispatchChannel>(),
    createdAt: createdAt(),
    sentAt: tstz('sent_at'),
    sentByUserId: uuid('sent_by_user_id').references(() => users.id),
    note: text('note'),
    /** Buku ekspedisi: the post's or courier's receipt number (nomor resi), when there is one. */
    receiptNumber: text('receipt_number'),
    /** Buku ekspedisi, filled in later: who received the letter at the addressee, and when. */
    receivedByName: text('received_by_name'),
    receivedOn: date('received_on', { mode: 'string' }),
  },
  (t) => [index('document_dispatches_outbox_idx').on(t.senderUnitId, t.status, t.createdAt.desc().nullsFirst())],
);
