// Dispositions (disposisi): instructions routing an incoming letter down the hierarchy, as a tree
// of nodes (one per receiver), with the receiver's follow-up reports (tindak lanjut).
import { boolean, date, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt, version } from '../db/columns.js';
import { files } from '../files/schema.js';
import { incomingLetters } from '../incoming/schema.js';
import { positions, users } from '../org/schema.js';
import type { NodeState } from './machine.js';

/** Instruction presets ("Untuk ditindaklanjuti", "Untuk diketahui" …) as data; an admin may add more. */
export const dispositionInstructions = pgTable('disposition_instructions', {
  id: id(),
  code: text('code').notNull().unique(),
  label: text('label').notNull(),
  labelEn: text('label_en'),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

export const dispositions = pgTable(
  'dispositions',
  {
    id: id(),
    letterId: uuid('letter_id')
      .notNull()
      .references(() => incomingLetters.id),
    /** The node this one was disposed from (the sender received it); null = from the addressed official. */
    parentId: uuid('parent_id'),
    /** One act of disposing to several receivers shares a batch id (one lembar line). */
    batchId: uuid('batch_id').notNull(),
    senderPositionId: uuid('sender_position_id')
      .notNull()
      .references(() => positions.id),
    senderUserId: uuid('sender_user_id')
      .notNull()
      .references(() => users.id),
    /** "Plt." / "Plh." when the sender acted for the position. */
    senderActedAs: text('sender_acted_as'),
    receiverPositionId: uuid('receiver_position_id')
      .notNull()
      .references(() => positions.id),
    /** Instruction codes chosen (see disposition_instructions). */
    instructions: jsonb('instructions').$type<string[]>().notNull().default([]),
    note: text('note'),
    dueDate: date('due_date', { mode: 'string' }),
    sifat: text('sifat').$type<'biasa' | 'terbatas' | 'rahasia' | 'sangat_rahasia'>().notNull().default('biasa'),
    state: text('state').$type<NodeState>().notNull().default('sent'),
    sentAt: tstz('sent_at').notNull(),
    readAt: tstz('read_at'),
    readByUserId: uuid('read_by_user_id').references(() => users.id),
    reportedAt: tstz('reported_at'),
    completedAt: tstz('completed_at'),
    closedAt: tstz('closed_at'),
    /** The withdraw reason (stays in the history). */
    closeReason: text('close_reason'),
    remindedAt: tstz('reminded_at'),
    overdueNotifiedAt: tstz('overdue_notified_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('dispositions_letter_idx').on(t.letterId, t.sentAt),
    index('dispositions_inbox_idx').on(t.receiverPositionId, t.state, t.sentAt.desc().nullsFirst()),
    index('dispositions_outbox_idx').on(t.senderPositionId, t.sentAt.desc().nullsFirst()),
    index('dispositions_parent_idx').on(t.parentId),
  ],
);

/** The receiver's report: what was done, with files, or the outgoing letter he drafted. */
export const dispositionReports = pgTable(
  'disposition_reports',
  {
    id: id(),
    dispositionId: uuid('disposition_id')
      .notNull()
      .references(() => dispositions.id),
    text: text('text').notNull(),
    outgoingDocumentId: uuid('outgoing_document_id'),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => users.id),
    actedAs: text('acted_as'),
    createdAt: createdAt(),
  },
  (t) => [index('disposition_reports_node_idx').on(t.dispositionId)],
);

export const dispositionReportFiles = pgTable(
  'disposition_report_files',
  {
    id: id(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => dispositionReports.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('disposition_report_files_report_idx').on(t.reportId)],
);
