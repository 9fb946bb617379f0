// CRLs of the instance CAs (pure: entries, time and key come in).
import * as asn1js from 'asn1js';
import * as x509 from './x509.js';
import type { KeyAlgorithm, RevocationReason } from '../schema.js';
import { OIDS } from './asn1.js';
import { signingAlgorithm, type CryptoKey } from './crypto.js';

export const REASON_CODES: Record<RevocationReason, number> = {
  unspecified: 0,
  keyCompromise: 1,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
};

export function reasonName(code: number | null | undefined): RevocationReason | null {
  if (code == null) return null;
  return (Object.entries(REASON_CODES).find(([, c]) => c === code)?.[0] as RevocationReason | undefined) ?? 'unspecified';
}

export interface CrlEntry {
  serialHex: string;
  revokedAt: Date;
  reason: RevocationReason | null;
}

/** How long a CRL or OCSP answer may be relied on before asking again. */
export const CRL_VALIDITY_MS = 24 * 3_600_000;

export async function buildCrl(p: { issuer: x509.X509Certificate; issuerKey: CryptoKey; alg: KeyAlgorithm; entries: CrlEntry[]; thisUpdate: Date }): Promise<x509.X509Crl> {
  const thisUpdate = new Date(Math.floor(p.thisUpdate.getTime() / 1000) * 1000);
  const ski = p.issuer.getExtension(x509.SubjectKeyIdentifierExtension);
  // CRL numbers must increase: seconds since the epoch do.
  const crlNumber = new asn1js.Integer({ value: Math.floor(thisUpdate.getTime() / 1000) });
  return x509.X509CrlGenerator.create({
    issuer: p.issuer.subjectName,
    thisUpdate,
    nextUpdate: new Date(thisUpdate.getTime() + CRL_VALIDITY_MS),
    signingAlgorithm: signingAlgorithm(p.alg),
    signingKey: p.issuerKey,
    extensions: [
      ...(ski ? [new x509.AuthorityKeyIdentifierExtension(ski.keyId)] : []),
      new x509.Extension(OIDS.crlNumber, false, crlNumber.toBER(false)),
    ],
    entries: p.entries.map((e) => ({
      serialNumber: e.serialHex,
      revocationDate: new Date(Math.floor(e.revokedAt.getTime() / 1000) * 1000),
      ...(e.reason && e.reason !== 'unspecified' ? { reason: REASON_CODES[e.reason] as x509.X509CrlReason } : {}),
    })),
  });
}
