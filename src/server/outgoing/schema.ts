// Outgoing official documents (naskah keluar): the documents themselves with versions,
// attachments, recipients, the verifier chain, the timeline and bulk signing. Types, KOPs,
// templates and recipient groups are in catalog/; deliveries and dispatches in correspondence/.
//
// Glossary: naskah = document; konseptor = drafter; verifikator/paraf = verifier/approval;
// penandatangan = signer; tembusan = carbon copy; lampiran = attachment; hal = subject;
// sifat = confidentiality; KOP = letterhead; a.n. = on behalf of; Plt/Plh = acting holders.
import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt, version } from '../db/columns.js';
import { files } from '../files/schema.js';
import { positions, units, users, type HolderKind } from '../org/schema.js';
import { documentTypes, letterheads, recipientGroups, templates, type NumberingMode } from '../catalog/schema.js';
export { NUMBERING_MODES, type NumberingMode } from '../catalog/schema.js';

export const DOCUMENT_STATUSES = ['draft', 'in_verification', 'awaiting_signature', 'signed', 'delivered', 'returned', 'cancelled'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
export const SIFAT = ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'] as const;
export type Sifat = (typeof SIFAT)[number];
export const URGENSI = ['biasa', 'segera', 'sangat_segera'] as const;
export type Urgensi = (typeof URGENSI)[number];
export const DRAFT_KINDS = ['docx', 'form', 'pdf'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

/** Where the drafter marked number, date and signature on an uploaded PDF draft (PDF points, origin bottom-left). */
export interface PdfMarks {
  number?: { page: number; x: number; y: number; fontSize?: number };
  date?: { page: number; x: number; y: number; fontSize?: number };
  signature?: { page: number; x: number; y: number; width: number; height: number };
}

export const documents = pgTable(
  'documents',
  {
    id: id(),
    documentTypeId: uuid('document_type_id')
      .notNull()
      .references(() => documentTypes.id),
    letterheadId: uuid('letterhead_id').references(() => letterheads.id),
    templateId: uuid('template_id').references(() => templates.id),
    /** Unit whose register numbers the document (its code goes in the number). */
    issuingUnitId: uuid('issuing_unit_id')
      .notNull()
      .references(() => units.id),
    drafterUserId: uuid('drafter_user_id')
      .notNull()
      .references(() => users.id),
    drafterPositionId: uuid('drafter_position_id').references(() => positions.id),
    hal: text('hal').notNull(),
    sifat: text('sifat').$type<Sifat>().notNull().default('biasa'),
    urgensi: text('urgensi').$type<Urgensi>().notNull().default('biasa'),
    classificationCode: text('classification_code').notNull(),
    /** "1 (satu) berkas" or "-" as printed after "Lampiran :". */
    lampiran: text('lampiran').notNull().default('-'),
    draftKind: text('draft_kind').$type<DraftKind>().notNull(),
    formData: jsonb('form_data').$type<Record<string, unknown>>(),
    pdfMarks: jsonb('pdf_marks').$type<PdfMarks>(),
    signerPositionId: uuid('signer_position_id')
      .notNull()
      .references(() => positions.id),
    /** a.n. (atas nama): the signer signs on behalf of this superior position. */
    onBehalfOfPositionId: uuid('on_behalf_of_position_id').references(() => positions.id),
    signatureVisibility: text('signature_visibility').$type<'visible' | 'invisible'>().notNull().default('visible'),
    status: text('status').$type<DocumentStatus>().notNull().default('draft'),
    /** Order of the step now due (verifier i or the signer), null outside the chain. */
    currentStepOrder: integer('current_step_order'),
    numberingMode: text('numbering_mode').$type<NumberingMode>().notNull(),
    numberEntryId: uuid('number_entry_id'),
    number: text('number'),
    documentDate: date('document_date', { mode: 'string' }),
    currentVersionId: uuid('current_version_id'),
    signedFileId: uuid('signed_file_id').references(() => files.id),
    /** Public code in the QR link of the signed document. */
    verificationCode: text('verification_code'),
    /** Who signed and in which capacity ("Plt.", "Plh.", "a.n. …"), fixed at signing. */
    signedByUserId: uuid('signed_by_user_id').references(() => users.id),
    signedAs: text('signed_as'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    submittedAt: tstz('submitted_at'),
    signedAt: tstz('signed_at'),
    deliveredAt: tstz('delivered_at'),
    cancelledAt: tstz('cancelled_at'),
  },
  (t) => [
    index('documents_drafter_idx').on(t.drafterUserId, t.updatedAt.desc().nullsFirst()),
    index('documents_status_idx').on(t.status, t.updatedAt.desc().nullsFirst()),
    index('documents_unit_idx').on(t.issuingUnitId, t.createdAt.desc().nullsFirst()),
    uniqueIndex('documents_verification_uq').on(t.verificationCode),
  ],
);

export const VERSION_KINDS = ['upload_docx', 'form', 'upload_pdf', 'verifier_edit', 'final'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];
export const CONVERSION_STATUSES = ['pending', 'running', 'done', 'failed', 'not_needed'] as const;
export type ConversionStatus = (typeof CONVERSION_STATUSES)[number];

/** Every upload or edit is a new version; earlier ones and their PDFs stay viewable. */
export const documentVersions = pgTable(
  'document_versions',
  {
    id: id(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    n: integer('n').notNull(),
    kind: text('kind').$type<VersionKind>().notNull(),
    /** The .docx (or the PDF for PDF drafts). */
    sourceFileId: uuid('source_file_id')
      .notNull()
      .references(() => files.id),
    /** The PDF rendering (same file as the source for PDF drafts). */
    pdfFileId: uuid('pdf_file_id').references(() => files.id),
    conversionStatus: text('conversion_status').$type<ConversionStatus>().notNull(),
    conversionError: text('conversion_error'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('document_versions_n_uq').on(t.documentId, t.n)],
);

export const documentAttachments = pgTable(
  'document_attachments',
  {
    id: id(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    name: text('name').notNull(),
    pages: integer('pages'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('document_attachments_doc_idx').on(t.documentId, t.sortOrder)],
);

export const RECIPIENT_ROLES = ['to', 'cc'] as const; // tujuan, tembusan
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];
export const RECIPIENT_KINDS = ['position', 'unit', 'external', 'group'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export const documentRecipients = pgTable(
  'document_recipients',
  {
    id: id(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    role: text('role').$type<RecipientRole>().notNull(),
    kind: text('kind').$type<RecipientKind>().notNull(),
    positionId: uuid('position_id').references(() => positions.id),
    unitId: uuid('unit_id').references(() => units.id),
    groupId: uuid('group_id').references(() => recipientGroups.id),
    externalName: text('external_name'),
    externalAddress: text('external_address'),
    externalEmail: text('external_email'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('document_recipients_doc_idx').on(t.documentId, t.role, t.sortOrder)],
);

export const STEP_KINDS = ['verify', 'sign'] as const;
export type StepKind = (typeof STEP_KINDS)[number];
export const STEP_STATUSES = ['pending', 'current', 'approved', 'signed'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** The ordered chain: verifiers 1..n-1 then the signer (n). */
export const documentSteps = pgTable(
  'document_steps',
  {
    id: id(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    order: integer('order').notNull(),
    kind: text('kind').$type<StepKind>().notNull(),
    positionId: uuid('position_id')
      .notNull()
      .references(() => positions.id),
    status: text('status').$type<StepStatus>().notNull().default('pending'),
    /** When the step became due (for elapsed time against the SOP standard). */
    startedAt: tstz('started_at'),
    completedAt: tstz('completed_at'),
    actedByUserId: uuid('acted_by_user_id').references(() => users.id),
    actedAs: text('acted_as').$type<HolderKind>(),
    note: text('note'),
  },
  (t) => [
    uniqueIndex('document_steps_order_uq').on(t.documentId, t.order),
    // "Perlu verifikasi / perlu tanda tangan": current steps by position.
    index('document_steps_due_idx').on(t.positionId, t.status),
  ],
);

/** Timeline and audit of one document (the SOP clock reads it too). */
export const documentEvents = pgTable(
  'document_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    at: tstz('at').notNull().defaultNow(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    /** The capacity the actor acted in ("Plt.", "Plh.") when not definitive. */
    actedAs: text('acted_as'),
    action: text('action').notNull(),
    fromStatus: text('from_status').$type<DocumentStatus>(),
    toStatus: text('to_status').$type<DocumentStatus>(),
    stepOrder: integer('step_order'),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('document_events_doc_idx').on(t.documentId, t.at)],
);

export const SIGN_BATCH_ITEM_STATUSES = ['pending', 'signed', 'failed'] as const;

/**
 * Bulk signing (one passphrase, many documents). The key lives only in the process doing the
 * work; progress lives here so any instance can answer the progress request.
 */
export const signBatches = pgTable('sign_batches', {
  id: id(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  total: integer('total').notNull(),
  createdAt: createdAt(),
  finishedAt: tstz('finished_at'),
  /** The job worker (db/schema.ts job_workers) running the batch: when it dies, the batch is interrupted. */
  workerId: uuid('worker_id'),
});

export const signBatchItems = pgTable(
  'sign_batch_items',
  {
    id: id(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => signBatches.id),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    /** The document version the signer chose: a resumed batch signs that version or nothing. */
    version: integer('version'),
    /** Order in which the signer listed them. */
    position: integer('position').notNull().default(0),
    status: text('status').$type<(typeof SIGN_BATCH_ITEM_STATUSES)[number]>().notNull().default('pending'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    finishedAt: tstz('finished_at'),
  },
  (t) => [index('sign_batch_items_batch_idx').on(t.batchId)],
);
