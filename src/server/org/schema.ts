// Organisation: units (a tree), positions (jabatan) with holders incl. Plt/Plh, users, roles.
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt, version } from '../db/columns.js';
import { files } from '../files/schema.js';

/** Kinds of units as pemda structures name them; free text would fragment reporting. */
export const UNIT_KINDS = [
  'pemda', // the regional government itself (root), e.g. "Pemerintah Kabupaten Contoh"
  'setda', // Sekretariat Daerah
  'dinas',
  'badan',
  'kantor',
  'kecamatan',
  'bagian',
  'sekretariat', // Sekretariat of a Dinas
  'bidang',
  'subbagian',
  'seksi',
  'uptd',
  'pimpinan', // Bupati / Wakil Bupati offices
  'lainnya',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const units = pgTable(
  'units',
  {
    id: id(),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    shortName: text('short_name'),
    kind: text('kind').$type<UnitKind>().notNull(),
    /** Code used in letter numbers, e.g. "406.020" or "HK/437.12"; unique when set. */
    code: text('code'),
    /** Materialised path of ids "/root/child/…/self/" for subtree queries. */
    path: text('path').notNull(),
    depth: integer('depth').notNull().default(0),
    sortOrder: integer('sort_order').notNull().default(0),
    address: text('address'),
    phone: text('phone'),
    email: text('email'),
    website: text('website'),
    active: boolean('active').notNull().default(true),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('units_code_uq').on(t.code),
    index('units_parent_idx').on(t.parentId, t.sortOrder),
    index('units_path_idx').on(t.path),
  ],
);

export const positions = pgTable(
  'positions',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** Position name as written in a signature block, e.g. "Kepala Bagian Umum". */
    name: text('name').notNull(),
    /** Eselon/level: "I.b", "II.a", "III.a", "IV.a", "JF", "pelaksana", "kepala_daerah". */
    level: text('level').notNull(),
    /** Direct superior (atasan langsung): the chain suggested for verification walks this. */
    parentPositionId: uuid('parent_position_id'),
    /** The unit head position (used when a unit is addressed as a recipient). */
    isUnitHead: boolean('is_unit_head').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('positions_unit_idx').on(t.unitId, t.sortOrder), index('positions_parent_idx').on(t.parentPositionId)],
);

export const HOLDER_KINDS = ['definitif', 'plt', 'plh', 'pj'] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];

/** Who holds a position, and when. Plt/Plh/Pj act for a period with an end date usually set. */
export const positionHolders = pgTable(
  'position_holders',
  {
    id: id(),
    positionId: uuid('position_id')
      .notNull()
      .references(() => positions.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').$type<HolderKind>().notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    /** Decree (SK/Surat Perintah) that appointed the holder. */
    decree: text('decree'),
    createdAt: createdAt(),
  },
  (t) => [
    index('position_holders_position_idx').on(t.positionId, t.startsOn),
    index('position_holders_user_idx').on(t.userId, t.startsOn),
    check('position_holders_dates_ck', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

export const USER_STATUSES = ['active', 'inactive'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const users = pgTable(
  'users',
  {
    id: id(),
    username: text('username').notNull(),
    name: text('name').notNull(),
    /** Civil servant number, 18 digits; null for non-ASN accounts. */
    nip: text('nip'),
    /** National identity number, 16 digits (BSrE identifies signers by it). */
    nik: text('nik'),
    pangkat: text('pangkat'),
    golongan: text('golongan'),
    email: text('email'),
    whatsapp: text('whatsapp'),
    status: text('status').$type<UserStatus>().notNull().default('active'),
    passwordHash: text('password_hash'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    passwordChangedAt: tstz('password_changed_at'),
    /** TOTP secret, encrypted with the instance key-encryption key. */
    totpSecretEnc: text('totp_secret_enc'),
    totpEnabledAt: tstz('totp_enabled_at'),
    /** Pending secret during enrolment, replaced on confirmation. */
    totpPendingEnc: text('totp_pending_enc'),
    /** Last accepted TOTP time step, so a code cannot be replayed. */
    totpLastStep: integer('totp_last_step'),
    failedLogins: integer('failed_logins').notNull().default(0),
    firstFailedAt: tstz('first_failed_at'),
    lockedUntil: tstz('locked_until'),
    lockReason: text('lock_reason'),
    lastLoginAt: tstz('last_login_at'),
    /**
     * When an administrator last reset this user's password or 2FA, and who. A signing key
     * enrolled after that needs a second person's approval (registration authority).
     */
    credentialsResetAt: tstz('credentials_reset_at'),
    credentialsResetBy: uuid('credentials_reset_by'),
    preferences: jsonb('preferences').$type<{ lang?: 'id' | 'en' }>().notNull().default({}),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(sql`lower(${t.username})`),
    uniqueIndex('users_nip_uq').on(t.nip),
    index('users_name_idx').on(t.name),
  ],
);

export const ROLES = [
  'drafter', // konseptor
  'verifier', // verifikator (paraf)
  'signer', // penandatangan (TTE)
  'records_officer', // petugas arsip / admin e-surat: numbering, dispatch, registers
  'admin_email', // creates official e-mail accounts (seed 004); must be ASN
  'pii_officer', // designated officer who alone keeps files with personal data (seed 004)
  'registration_authority', // RA: approves a signer's key enrolment after an admin reset (a second person)
  'tte_outside_workflow', // may sign uploaded PDFs outside the naskah dinas workflow (no chain, no number); granted by the admin
  'system_admin',
] as const;
export type Role = (typeof ROLES)[number];

/** A role granted to a user for a unit (and its subtree); unitId null = whole instance. */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').$type<Role>().notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    grantedBy: uuid('granted_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('role_grants_uq').on(t.userId, t.role, sql`coalesce(${t.unitId}, '00000000-0000-0000-0000-000000000000'::uuid)`),
    index('role_grants_unit_idx').on(t.unitId, t.role),
  ],
);

/** Which roles must have TOTP 2FA (admin-editable; default signers and admins). */
export const mfaPolicy = pgTable('mfa_policy', {
  role: text('role').$type<Role>().primaryKey(),
  required: boolean('required').notNull(),
  updatedAt: updatedAt(),
});

/**
 * The office seal (cap dinas) of a unit: an image in the blob store, placed beside the signer's
 * electronic stamp on the letters the unit issues (or a subunit without a seal of its own).
 */
export const unitSeals = pgTable('unit_seals', {
  unitId: uuid('unit_id')
    .primaryKey()
    .references(() => units.id),
  fileId: uuid('file_id')
    .notNull()
    .references(() => files.id),
  mime: text('mime').$type<'image/png' | 'image/jpeg'>().notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: updatedAt(),
});
