// The catalog the workflows draw on: document types (jenis naskah), letterheads (KOP), .docx
// templates, recipient groups (distribution lists), and the two numbering modes. Below
// numbering, templates and every workflow; imports nothing above org/ and files/.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from '../db/columns.js';
import { files } from '../files/schema.js';
import { positions, units } from '../org/schema.js';

export const NUMBERING_MODES = ['before_drafting', 'at_signing'] as const;
export type NumberingMode = (typeof NUMBERING_MODES)[number];

export const PAGE_SHAPES = ['korespondensi', 'judul'] as const;
export type PageShape = (typeof PAGE_SHAPES)[number];
export const TYPE_CATEGORIES = ['arahan', 'penugasan', 'korespondensi_internal', 'korespondensi_eksternal', 'khusus'] as const;
export const FORM_KINDS = ['surat', 'undangan', 'nota_dinas'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

/** What Naskah can measure of an SOP row: the phase of the outgoing workflow it belongs to. */
export const SOP_PHASES = ['draft', 'numbering', 'register', 'review', 'verify', 'sign', 'send'] as const;
export type SopPhase = (typeof SOP_PHASES)[number];

/** One row of an SOP's table ("No / Aktivitas / … / Waktu"). */
export interface SopStepStandard {
  no: number;
  activity: string;
  phase: SopPhase;
  minutes: number;
}

/**
 * The SOP time standards ("mutu baku: waktu") per unit x document type, as data an admin edits.
 * unitId null = the instance's default; documentTypeId null = every type. The most specific row
 * wins: the issuing unit (then its ancestors) with the type, then without, then the default.
 */
export const sopTimeStandards = pgTable(
  'sop_time_standards',
  {
    id: id(),
    unitId: uuid('unit_id').references(() => units.id),
    documentTypeId: uuid('document_type_id').references(() => documentTypes.id),
    /** The SOP's title as the office names it. */
    sopName: text('sop_name').notNull(),
    steps: jsonb('steps').$type<SopStepStandard[]>().notNull(),
    /** The total the SOP states, when it differs from the sum of its rows (SOP 002: 54 minutes). */
    statedTotalMinutes: integer('stated_total_minutes'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('sop_time_standards_uq').on(
      sql`coalesce(${t.unitId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`coalesce(${t.documentTypeId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
);

/** Jenis naskah, as data: regions group and name them differently. */
export const documentTypes = pgTable(
  'document_types',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    category: text('category').$type<(typeof TYPE_CATEGORIES)[number]>().notNull(),
    shape: text('shape').$type<PageShape>().notNull(),
    /** Which in-app form can draft this type (seed 002), if any. */
    formKind: text('form_kind').$type<FormKind>(),
    defaultClassificationCode: text('default_classification_code'),
    /** Number sequence the type draws from (e.g. decrees numbered apart from letters). */
    numberSeries: text('number_series').notNull().default('umum'),
    /** The SOP lets the drafter verify or sign his own letter (default: never). */
    selfApprovalAllowed: boolean('self_approval_allowed').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('document_types_code_uq').on(t.code)],
);

export const LETTERHEAD_KINDS = ['bupati', 'setda', 'pd'] as const;
export type LetterheadKind = (typeof LETTERHEAD_KINDS)[number];

/** KOP: the letterhead a document is printed on, chosen by who registers it (seed 000 step 1). */
export const letterheads = pgTable(
  'letterheads',
  {
    id: id(),
    kind: text('kind').$type<LetterheadKind>().notNull(),
    /** The office the KOP belongs to (Setda, a Perangkat Daerah; the pimpinan unit for KOP Bupati). */
    unitId: uuid('unit_id').references(() => units.id),
    name: text('name').notNull(),
    /** Heading lines, top to bottom, e.g. ["PEMERINTAH KABUPATEN CONTOH", "DINAS KOMUNIKASI DAN INFORMATIKA"]. */
    lines: jsonb('lines').$type<string[]>().notNull(),
    address: text('address'),
    contact: text('contact'),
    logoFileId: uuid('logo_file_id').references(() => files.id),
    active: boolean('active').notNull().default(true),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('letterheads_unit_idx').on(t.unitId)],
);

export const PAPER_SIZES = ['A4', 'F4'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/** A .docx template for a type × letterhead (× paper): generated by Naskah or uploaded by an admin. */
export const templates = pgTable(
  'templates',
  {
    id: id(),
    documentTypeId: uuid('document_type_id')
      .notNull()
      .references(() => documentTypes.id),
    letterheadId: uuid('letterhead_id')
      .notNull()
      .references(() => letterheads.id),
    paper: text('paper').$type<PaperSize>().notNull().default('A4'),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    source: text('source').$type<'generated' | 'uploaded'>().notNull(),
    /** Placeholders found in the file (checked at upload). */
    placeholders: jsonb('placeholders').$type<string[]>().notNull().default([]),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('templates_pair_idx').on(t.documentTypeId, t.letterheadId, t.paper, t.active)],
);

/** Named distribution lists ("Seluruh Kepala Perangkat Daerah", "Camat se-Kabupaten"). */
export const recipientGroups = pgTable('recipient_groups', {
  id: id(),
  name: text('name').notNull(),
  description: text('description'),
  ownerUnitId: uuid('owner_unit_id').references(() => units.id),
  active: boolean('active').notNull().default(true),
  version: version(),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const recipientGroupMembers = pgTable(
  'recipient_group_members',
  {
    id: id(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => recipientGroups.id),
    kind: text('kind').$type<'position' | 'unit' | 'external'>().notNull(),
    positionId: uuid('position_id').references(() => positions.id),
    unitId: uuid('unit_id').references(() => units.id),
    externalName: text('external_name'),
    externalAddress: text('external_address'),
    externalEmail: text('external_email'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('recipient_group_members_group_idx').on(t.groupId, t.sortOrder)],
);
