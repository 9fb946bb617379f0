// Until when the signatures of a PDF stay provable: the earliest expiry among the certificates
// its newest proof rests on. With a document (archive) timestamp, that is the newest timestamp's
// TSA certificate (it vouches for everything before it, validation data included). Without one,
// each signature rests on its signer certificate and on its signature timestamp's TSA
// certificate. An archive timestamp must be added before that day (PAdES B-LTA); the archive's
// preservation job does so. Pure reading, no cryptographic check: verifyPdf judges validity.
import { certEntry, hasEku, type CertEntry } from './verify/chain.js';
import { PdfRevision } from './verify/pdfRevision.js';
import { extractSignatures, parseCms, timestampTokenOf, tokenInfo } from './verify/signatures.js';

export interface Protection {
  /** Signatures and document timestamps in the file. */
  signatures: number;
  documentTimestamps: number;
  /** null: nothing signed (or nothing readable) to protect. */
  protectedUntil: Date | null;
}

const TIMESTAMPING = '1.3.6.1.5.5.7.3.8';

function tsaCertOf(token: Uint8Array): CertEntry | null {
  const { sd } = tokenInfo(token);
  for (const der of sd.certificates) {
    try {
      const c = certEntry(der);
      if (hasEku(c, TIMESTAMPING)) return c;
    } catch {
      /* unreadable: not the TSA's */
    }
  }
  return null;
}

const notAfter = (c: CertEntry) => new Date(c.node.validTo);

export function signatureProtection(pdf: Uint8Array): Protection {
  let sigs;
  try {
    sigs = extractSignatures(new PdfRevision(pdf));
  } catch {
    return { signatures: 0, documentTimestamps: 0, protectedUntil: null };
  }
  const stamps = sigs.filter((s) => s.kind === 'timestamp');
  const signed = sigs.filter((s) => s.kind === 'signature');
  // extractSignatures orders by the end of the signed range: the last timestamp is the newest.
  const newest = stamps[stamps.length - 1];
  if (newest) {
    try {
      const tsa = tsaCertOf(newest.cms);
      if (tsa) return { signatures: signed.length, documentTimestamps: stamps.length, protectedUntil: notAfter(tsa) };
    } catch {
      /* fall through to the signatures themselves */
    }
  }
  let earliest: Date | null = null;
  const consider = (d: Date) => {
    if (!earliest || d < earliest) earliest = d;
  };
  for (const s of signed) {
    try {
      const cms = parseCms(s.cms);
      if (cms.signerCert) consider(notAfter(certEntry(cms.signerCert.der)));
      const token = timestampTokenOf(cms.signerInfo);
      const tsa = token ? tsaCertOf(token) : null;
      if (tsa) consider(notAfter(tsa));
    } catch {
      /* an unreadable signature protects nothing */
    }
  }
  return { signatures: signed.length, documentTimestamps: stamps.length, protectedUntil: earliest };
}
