// zod schemas of the signature API (they become the OpenAPI document).
import { z } from 'zod';
import { REVOCATION_REASONS } from './schema.js';

export const Passphrase = z.string().min(1).max(200).describe('Passphrase TTE (tidak pernah disimpan atau dicatat)');

export const SignOptionsSchema = z
  .object({
    level: z.enum(['B-B', 'B-T', 'B-LT']).optional().describe('Tingkat PAdES; bawaan B-LT'),
    visible: z.boolean().optional().describe('false = tanda tangan tak terlihat'),
    placement: z
      .object({ page: z.number().int().min(1), x: z.number().min(0), y: z.number().min(0), width: z.number().positive().max(2000), height: z.number().positive().max(2000) })
      .optional()
      .describe('Posisi cap (poin PDF, titik asal kiri bawah, halaman mulai 1); tanpa ini dipakai penanda [[TTE-NASKAH]]'),
    marker: z.string().min(1).max(100).optional(),
    reason: z.string().max(200).optional(),
    location: z.string().max(200).optional(),
  })
  .meta({ id: 'SignOptions' });

export const CertificateStatusSchema = z
  .object({
    signer: z.enum(['local', 'bsre']),
    status: z.enum(['none', 'active', 'expired', 'revoked', 'superseded']),
    version: z.number().nullable(),
    serial: z.string().nullable(),
    subject: z.string().nullable(),
    issuer: z.string().nullable(),
    notBefore: z.string().nullable(),
    notAfter: z.string().nullable(),
    revokedAt: z.string().nullable(),
    revocationReason: z.string().nullable(),
    certificatePem: z.string().nullable(),
    lockedUntil: z.string().nullable(),
    recentFailures: z.number(),
  })
  .meta({ id: 'SigningCertificateStatus' });

export const EnrolResultSchema = z.object({ credentialId: z.string(), certificateSerial: z.string(), subject: z.string(), notBefore: z.date(), notAfter: z.date() }).meta({ id: 'EnrolResult' });

export const RevokeBody = z.object({
  userId: z.uuid().optional().describe('Kosong = sertifikat sendiri; admin dapat mencabut milik orang lain'),
  reason: z.enum(REVOCATION_REASONS),
  version: z.number().int().positive(),
});

const SignerSchema = z.object({
  commonName: z.string(),
  subject: z.string(),
  nik: z.string().nullable(),
  nip: z.string().nullable(),
  title: z.string().nullable(),
  organisation: z.string().nullable(),
  unit: z.string().nullable(),
  organisationIdentifier: z.string().nullable(),
  serial: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
});

export const SignatureReportSchema = z
  .object({
    index: z.number(),
    kind: z.enum(['signature', 'seal', 'timestamp']),
    fieldName: z.string().nullable(),
    subFilter: z.string().nullable(),
    status: z.enum(['valid', 'invalid', 'untrusted']),
    level: z.enum(['B-B', 'B-T', 'B-LT', 'B-LTA']).nullable(),
    signer: SignerSchema.nullable(),
    claimedSigningTime: z.string().nullable(),
    reason: z.string().nullable(),
    location: z.string().nullable(),
    integrity: z.object({ ok: z.boolean(), problem: z.string().nullable() }),
    coversWholeDocument: z.boolean(),
    modifiedAfterSigning: z.object({ changed: z.boolean(), details: z.array(z.string()), notes: z.array(z.string()) }),
    chain: z.object({ trusted: z.boolean(), path: z.array(z.string()), problem: z.string().nullable() }),
    timestamp: z.object({ present: z.boolean(), valid: z.boolean(), time: z.string().nullable(), authority: z.string().nullable(), trusted: z.boolean(), problem: z.string().nullable() }),
    revocation: z.object({ status: z.enum(['good', 'revoked', 'unknown']), source: z.string().nullable(), revokedAt: z.string().nullable(), reason: z.string().nullable(), checkedAt: z.string().nullable() }),
    problems: z.array(z.string()),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'SignatureReport' });

export const VerificationReportSchema = z
  .object({
    verdict: z.enum(['valid', 'invalid', 'untrusted', 'no_signatures']),
    summary: z.object({ id: z.string(), en: z.string() }),
    file: z.object({ sha256: z.string(), size: z.number(), pages: z.number(), revisions: z.number() }),
    signatures: z.array(SignatureReportSchema),
    verifiedAt: z.string(),
    text: z.string(),
  })
  .meta({ id: 'VerificationReport' });

export const RegisteredDocumentSchema = z
  .object({
    code: z.string(),
    title: z.string(),
    number: z.string().nullable(),
    date: z.string().nullable(),
    signerName: z.string(),
    signerTitle: z.string(),
    sha256: z.string(),
    registeredAt: z.date(),
    revisions: z.number(),
    outsideWorkflow: z.boolean().describe('true = ditandatangani di luar alur naskah dinas (tanpa verifikator dan nomor); title adalah nama berkas dari pengunggah'),
  })
  .meta({ id: 'RegisteredDocument' });

export const PublicVerifyResultSchema = z
  .object({
    report: VerificationReportSchema,
    registered: RegisteredDocumentSchema.nullable(),
    matchesRegistered: z.enum(['latest', 'earlier_revision', 'no']).nullable(),
  })
  .meta({ id: 'PublicVerification' });

export const BatchProgressSchema = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'done', 'interrupted']),
    total: z.number(),
    succeeded: z.number(),
    failed: z.number(),
    pending: z.number(),
    createdAt: z.date(),
    finishedAt: z.date().nullable(),
    items: z.array(
      z.object({
        id: z.string(),
        key: z.string(),
        name: z.string(),
        status: z.enum(['pending', 'signed', 'failed']),
        resultFileId: z.string().nullable(),
        verificationCode: z.string().nullable(),
        error: z.object({ code: z.string(), message: z.string() }).nullable(),
      }),
    ),
  })
  .meta({ id: 'SigningBatch' });

export const UploadSchema = z.object({ id: z.string(), sha256: z.string(), size: z.number(), name: z.string() }).meta({ id: 'SigningUpload' });
