// The instance PKI: created once (root CA, issuing CA, timestamp unit, OCSP responder), keys sealed under the
// instance KEK, then loaded and cached per process. Creation holds a transaction-scoped
// advisory lock and relies on the unique kind, so two instances starting at once on one
// PostgreSQL end up with one PKI.
import { sql } from 'drizzle-orm';
import type * as pkijs from 'pkijs';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/tx.js';
import { open, seal } from '../../crypto/kek.js';
import { getSetting } from '../../settings/settings.js';
import { signatureAuthorities, type AuthorityKind, type KeyAlgorithm } from '../schema.js';
import { certificateFromDer } from './asn1.js';
import { authorityCommonNames, createIssuingCertificate, createOcspResponderCertificate, createRootCertificate, createTsaCertificate, pkiUrls, type PkiUrls } from './certificates.js';
import { exportPkcs8, generateKeyPair, importPrivateKey, randomSerialHex, type CryptoKey } from './crypto.js';
import * as x509 from './x509.js';

export interface AuthorityMaterial {
  kind: AuthorityKind;
  alg: KeyAlgorithm;
  cert: x509.X509Certificate;
  pk: pkijs.Certificate;
  der: Buffer;
  pem: string;
  key: CryptoKey;
}

export interface Pki {
  root: AuthorityMaterial;
  issuing: AuthorityMaterial;
  tsa: AuthorityMaterial;
  /** Delegated OCSP responder of the issuing CA. */
  ocsp: AuthorityMaterial;
  urls: PkiUrls;
}

/** Organisation named by the CA certificates before the pemda name is configured. */
export const FALLBACK_ORGANISATION = 'Naskah';
const LOCK_KEY = 0x5447_4e41; // "TGNA": signature PKI creation

const cache = new WeakMap<AppContext, Promise<Pki>>();

function sealContext(kind: AuthorityKind, serial: string): string {
  return `signature.authority:${kind}:${serial}`;
}

async function material(ctx: AppContext, row: typeof signatureAuthorities.$inferSelect): Promise<AuthorityMaterial> {
  const cert = new x509.X509Certificate(row.certificatePem);
  const der = Buffer.from(cert.rawData);
  const pkcs8 = open(ctx.kek, row.keySealed, sealContext(row.kind, row.serial));
  try {
    return { kind: row.kind, alg: row.algorithm, cert, pk: certificateFromDer(der), der, pem: cert.toString('pem'), key: await importPrivateKey(pkcs8, row.algorithm) };
  } finally {
    pkcs8.fill(0);
  }
}

async function loadRows(db: Db) {
  return db.select().from(signatureAuthorities);
}

