// Signer credentials in the database: issue one (key pair generated here, certificate from the
// issuing CA, private key wrapped under the passphrase), find the current one, unlock it.
import { and, desc, eq, notLike } from 'drizzle-orm';
import { open, seal } from '../crypto/kek.js';
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
      keyEncrypted: sealCredentialKey(ctx.kek, wrapped.encrypted, serial),
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

const KEK_LAYER = 'kek1.';
const kekLayerContext = (serial: string) => `signature.credential.kek:${serial}`;

/**
 * The stored key: the passphrase-sealed PKCS#8, sealed again under the instance KEK. A database
 * dump alone therefore allows no offline passphrase guessing; the KEK alone opens nothing.
 */
export function sealCredentialKey(kek: Buffer, passphraseSealed: string, serial: string): string {
  return KEK_LAYER + seal(kek, passphraseSealed, kekLayerContext(serial));
}

/** The passphrase-sealed layer (keys stored before the KEK layer are returned as they are). */
export function passphraseLayer(kek: Buffer, stored: string, serial: string): string {
  if (!stored.startsWith(KEK_LAYER)) return stored;
  return open(kek, stored.slice(KEK_LAYER.length), kekLayerContext(serial)).toString('utf8');
}

export function hasKekLayer(stored: string): boolean {
  return stored.startsWith(KEK_LAYER);
}

/** PKCS#8 of the credential, or null for a wrong passphrase. The caller zeroes it. */
export async function unwrapCredentialKey(kek: Buffer, row: CredentialRow, passphrase: string): Promise<Buffer | null> {
  return unwrapPrivateKey(passphraseLayer(kek, row.keyEncrypted, row.certificateSerial), row.kdf, passphrase, credentialKeyContext(row.certificateSerial));
}

/** At start: keys stored before the KEK layer existed get it (idempotent, one row at a time). */
export async function addKekLayerToStoredKeys(kek: Buffer, db: Db): Promise<number> {
  const rows = await db.select({ id: signingCredentials.id, serial: signingCredentials.certificateSerial, key: signingCredentials.keyEncrypted }).from(signingCredentials).where(notLike(signingCredentials.keyEncrypted, `${KEK_LAYER}%`));
  let n = 0;
  for (const r of rows) {
    const done = await db
      .update(signingCredentials)
      .set({ keyEncrypted: sealCredentialKey(kek, r.key, r.serial) })
      .where(and(eq(signingCredentials.id, r.id), eq(signingCredentials.keyEncrypted, r.key)))
      .returning({ id: signingCredentials.id });
    n += done.length;
  }
  return n;
}

export interface UnlockedCredential {
  row: CredentialRow;
  cert: x509.X509Certificate;
  pk: pkijs.Certificate;
  der: Buffer;
  key: CryptoKey;
}

/** A non-extractable signing key for one call, or null for a wrong passphrase. */
export async function unlockCredential(kek: Buffer, row: CredentialRow, passphrase: string): Promise<UnlockedCredential | null> {
  const pkcs8 = await unwrapCredentialKey(kek, row, passphrase);
  if (!pkcs8) return null;
  try {
    const der = pemToDer(row.certificatePem);
    return { row, cert: new x509.X509Certificate(der), pk: certificateFromDer(der), der, key: await importPrivateKey(pkcs8, row.algorithm) };
  } finally {
    pkcs8.fill(0);
  }
}
