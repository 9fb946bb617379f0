// The instance PKI: created once (root CA, issuing CA, timestamp unit, OCSP responder), keys sealed under the
// instance KEK, then loaded and cached per process. Creation holds a transaction-scoped
// advisory lock and relies on the unique kind, so two instances starting at once on one
// PostgreSQL end up with one PKI.
import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
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
  /** Certificates of retired authorities (renewed TSA, OCSP responder, issuing CA): earlier signatures chain to them. */
  previous: Array<{ kind: AuthorityKind; der: Buffer; serial: string; notAfter: Date }>;
  /**
   * Every issuing CA, the current one first, then those it replaced (newest first): certificates
   * they issued stay valid to their end, so each keeps answering OCSP and signing its CRL.
   */
  issuers: AuthorityMaterial[];
  /** The first issuing CA (the one /pki/issuing.crt and /pki/crl name). */
  firstIssuer: AuthorityMaterial;
  urls: PkiUrls;
}

/** Organisation named by the CA certificates before the pemda name is configured. */
export const FALLBACK_ORGANISATION = 'Naskah';
const LOCK_KEY = 0x5447_4e41; // "TGNA": signature PKI creation

/** Per process; reloaded after an hour so that every instance takes up renewed authorities. */
const cache = new WeakMap<AppContext, { at: number; pki: Promise<Pki> }>();
const CACHE_MS = 60 * 60 * 1000;

/** Forget the cached PKI (after a renewal in this process). */
export function forgetPki(ctx: AppContext): void {
  cache.delete(ctx);
}

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

/** A row of signature_authorities: the certificate, and its key sealed under the instance KEK. */
async function authorityRow(ctx: AppContext, kind: AuthorityKind, alg: KeyAlgorithm, cert: x509.X509Certificate, key: CryptoKey): Promise<typeof signatureAuthorities.$inferInsert> {
  const pkcs8 = await exportPkcs8(key);
  try {
    return {
      kind,
      algorithm: alg,
      subject: cert.subject,
      serial: cert.serialNumber.toLowerCase(),
      certificatePem: cert.toString('pem'),
      keySealed: seal(ctx.kek, pkcs8, sealContext(kind, cert.serialNumber.toLowerCase())),
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
    };
  } finally {
    pkcs8.fill(0);
  }
}

/** Renew the TSA certificate when less than this is left of it (PAdES archive timestamps rest on it). */
export const TSA_RENEW_BEFORE_DAYS = 365;
/** Renew the OCSP responder certificate when less than this is left. */
export const OCSP_RENEW_BEFORE_DAYS = 90;
/**
 * Roll the issuing CA over when it has less than this left: it caps every certificate below it
 * (signers and seals 2 years, the TSA 5), so three years leave room for the certificates it
 * issued to run out under it while new ones come from its successor. Warn about the root then too.
 */
export const ISSUING_WARN_BEFORE_DAYS = 3 * 365;
export const ISSUING_RENEW_BEFORE_DAYS = ISSUING_WARN_BEFORE_DAYS;
/** A renewal must gain at least this much, or it is not worth a new key (the issuing CA caps it). */
const MIN_GAIN_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface RenewalOutcome {
  renewed: Array<{ kind: 'issuing' | 'tsa' | 'ocsp'; serial: string; notAfter: Date; replaced: string }>;
  warnings: string[];
}

/**
 * Key rollover of the timestamp unit and the OCSP responder under the current issuing CA: when
 * the current certificate nears its end, a new key and certificate take over and the old row is
 * retired (kept, for the signatures and timestamps it made). Runs daily and at start; idempotent
 * under concurrent instances (advisory lock, partial unique index on the current row per kind).
 * The issuing CA rolls over three years before its end (and the two move under it); the root is
 * not renewed automatically: the outcome warns in time.
 */
