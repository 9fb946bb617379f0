// What a signer (or an admin) sees about a signing certificate.
import type { AppContext } from '../context.js';
import { latestCredential } from './credentialStore.js';
import { getGuard } from './passphraseGuard.js';
import { getPki, issuerDisplayName } from './pki/authority.js';

export interface CertificateStatusView {
  signer: 'local' | 'bsre';
  status: 'none' | 'active' | 'expired' | 'revoked' | 'superseded';
  version: number | null;
  serial: string | null;
  subject: string | null;
  issuer: string | null;
  notBefore: string | null;
  notAfter: string | null;
  revokedAt: string | null;
  revocationReason: string | null;
  certificatePem: string | null;
  lockedUntil: string | null;
  recentFailures: number;
}

export async function certificateStatus(ctx: AppContext, userId: string): Promise<CertificateStatusView> {
  const row = await latestCredential(ctx.database.db, userId);
  const guard = await getGuard(ctx, userId);
  const now = ctx.now();
  const lockedUntil = guard?.lockedUntil && guard.lockedUntil > now ? guard.lockedUntil.toISOString() : null;
  const base = { signer: ctx.config.signature.signer, lockedUntil, recentFailures: guard?.failures ?? 0 };
  if (!row) {
    return { ...base, status: 'none', version: null, serial: null, subject: null, issuer: null, notBefore: null, notAfter: null, revokedAt: null, revocationReason: null, certificatePem: null };
  }
  const pki = await getPki(ctx);
  const status = row.status === 'active' && row.notAfter <= now ? 'expired' : row.status;
  return {
    ...base,
    status,
    version: row.version,
    serial: row.certificateSerial,
    subject: row.subject,
    issuer: issuerDisplayName(pki),
    notBefore: row.notBefore.toISOString(),
    notAfter: row.notAfter.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revocationReason: row.revocationReason,
    certificatePem: row.certificatePem,
  };
}
