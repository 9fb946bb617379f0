// Service desk (seed 004): the service catalogue, service tickets with their timeline, WhatsApp
// number verifications, accounts made in the directory, and the log of who opened a request
// file (personal data).
import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt, version } from '../db/columns.js';
import { files } from '../files/schema.js';
import { units, users } from '../org/schema.js';
import type { CatalogueStep, ChecklistItem } from './catalogue.js';
import type { TicketStatus } from './machine.js';

export const serviceCatalogue = pgTable('service_catalogue', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  sopNumber: text('sop_number').notNull(),
  unitCode: text('unit_code').notNull(),
  numberPrefix: text('number_prefix').notNull(),
  classificationCode: text('classification_code').notNull(),
  steps: jsonb('steps').$type<CatalogueStep[]>().notNull(),
  checklist: jsonb('checklist').$type<ChecklistItem[]>().notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

export const serviceTicketCounters = pgTable(
  'service_ticket_counters',
  {
    serviceKey: text('service_key').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.serviceKey, t.year] })],
);

/** A WhatsApp number proven by a one-time code (before a request is accepted, and at activation). */
export const phoneVerifications = pgTable(
  'service_phone_verifications',
  {
    id: id(),
    userId: uuid('user_id').references(() => users.id),
    ticketId: uuid('ticket_id'),
    purpose: text('purpose').$type<'request' | 'activation'>().notNull(),
    whatsapp: text('whatsapp').notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    verifiedAt: tstz('verified_at'),
    usedAt: tstz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('service_phone_verifications_user_idx').on(t.userId, t.createdAt), index('service_phone_verifications_ticket_idx').on(t.ticketId, t.createdAt)],
);

export const serviceTickets = pgTable(
  'service_tickets',
  {
    id: id(),
    number: text('number').notNull(),
    serviceKey: text('service_key')
      .notNull()
      .references(() => serviceCatalogue.key),
    status: text('status').$type<TicketStatus>().notNull(),
    step: integer('step').notNull(),
    /** Step that returned it to the applicant; resubmission goes back there. */
    returnedFromStep: integer('returned_from_step'),
    returnReason: text('return_reason'),
    applicantUserId: uuid('applicant_user_id').references(() => users.id),
    filedByUserId: uuid('filed_by_user_id')
      .notNull()
      .references(() => users.id),
    applicantName: text('applicant_name').notNull(),
    nip: text('nip').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    positionTitle: text('position_title').notNull(),
    /** Personal data: shown only to whom access.ts allows, masked otherwise. */
    whatsapp: text('whatsapp').notNull(),
    whatsappVerifiedAt: tstz('whatsapp_verified_at').notNull(),
    desiredAddress: text('desired_address').notNull(),
    /** Personal data: the signed request letter (PDF). */
    requestFileId: uuid('request_file_id')
      .notNull()
      .references(() => files.id),
    /** The incoming letter of the service's office this request became (linked when registered). */
    incomingLetterId: uuid('incoming_letter_id'),
    incomingAgendaNumber: text('incoming_agenda_number'),
    checklist: jsonb('checklist').$type<Record<string, boolean>>().notNull().default({}),
    /** What the directory made (see directory_accounts for every attempt). */
    accountId: text('account_id'),
    accountAddress: text('account_address'),
    /** Sealed with the instance key; wiped at activation. Never shown. */
    temporaryPasswordEnc: text('temporary_password_enc'),
    lastError: text('last_error'),
    lastErrorCode: text('last_error_code'),
    activationTokenHash: text('activation_token_hash'),
    activationExpiresAt: tstz('activation_expires_at'),
    activationCodeVerifiedAt: tstz('activation_code_verified_at'),
    passwordSetAt: tstz('password_set_at'),
    /** The mailbox owner's TOTP secret (the directory has no attribute for it), sealed. */
    totpPendingEnc: text('totp_pending_enc'),
    totpSecretEnc: text('totp_secret_enc'),
    totpLastStep: integer('totp_last_step'),
    recoveryCodeHashes: jsonb('recovery_code_hashes').$type<string[]>(),
    activatedAt: tstz('activated_at'),
    closedAt: tstz('closed_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('service_tickets_number_uq').on(t.number),
    index('service_tickets_status_idx').on(t.serviceKey, t.status, t.createdAt),
    index('service_tickets_applicant_idx').on(t.applicantUserId),
    index('service_tickets_filed_by_idx').on(t.filedByUserId),
    uniqueIndex('service_tickets_activation_uq').on(t.activationTokenHash),
    // One open request per NIP and service (a duplicate request is refused clearly).
    uniqueIndex('service_tickets_open_nip_uq')
      .on(t.serviceKey, t.nip)
      .where(sql`${t.status} not in ('active', 'suspended', 'closed', 'cancelled')`),
  ],
);

export const serviceTicketEvents = pgTable(
  'service_ticket_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => serviceTickets.id),
    at: tstz('at').notNull(),
    actorUserId: uuid('actor_user_id'),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    fromStep: integer('from_step'),
    toStep: integer('to_step').notNull(),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('service_ticket_events_ticket_idx').on(t.ticketId, t.id)],
);

/** Every account the directory reported for a ticket (created or found again on a retry). */
export const directoryAccounts = pgTable(
  'service_directory_accounts',
  {
    id: id(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => serviceTickets.id),
    directory: text('directory').notNull(),
    accountId: text('account_id').notNull(),
    address: text('address').notNull(),
    created: boolean('created').notNull(),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull(),
    jobId: text('job_id'),
    at: tstz('at').notNull(),
  },
  (t) => [index('service_directory_accounts_ticket_idx').on(t.ticketId)],
);

/** Who opened a request file, when (the PII officer reads this). */
export const requestFileAccess = pgTable(
  'service_request_file_access',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => serviceTickets.id),
    fileId: uuid('file_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    capacity: text('capacity').notNull(),
    at: tstz('at').notNull(),
    ip: text('ip'),
  },
  (t) => [index('service_request_file_access_ticket_idx').on(t.ticketId, t.at)],
);