export async function renewAuthorities(ctx: AppContext): Promise<RenewalOutcome> {
  const out: RenewalOutcome = { renewed: [], warnings: [] };
  const done = await inTransaction(ctx.database, async (tx) => {
    const db = tx.db;
    await db.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
    const rows = await loadRows(db);
    const by = (k: AuthorityKind) => rows.find((r) => r.kind === k);
    const issuingRow = by('issuing');
    const rootRow = by('root');
    if (!issuingRow || !rootRow) return false;
    const now = ctx.now();
    const left = (d: Date) => (d.getTime() - now.getTime()) / DAY_MS;
    if (left(rootRow.notAfter) < ISSUING_WARN_BEFORE_DAYS) out.warnings.push(`root CA ${rootRow.serial} ends ${rootRow.notAfter.toISOString()}: renew it (manual)`);
    const org = (await getSetting<string>(db, 'instance.name'))?.trim() || FALLBACK_ORGANISATION;
    let issuing = await material(ctx, issuingRow);
    let urls = await urlsFor(ctx, db, issuingRow.serial);
    // Rollover of the issuing CA under the root: a new key and certificate take over; the old CA
    // keeps its key for the OCSP answers and CRLs of the certificates it issued. The timestamp
    // unit and the OCSP responder move to the new CA with it.
    let rolled = false;
    if (left(issuingRow.notAfter) < ISSUING_RENEW_BEFORE_DAYS) {
      const root = await material(ctx, rootRow);
      if ((root.cert.notAfter.getTime() - issuingRow.notAfter.getTime()) / DAY_MS < MIN_GAIN_DAYS) {
        out.warnings.push(`issuing CA ${issuingRow.serial} ends ${issuingRow.notAfter.toISOString()} and cannot be renewed beyond the root CA: renew the root (manual)`);
      } else {
        const [{ n }] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from signature_authorities where kind = 'issuing'`)).rows as [{ n: number }];
        const keys = await generateKeyPair(issuingRow.algorithm);
        const serialHex = randomSerialHex();
        const cert = await createIssuingCertificate({ alg: issuingRow.algorithm, now, serialHex, org, root: root.cert, rootKey: root.key, publicKey: keys.publicKey, urls: pkiUrls(ctx.config.publicUrl), generation: n + 1 });
        await db.update(signatureAuthorities).set({ retiredAt: now }).where(and(eq(signatureAuthorities.id, issuingRow.id), isNull(signatureAuthorities.retiredAt)));
        await db.insert(signatureAuthorities).values(await authorityRow(ctx, 'issuing', issuingRow.algorithm, cert, keys.privateKey));
        out.renewed.push({ kind: 'issuing', serial: cert.serialNumber.toLowerCase(), notAfter: cert.notAfter, replaced: issuingRow.serial });
        issuing = { ...(await material(ctx, (await loadRows(db)).find((r) => r.kind === 'issuing')!)) };
        urls = pkiUrls(ctx.config.publicUrl, cert.serialNumber.toLowerCase());
        rolled = true;
      }
    }
    for (const kind of ['tsa', 'ocsp'] as const) {
      const row = by(kind);
      if (!row) continue;
      const before = kind === 'tsa' ? TSA_RENEW_BEFORE_DAYS : OCSP_RENEW_BEFORE_DAYS;
      if (!rolled && left(row.notAfter) >= before) continue;
      // The issuing CA caps the new certificate: renew only when that still gains something.
      if ((issuing.cert.notAfter.getTime() - row.notAfter.getTime()) / DAY_MS < MIN_GAIN_DAYS) {
        out.warnings.push(`${kind} ${row.serial} ends ${row.notAfter.toISOString()} and cannot be renewed beyond the issuing CA`);
        continue;
      }
      const keys = await generateKeyPair(row.algorithm);
      const base = { alg: row.algorithm, now, serialHex: randomSerialHex(), org, issuing: issuing.cert, issuingKey: issuing.key, publicKey: keys.publicKey };
      const cert = kind === 'tsa' ? await createTsaCertificate({ ...base, urls }) : await createOcspResponderCertificate(base);
      await db.update(signatureAuthorities).set({ retiredAt: now }).where(and(eq(signatureAuthorities.id, row.id), isNull(signatureAuthorities.retiredAt)));
      await db.insert(signatureAuthorities).values(await authorityRow(ctx, kind, row.algorithm, cert, keys.privateKey));
      out.renewed.push({ kind, serial: cert.serialNumber.toLowerCase(), notAfter: cert.notAfter, replaced: row.serial });
    }
    return out.renewed.length > 0;
  });
  if (done) {
    forgetPki(ctx);
    ctx.log.info({ renewed: out.renewed }, 'signature authorities renewed');
  }
  for (const w of out.warnings) ctx.log.warn({ warning: w }, 'signature authority nears its end');
  return out;
}

async function loadRows(db: Db) {
  return db.select().from(signatureAuthorities).where(isNull(signatureAuthorities.retiredAt));
}

/** The URLs the current issuing CA's certificates name: the first CA's plain ones, a later CA's own. */
async function urlsFor(ctx: AppContext, db: Db, issuingSerial: string): Promise<PkiUrls> {
  const [first] = await db.select({ serial: signatureAuthorities.serial }).from(signatureAuthorities).where(eq(signatureAuthorities.kind, 'issuing')).orderBy(asc(signatureAuthorities.createdAt), asc(signatureAuthorities.notBefore)).limit(1);
  return pkiUrls(ctx.config.publicUrl, first && first.serial !== issuingSerial ? issuingSerial : undefined);
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
    inserts.push(await authorityRow(ctx, kind, alg, cert, key));
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
  const retired = await db.select().from(signatureAuthorities).where(isNotNull(signatureAuthorities.retiredAt));
  const previous = retired.map((r) => ({ kind: r.kind, der: Buffer.from(new x509.X509Certificate(r.certificatePem).rawData), serial: r.serial, notAfter: r.notAfter }));
  const current = await material(ctx, issuing);
  const older = await Promise.all(retired.filter((r) => r.kind === 'issuing').sort((a, b) => b.notBefore.getTime() - a.notBefore.getTime()).map((r) => material(ctx, r)));
  const issuers = [current, ...older];
  const firstIssuer = issuers[issuers.length - 1]!;
  const urls = pkiUrls(ctx.config.publicUrl, firstIssuer === current ? undefined : issuing.serial);
  return { root: await material(ctx, root), issuing: current, tsa: await material(ctx, tsa), ocsp: await material(ctx, ocsp), previous, issuers, firstIssuer, urls };
}

/** The instance PKI if it exists already (never creates it). */
export async function findPki(ctx: AppContext): Promise<Pki | null> {
  const cached = cache.get(ctx);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.pki;
  return loadPki(ctx, ctx.database.db);
}

/** The instance PKI, created on first need (in its own transaction), cached per process. */
export function getPki(ctx: AppContext): Promise<Pki> {
  const cached = cache.get(ctx);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.pki;
  const p = (async () => {
    const existing = await loadPki(ctx, ctx.database.db);
    if (existing) return existing;
    await inTransaction(ctx.database, (tx) => createMissing(ctx, tx.db));
    const created = await loadPki(ctx, ctx.database.db);
    if (!created) throw new Error('signature PKI could not be created');
    return created;
  })();
  const entry = { at: Date.now(), pki: p };
  cache.set(ctx, entry);
  p.catch(() => {
    if (cache.get(ctx) === entry) cache.delete(ctx);
  });
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
