// Outgoing notices (WhatsApp, e-mail) with their delivery log, and each user's choices.
import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from '../db/columns.js';

export const NOTICE_CHANNELS = ['whatsapp', 'email'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

export const NOTICE_STATUSES = [
  'queued', // waiting for the worker (or for the end of the recipient's quiet hours)
  'sent', // the provider accepted it
  'failed', // given up: see lastError
] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export interface DeliveryLogEntry {
  at: string;
  outcome: 'sent' | 'retry' | 'failed';
  /** Our failure kind and the provider's answer (never the message content). */
  detail?: string;
  httpStatus?: number | null;
}

export const notificationMessages = pgTable(
  'notification_messages',
  {
    id: id(),
    channel: text('channel').$type<NoticeChannel>().notNull(),
    /** Why it is sent: "otp", "activation", "letter_arrived", "disposition_arrived" … */
    purpose: text('purpose').notNull(),
    userId: uuid('user_id'),
    /** Normalised WhatsApp number (62…) or e-mail address. */
    recipient: text('recipient').notNull(),
    template: text('template'),
    /** Subject, text and template parameters, sealed with the instance key (codes and links are secrets). */
    payloadSealed: text('payload_sealed').notNull(),
    status: text('status').$type<NoticeStatus>().notNull().default('queued'),
    provider: text('provider'),
    providerMessageId: text('provider_message_id'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    log: jsonb('log').$type<DeliveryLogEntry[]>().notNull().default([]),
    /** Not before (the end of the recipient's quiet hours). */
    sendAfter: tstz('send_after'),
    createdAt: createdAt(),
    sentAt: tstz('sent_at'),
  },
  (t) => [index('notification_messages_user_idx').on(t.userId, t.createdAt), index('notification_messages_status_idx').on(t.status, t.createdAt)],
);

export interface NoticePreferences {
  /** Per event kind, the channels the user wants (absent = defaults). */
  events: Partial<Record<string, NoticeChannel[]>>;
  /** "HH:MM" in the pemda's time zone; both null = no quiet hours. */
  quietStart: string | null;
  quietEnd: string | null;
}

export const notificationPreferences = pgTable('notification_preferences', {
  userId: uuid('user_id').primaryKey(),
  preferences: jsonb('preferences').$type<NoticePreferences>().notNull(),
  updatedAt: updatedAt(),
});
