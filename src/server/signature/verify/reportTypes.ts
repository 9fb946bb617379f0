// The shape of a verification report (verifyPdf's result, report.ts's input).

export type SignatureStatus = 'valid' | 'invalid' | 'untrusted';

export interface SignerReport {
  commonName: string;
  subject: string;
  nik: string | null;
  nip: string | null;
  title: string | null;
  organisation: string | null;
  unit: string | null;
  /** organizationIdentifier (2.5.4.97) of a legal person's certificate (an office's seal). */
  organisationIdentifier: string | null;
  serial: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
}

export interface TimestampReport {
  present: boolean;
  valid: boolean;
  time: string | null;
  authority: string | null;
  trusted: boolean;
  problem: string | null;
}

export interface SignatureReport {
  index: number;
  /** A person's signature, an office's electronic seal (segel elektronik), or a document timestamp. */
  kind: 'signature' | 'seal' | 'timestamp';
  fieldName: string | null;
  subFilter: string | null;
  status: SignatureStatus;
  level: 'B-B' | 'B-T' | 'B-LT' | 'B-LTA' | null;
  signer: SignerReport | null;
  claimedSigningTime: string | null;
  reason: string | null;
  location: string | null;
  integrity: { ok: boolean; problem: string | null };
  coversWholeDocument: boolean;
  modifiedAfterSigning: { changed: boolean; details: string[]; notes: string[] };
  chain: { trusted: boolean; path: string[]; problem: string | null };
  timestamp: TimestampReport;
  revocation: { status: 'good' | 'revoked' | 'unknown'; source: string | null; revokedAt: string | null; reason: string | null; checkedAt: string | null };
  /** Why the signature is not valid (Indonesian). */
  problems: string[];
  /** Worth knowing but not fatal (Indonesian). */
  warnings: string[];
}

export interface VerificationReport {
  verdict: 'valid' | 'invalid' | 'untrusted' | 'no_signatures';
  summary: { id: string; en: string };
  file: { sha256: string; size: number; pages: number; revisions: number };
  signatures: SignatureReport[];
  verifiedAt: string;
  /** Human-readable report in Indonesian. */
  text: string;
}
