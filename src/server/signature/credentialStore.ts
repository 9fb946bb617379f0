// Signer credentials in the database: issue one (key pair generated here, certificate from the
// issuing CA, private key wrapped under the passphrase), find the current one, unlock it.
import { and, desc, eq } from 'drizzle-orm';
import type * as pkijs from 'pkijs';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { signingCredentials, type KeyAlgorithm } from './schema.js';
import { certificateFromDer } from './pki/asn1.js';
import { ensurePkiIn, type Pki } from './pki/authority.js';
import { createSignerCertificate, type SignerIdentity } from './pki/certificates.js';
import { exportPkcs8, generateKeyPair, importPrivateKey, pemToDer, randomSerialHex, type CryptoKey } from './pki/crypto.js';
import { credentialKeyContext, unwrapPrivateKey, wrapPrivateKey } from './pki/passphraseKey.js';
import * as x509 from './pki/x509.js';
import './errors.js';

export type CredentialRow = typeof signingCredentials.$inferSelect;

/** Key pair, certificate and wrapped key, ready to insert (no database: runs in parallel). */
export async function prepareCredential(ctx: AppContext, authority: Pki, userId: string, identity: SignerIdentity, passphrase: string): Promise<typeof signingCredentials.$inferInsert> {
  const alg: KeyAlgorithm = ctx.config.signature.keyAlgorithm;
  const keys = await generateKeyPair(alg);
  const serialHex = randomSerialHex();
  const cert = await createSignerCertificate({
    alg: authority.issuing.alg,
    now: ctx.now(),
    serialHex,
    identity,
    issuing: authority.issuing.cert,
    issuingKey: authority.issuing.key,
    publicKey: keys.publicKey,
    urls: authority.urls,
  });
  const serial = cert.serialNumber.toLowerCase();
  const pkcs8 = await exportPkcs8(keys.privateKey);
  let wrapped: Awaited<ReturnType<typeof wrapPrivateKey>>;
  try {
    wrapped = await wrapPrivateKey(pkcs8, passphrase, credentialKeyContext(serial));
  } finally {
    pkcs8.fill(0);
  }
  return {
      userId,
      status: 'active',
      algorithm: alg,
      certificateSerial: serial,
      certificatePem: cert.toString('pem'),
      subject: cert.subject,
      keyEncrypted: wrapped.encrypted,
      kdf: wrapped.kdf,
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
  };
}

/** Issues a certificate and stores the key wrapped under `passphrase`. Caller's transaction. */
export async function issueCredential(ctx: AppContext, db: Db, userId: string, identity: SignerIdentity, passphrase: string, pki?: Pki): Promise<CredentialRow> {
  const authority = pki ?? (await ensurePkiIn(ctx, db));
  const [row] = await db.insert(signingCredentials).values(await prepareCredential(ctx, authority, userId, identity, passphrase)).returning();
  return row!;
}

/** The user's newest credential (active, or the last revoked/superseded one), or null. */
export async function latestCredential(db: Db, userId: string): Promise<CredentialRow | null> {
  const [active] = await db.select().from(signingCredentials).where(and(eq(signingCredentials.userId, userId), eq(signingCredentials.status, 'active')));
  if (active) return active;
  const [last] = await db.select().from(signingCredentials).where(eq(signingCredentials.userId, userId)).orderBy(desc(signingCredentials.createdAt), desc(signingCredentials.id)).limit(1);
  return last ?? null;
}

/** The active, unexpired credential or the precise reason there is none. */
export function usableCredential(row: CredentialRow | null, now: Date): CredentialRow {
  if (!row) throw new AppError('SIGNING_CREDENTIAL_MISSING');
  if (row.status === 'revoked') throw new AppError('CERTIFICATE_REVOKED', { serial: row.certificateSerial, revokedAt: row.revokedAt?.toISOString() });
  if (row.status !== 'active') throw new AppError('SIGNING_CREDENTIAL_MISSING');
  if (row.notAfter <= now) throw new AppError('CERTIFICATE_EXPIRED', { serial: row.certificateSerial, notAfter: row.notAfter.toISOString() });
  if (row.notBefore > now) throw new AppError('SIGNING_CREDENTIAL_MISSING', { notBefore: row.notBefore.toISOString() });
  return row;
}

/** PKCS#8 of the credential, or null for a wrong passphrase. The caller zeroes it. */
export async function unwrapCredentialKey(row: CredentialRow, passphrase: string): Promise<Buffer | null> {
  return unwrapPrivateKey(row.keyEncrypted, row.kdf, passphrase, credentialKeyContext(row.certificateSerial));
}

export interface UnlockedCredential {
  row: CredentialRow;
  cert: x509.X509Certificate;
  pk: pkijs.Certificate;
  der: Buffer;
  key: CryptoKey;
}

/** A non-extractable signing key for one call, or null for a wrong passphrase. */
export async function unlockCredential(row: CredentialRow, passphrase: string): Promise<UnlockedCredential | null> {
  const pkcs8 = await unwrapCredentialKey(row, passphrase);
  if (!pkcs8) return null;
  try {
    const der = pemToDer(row.certificatePem);
    return { row, cert: new x509.X509Certificate(der), pk: certificateFromDer(der), der, key: await importPrivateKey(pkcs8, row.algorithm) };
  } finally {
    pkcs8.fill(0);
  }
}
