// Tables of the signature (TTE) domain: the instance's certificate authorities, each signer's
// certificate with the private key wrapped under his passphrase, the passphrase lockout, the
// registered documents behind the QR codes, and bulk-signing progress.
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt, version } from '../db/columns.js';
import { files } from '../files/schema.js';
import { units, users } from '../org/schema.js';

export const AUTHORITY_KINDS = ['root', 'issuing', 'tsa', 'ocsp'] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];
export type KeyAlgorithm = 'P-256' | 'RSA-2048';

/**
 * The instance PKI: root CA, issuing CA (signs signer certificates and the CRL), the
 * timestamp unit and the OCSP responder (delegated by the issuing CA). Created once, on first start; private keys sealed under the
 * instance KEK. One current row per kind (unique), so two instances starting together cannot both win;
 * retired rows keep the certificates that earlier signatures and timestamps chain to.
 */
export const signatureAuthorities = pgTable(
  'signature_authorities',
  {
    id: id(),
    kind: text('kind').$type<AuthorityKind>().notNull(),
    algorithm: text('algorithm').$type<KeyAlgorithm>().notNull(),
    subject: text('subject').notNull(),
    serial: text('serial').notNull(),
    certificatePem: text('certificate_pem').notNull(),
    /** PKCS#8, sealed with the instance KEK (crypto/kek.ts), context "signature.authority:<kind>:<serial>". */
    keySealed: text('key_sealed').notNull(),
    notBefore: tstz('not_before').notNull(),
    notAfter: tstz('not_after').notNull(),
    /**
     * Set when a newer certificate of the same kind took over (pki/renewAuthorities.ts). A retired
     * authority signs nothing new; its certificate stays, for the documents it signed.
     */
    retiredAt: tstz('retired_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('signature_authorities_kind_uq').on(t.kind).where(sql`${t.retiredAt} is null`)],
);

export const CREDENTIAL_STATUSES = ['active', 'superseded', 'revoked'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

/** RFC 5280 CRLReason names we accept. */
export const REVOCATION_REASONS = ['unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation', 'certificateHold'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/** scrypt parameters and salt used to derive the key that wraps a signer's private key. */
export interface PassphraseKdf {
  alg: 'scrypt';
  logN: number;
  r: number;
  p: number;
  salt: string; // base64
}

/**
 * A signer's certificate and private key. The key is PKCS#8 encrypted with AES-256-GCM under a
 * key derived from the signer's passphrase (scrypt); the server cannot sign without it.
 * Renewal supersedes the row; at most one active row per user.
 */
export const signingCredentials = pgTable(
  'signing_credentials',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    status: text('status').$type<CredentialStatus>().notNull().default('active'),
    algorithm: text('algorithm').$type<KeyAlgorithm>().notNull(),
    /** Hex, lower case, as in the CRL and OCSP. Unique across the issuing CA. */
    certificateSerial: text('certificate_serial').notNull(),
    certificatePem: text('certificate_pem').notNull(),
    subject: text('subject').notNull(),
    keyEncrypted: text('key_encrypted').notNull(),
    kdf: jsonb('kdf').$type<PassphraseKdf>().notNull(),
    notBefore: tstz('not_before').notNull(),
    notAfter: tstz('not_after').notNull(),
    revokedAt: tstz('revoked_at'),
    revocationReason: text('revocation_reason').$type<RevocationReason>(),
    revokedBy: uuid('revoked_by'),
    supersededAt: tstz('superseded_at'),
    passphraseChangedAt: tstz('passphrase_changed_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('signing_credentials_serial_uq').on(t.certificateSerial),
    uniqueIndex('signing_credentials_active_uq').on(t.userId).where(sql`${t.status} = 'active'`),
    index('signing_credentials_user_idx').on(t.userId, t.createdAt),
    index('signing_credentials_revoked_idx').on(t.status, t.revokedAt),
  ],
);

/**
 * An office's electronic seal (segel elektronik): a legal-person certificate of the instance CA
 * naming the unit (ETSI EN 319 412-3), applied by the system after the signer's signature on
 * every letter the unit (or a unit below it) issues. No person unlocks it, so its private key is
 * sealed under the instance KEK only (context "signature.seal:<serial>"). At most one active
 * row per unit; a re-issue supersedes the old one, a revocation answers "revoked" in CRL and OCSP.
 */
export const sealCredentials = pgTable(
  'seal_credentials',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    status: text('status').$type<CredentialStatus>().notNull().default('active'),
    algorithm: text('algorithm').$type<KeyAlgorithm>().notNull(),
    certificateSerial: text('certificate_serial').notNull(),
    certificatePem: text('certificate_pem').notNull(),
    subject: text('subject').notNull(),
    keySealed: text('key_sealed').notNull(),
    notBefore: tstz('not_before').notNull(),
    notAfter: tstz('not_after').notNull(),
    issuedBy: uuid('issued_by'),
    revokedAt: tstz('revoked_at'),
    revocationReason: text('revocation_reason').$type<RevocationReason>(),
    revokedBy: uuid('revoked_by'),
    supersededAt: tstz('superseded_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('seal_credentials_serial_uq').on(t.certificateSerial),
    uniqueIndex('seal_credentials_active_uq').on(t.unitId).where(sql`${t.status} = 'active'`),
    index('seal_credentials_unit_idx').on(t.unitId, t.createdAt),
  ],
);

/** Wrong-passphrase counter per signer: N failures within the window lock signing until lockedUntil. */
export const signingPassphraseGuards = pgTable('signing_passphrase_guards', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  failures: integer('failures').notNull().default(0),
  firstFailedAt: tstz('first_failed_at'),
  lockedUntil: tstz('locked_until'),
  updatedAt: updatedAt(),
});

/**
 * What a QR code on a signed document points at: /verifikasi/<code>. Several rows per code
 * (one per signature revision); the latest is the registered document.
 */
export const signatureVerifications = pgTable(
  'signature_verifications',
  {
    id: id(),
    code: text('code').notNull(),
    sha256: text('sha256').notNull(),
    fileId: uuid('file_id').references(() => files.id),
    documentId: uuid('document_id'),
    title: text('title').notNull(),
    number: text('number'),
    date: text('date'),
    signerName: text('signer_name').notNull(),
    signerTitle: text('signer_title').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('signature_verifications_code_idx').on(t.code, t.createdAt), index('signature_verifications_sha_idx').on(t.sha256)],
);

export const BATCH_STATUSES = ['running', 'done'] as const;
export const BATCH_ITEM_STATUSES = ['pending', 'signed', 'failed'] as const;

/** One bulk-signing call (one passphrase entry, many documents); progress readable from any instance. */
export const signatureBatches = pgTable(
  'signature_batches',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    status: text('status').$type<(typeof BATCH_STATUSES)[number]>().notNull().default('running'),
    total: integer('total').notNull(),
    succeeded: integer('succeeded').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: tstz('finished_at'),
  },
  (t) => [index('signature_batches_user_idx').on(t.userId, t.createdAt)],
);

export const signatureBatchItems = pgTable(
  'signature_batch_items',
  {
    id: id(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => signatureBatches.id),
    key: text('key').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    status: text('status').$type<(typeof BATCH_ITEM_STATUSES)[number]>().notNull().default('pending'),
    sourceFileId: uuid('source_file_id').references(() => files.id),
    resultFileId: uuid('result_file_id').references(() => files.id),
    verificationCode: text('verification_code'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('signature_batch_items_uq').on(t.batchId, t.key), index('signature_batch_items_batch_idx').on(t.batchId, t.position)],
);

/**
 * A registration authority's approval of a signer's next key enrolment, needed after an
 * administrator reset the signer's password or 2FA (so that an administrator alone cannot
 * take over an official's signature). Used once, by that enrolment.
 */
export const enrolmentApprovals = pgTable(
  'enrolment_approvals',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    approvedBy: uuid('approved_by')
      .notNull()
      .references(() => users.id),
    note: text('note'),
    approvedAt: tstz('approved_at').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('enrolment_approvals_user_idx').on(t.userId, t.approvedAt)],
);