async function createMissing(ctx: AppContext, db: Db): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
  const rows = await loadRows(db);
  const have = new Set(rows.map((r) => r.kind));
  if (have.has('root') && have.has('issuing') && have.has('tsa') && have.has('ocsp')) return;
  const alg = ctx.config.signature.keyAlgorithm;
  const org = (await getSetting<string>(db, 'instance.name'))?.trim() || FALLBACK_ORGANISATION;
  const urls = pkiUrls(ctx.config.publicUrl);
  const now = ctx.now();
  const inserts: Array<typeof signatureAuthorities.$inferInsert> = [];
  const add = async (kind: AuthorityKind, cert: x509.X509Certificate, key: CryptoKey) => {
    const pkcs8 = await exportPkcs8(key);
    inserts.push({
      kind,
      algorithm: alg,
      subject: cert.subject,
      serial: cert.serialNumber.toLowerCase(),
      certificatePem: cert.toString('pem'),
      keySealed: seal(ctx.kek, pkcs8, sealContext(kind, cert.serialNumber.toLowerCase())),
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
    });
    pkcs8.fill(0);
  };
  let issuing: { cert: x509.X509Certificate; key: CryptoKey };
  if (!have.has('root') || !have.has('issuing')) {
    if (have.has('root') || have.has('issuing')) throw new Error('signature PKI is incomplete (root or issuing CA missing); restore it from backup');
    const rootKeys = await generateKeyPair(alg);
    const root = await createRootCertificate({ alg, now, serialHex: randomSerialHex(), org, keys: rootKeys });
    await add('root', root, rootKeys.privateKey);
    const issuingKeys = await generateKeyPair(alg);
    const issuingCert = await createIssuingCertificate({ alg, now, serialHex: randomSerialHex(), org, root, rootKey: rootKeys.privateKey, publicKey: issuingKeys.publicKey, urls });
    await add('issuing', issuingCert, issuingKeys.privateKey);
    issuing = { cert: issuingCert, key: issuingKeys.privateKey };
  } else {
    const m = await material(ctx, rows.find((r) => r.kind === 'issuing')!);
    issuing = { cert: m.cert, key: m.key };
  }
  if (!have.has('tsa')) {
    const tsaKeys = await generateKeyPair(alg);
    const tsa = await createTsaCertificate({ alg, now, serialHex: randomSerialHex(), org, issuing: issuing.cert, issuingKey: issuing.key, publicKey: tsaKeys.publicKey, urls });
    await add('tsa', tsa, tsaKeys.privateKey);
  }
  if (!have.has('ocsp')) {
    const ocspKeys = await generateKeyPair(alg);
    const ocsp = await createOcspResponderCertificate({ alg, now, serialHex: randomSerialHex(), org, issuing: issuing.cert, issuingKey: issuing.key, publicKey: ocspKeys.publicKey });
    await add('ocsp', ocsp, ocspKeys.privateKey);
  }
  await db.insert(signatureAuthorities).values(inserts).onConflictDoNothing();
  ctx.log.info({ organisation: org, algorithm: alg, kinds: inserts.map((i) => i.kind) }, 'signature PKI created');
}

async function loadPki(ctx: AppContext, db: Db): Promise<Pki | null> {
  const rows = await loadRows(db);
  const by = (k: AuthorityKind) => rows.find((r) => r.kind === k);
  const root = by('root');
  const issuing = by('issuing');
  const tsa = by('tsa');
  const ocsp = by('ocsp');
  if (!root || !issuing || !tsa || !ocsp) return null;
  return { root: await material(ctx, root), issuing: await material(ctx, issuing), tsa: await material(ctx, tsa), ocsp: await material(ctx, ocsp), urls: pkiUrls(ctx.config.publicUrl) };
}

/** The instance PKI if it exists already (never creates it). */
export async function findPki(ctx: AppContext): Promise<Pki | null> {
  const cached = cache.get(ctx);
  if (cached) return cached;
  return loadPki(ctx, ctx.database.db);
}

/** The instance PKI, created on first need (in its own transaction), cached per process. */
export function getPki(ctx: AppContext): Promise<Pki> {
  const cached = cache.get(ctx);
  if (cached) return cached;
  const p = (async () => {
    const existing = await loadPki(ctx, ctx.database.db);
    if (existing) return existing;
    await inTransaction(ctx.database, (tx) => createMissing(ctx, tx.db));
    const created = await loadPki(ctx, ctx.database.db);
    if (!created) throw new Error('signature PKI could not be created');
    return created;
  })();
  cache.set(ctx, p);
  p.catch(() => cache.delete(ctx));
  return p;
}

/**
 * The PKI seen from inside the caller's transaction (the demo seed runs in one, and PGlite has
 * a single connection), created there when missing. Not cached: the transaction may roll back.
 */
export async function ensurePkiIn(ctx: AppContext, db: Db): Promise<Pki> {
  const existing = await loadPki(ctx, db);
  if (existing) return existing;
  await createMissing(ctx, db);
  const created = await loadPki(ctx, db);
  if (!created) throw new Error('signature PKI could not be created');
  return created;
}

export function issuerDisplayName(pki: Pki): string {
  return pki.issuing.cert.subjectName.getField('CN')[0] ?? authorityCommonNames(FALLBACK_ORGANISATION).issuing;
}
