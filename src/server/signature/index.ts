// Public surface of the signature (TTE) module, used by the documents workflow and others.
//
//   type StampPlacement = { page; x; y; width; height }   PDF points, origin bottom-left, page 1-based
//   interface SignInput {
//     signerUserId: string; passphrase: string;           // passphrase never logged/stored/returned
//     pdf: Uint8Array;
//     appearance: { visible: false } | { visible: true; placement: StampPlacement | { marker: string } | { signatureBlockOf: string };
//                  signerName: string; signerTitle: string; nip?: string | null };
//     verificationUrl: string;                              // what the QR code encodes
//     reason?: string; location?: string;
//     level?: 'B-B' | 'B-T' | 'B-LT';                       // default B-LT
//   }
//   signPdf(ctx, input, opts?) -> { pdf, certificateSerial, signedAt }
//       Throws AppError: PASSPHRASE_WRONG (400, details.remainingAttempts), PASSPHRASE_LOCKED
//       (423, details.lockedUntil), SIGNING_CREDENTIAL_MISSING, CERTIFICATE_REVOKED/EXPIRED,
//       SIGNATURE_MARKER_NOT_FOUND, SIGNATURE_PLACEMENT_INVALID, PDF_INVALID/ENCRYPTED/TOO_LARGE,
//       TIMESTAMP_FAILED, and with SIGNER=bsre: BSRE_*, SIGNING_SERVICE_*.
//       Authorisation (is this user the signer of this document?) is the caller's job.
//   signPdfBatch(ctx, { signerUserId, passphrase, items: [{ key, ...SignItem }] }, onItem?)
//       -> [{ key, ok, pdf?, certificateSerial?, signedAt?, error? }]   one passphrase, each item on its own
//   enrolSigner(ctx, db | tx.db, { userId, passphrase }) -> { credentialId, certificateSerial, subject, notBefore, notAfter }
//   hasSigningCredential(db, userId, now?) -> boolean
//   newVerificationCode() -> string;  verificationUrl(ctx, code) -> `${publicUrl}/verifikasi/${code}`
//   registerVerification(db, { code, sha256, fileId?, documentId?, title, number?, date?, signerName, signerTitle })
//       in the workflow's transaction after signing; several rows per code, the latest is "the registered document"
//   verifyPdf(ctx | null, pdf, { extraTrustPem?, now?, online? }) -> VerificationReport
//   addArchiveTimestamp(ctx, pdf) -> pdf with DSS for every signature and a document timestamp (PAdES B-LTA)
//   applyOfficeSeal(ctx, unitId, signedPdf, { reason?, location? }) -> { pdf, unitId, certificateSerial, signedAt } | null
//       the office e-seal of the unit (or the nearest above) over a signed letter, B-LT; null when none
//   SIGNATURE_MARKER ('[[TTE-NASKAH]]') is in src/shared/markers.ts.
export { signPdf, signPdfBatch, openSigningSession, auditSigned, type SessionOptions, type SignInput, type SignBatchInput, type BatchItem, type BatchItemResult } from './signing.js';
export type { StampPlacement, Appearance, PadesLevel, SignItem, SignedPdf, SigningSession } from './signers/types.js';
export { enrolSigner, type EnrolInput, type EnrolResult } from './enrolSigner.js';
export { hasSigningCredential } from './credentialQueries.js';
export { newVerificationCode, verificationUrl, registerVerification, type VerificationRegistration } from './verificationCodes.js';
export { verifyPdf, type VerificationReport, type SignatureReport, type VerifyOptions } from './verify/verifyPdf.js';
export { addArchiveTimestamp } from './archiveTimestamp.js';
export { signatureProtection, type Protection } from './protection.js';
export { renewAuthorities, type RenewalOutcome } from './pki/authority.js';
export { DEMO_SIGNING_PASSPHRASE } from './demo.js';
export { applyOfficeSeal, issueSealCredential, type AppliedSeal } from './sealCredentials.js';
