// E-mail intake: a unit's official mailbox read over IMAP, and every message read from it.
// (account, uid_validity, uid) is unique: a message is taken once, also across restarts.
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt, version } from '../db/columns.js';
import { units } from '../org/schema.js';

export const MAILBOX_STATES = [
  'new', // configured, not read yet
  'ok', // last check succeeded
  'auth_failed', // the server refused the username/password
  'unreachable', // connection refused, DNS, timeout
  'error', // the server answered something unexpected
] as const;
export type MailboxState = (typeof MAILBOX_STATES)[number];

export const mailIntakeAccounts = pgTable(
  'mail_intake_accounts',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    host: text('host').notNull(),
    port: integer('port').notNull().default(993),
    /** Implicit TLS (IMAPS, 993); false = plain IMAP upgraded with STARTTLS when offered. */
    tls: boolean('tls').notNull().default(true),
    username: text('username').notNull(),
    /** Sealed with the instance key-encryption key. */
    passwordSealed: text('password_sealed').notNull(),
    mailbox: text('mailbox').notNull().default('INBOX'),
    enabled: boolean('enabled').notNull().default(true),
    /** Where reading stopped: messages with a higher UID under this UIDVALIDITY are new. */
    uidValidity: bigint('uid_validity', { mode: 'bigint' }),
    lastUid: bigint('last_uid', { mode: 'number' }).notNull().default(0),
    state: text('state').$type<MailboxState>().notNull().default('new'),
    /** The server's own words for the administrator (never shown to officers). */
    stateDetail: text('state_detail'),
    lastCheckedAt: tstz('last_checked_at'),
    lastSuccessAt: tstz('last_success_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('mail_intake_accounts_unit_uq').on(t.unitId)],
);

export const INTAKE_MESSAGE_STATES = [
  'registered', // became a pending registration for the records officer
  'no_attachment', // no PDF or image attached: kept for the officer to see, nothing registered
  'rejected', // attachments present but unusable (encrypted, damaged, too many pages, too large)
] as const;
export type IntakeMessageState = (typeof INTAKE_MESSAGE_STATES)[number];

export interface IntakeAttachment {
  name: string;
  kind: string;
  size: number;
}

export const mailIntakeMessages = pgTable(
  'mail_intake_messages',
  {
    id: id(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => mailIntakeAccounts.id),
    unitId: uuid('unit_id').notNull(),
    uidValidity: bigint('uid_validity', { mode: 'bigint' }).notNull(),
    uid: bigint('uid', { mode: 'number' }).notNull(),
    /** RFC 5322 Message-ID: the same message seen again after a UIDVALIDITY change is not taken twice. */
    messageId: text('message_id'),
    fromAddress: text('from_address'),
    fromName: text('from_name'),
    subject: text('subject'),
    body: text('body'),
    sentAt: tstz('sent_at'),
    state: text('state').$type<IntakeMessageState>().notNull(),
    /** Why it was rejected (officer-facing, Indonesian). */
    reason: text('reason'),
    attachments: jsonb('attachments').$type<IntakeAttachment[]>().notNull().default([]),
    skipped: jsonb('skipped').$type<Array<IntakeAttachment & { why: string }>>().notNull().default([]),
    /** The pending registration it became (the incoming-letters domain's id). */
    registrationId: uuid('registration_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('mail_intake_messages_uid_uq').on(t.accountId, t.uidValidity, t.uid),
    uniqueIndex('mail_intake_messages_msgid_uq').on(t.accountId, t.messageId).where(sql`${t.messageId} is not null`),
    index('mail_intake_messages_unit_idx').on(t.unitId, t.createdAt),
  ],
);
