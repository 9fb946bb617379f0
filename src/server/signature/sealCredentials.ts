// The electronic seal (segel elektronik) of an office: a legal-person certificate of the
// instance CA naming the unit, whose key the system holds (sealed under the instance KEK: an
// office's seal is applied by its system, not unlocked by a person). An administrator issues,
// re-issues or revokes it; every letter the unit issues (or a unit below it without a seal of
// its own) gets it as a second PAdES signature right after the signer's, so that the verifier
// and the public page show "Segel elektronik: <office>" beside the person who signed.
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { open, seal } from '../crypto/kek.js';
import { units } from '../org/schema.js';
import { getSetting } from '../settings/settings.js';
import { sealCredentials, type KeyAlgorithm, type RevocationReason } from './schema.js';
import { certificateFromDer } from './pki/asn1.js';
import { ensurePkiIn, FALLBACK_ORGANISATION, getPki, type Pki } from './pki/authority.js';
import { createSealCertificate } from './pki/certificates.js';
import { exportPkcs8, generateKeyPair, importPrivateKey, pemToDer, randomSerialHex } from './pki/crypto.js';
import { instanceValidationData, signWithInstanceCa } from './signers/local.js';
import { issuerOf } from './pki/revocation.js';

export type SealCredentialRow = typeof sealCredentials.$inferSelect;

/** A seal certificate is re-issued automatically this long before it ends. */
export const SEAL_RENEW_BEFORE_DAYS = 30;

const keyContext = (serial: string) => `signature.seal:${serial}`;

export interface SealCredentialView {
  id: string;
  unitId: string;
  status: 'active' | 'expired' | 'revoked' | 'superseded';
  serial: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
  revokedAt: Date | null;
  revocationReason: RevocationReason | null;
  version: number;
}

export interface UnitSealCredentials {
  /** The unit's own seal certificate (the newest one), if it ever had one. */
  own: SealCredentialView | null;
  /** The seal its letters carry now: its own, or the nearest unit's above it; null when none. */
  effective: { unitId: string; unitName: string; serial: string; notAfter: Date } | null;
}

function view(r: SealCredentialRow, now: Date): SealCredentialView {
  const status = r.status === 'active' && r.notAfter <= now ? 'expired' : r.status;
  return { id: r.id, unitId: r.unitId, status, serial: r.certificateSerial, subject: r.subject, notBefore: r.notBefore, notAfter: r.notAfter, revokedAt: r.revokedAt, revocationReason: r.revocationReason, version: r.version };
}

async function unitOf(db: Db, unitId: string) {
  const [u] = await db.select({ id: units.id, name: units.name, code: units.code, path: units.path }).from(units).where(eq(units.id, unitId));
  if (!u) throw new AppError('NOT_FOUND', { entity: 'unit', id: unitId });
  return u;
}

/** Nearest unit on the path (self first) with a usable seal credential now. */
async function effectiveCredential(db: Db, unitPath: string, now: Date): Promise<SealCredentialRow | null> {
  const chain = unitPath.split('/').filter(Boolean);
  if (!chain.length) return null;
  const rows = await db.select().from(sealCredentials).where(and(inArray(sealCredentials.unitId, chain), eq(sealCredentials.status, 'active')));
  const byUnit = new Map(rows.map((r) => [r.unitId, r]));
  for (let i = chain.length - 1; i >= 0; i--) {
    const r = byUnit.get(chain[i]!);
    if (r && r.notBefore <= now && r.notAfter > now) return r;
  }
  return null;
}

export async function unitSealCredentials(ctx: AppContext, unitId: string): Promise<UnitSealCredentials> {
  const db = ctx.database.db;
  const unit = await unitOf(db, unitId);
  const now = ctx.now();
  const [own] = await db.select().from(sealCredentials).where(eq(sealCredentials.unitId, unitId)).orderBy(desc(sealCredentials.createdAt), desc(sealCredentials.id)).limit(1);
  const eff = await effectiveCredential(db, unit.path, now);
  const effUnit = eff ? (eff.unitId === unit.id ? unit : await unitOf(db, eff.unitId)) : null;
  return { own: own ? view(own, now) : null, effective: eff && effUnit ? { unitId: eff.unitId, unitName: effUnit.name, serial: eff.certificateSerial, notAfter: eff.notAfter } : null };
}

async function prepareSealCredential(ctx: AppContext, db: Db, pki: Pki, unit: { id: string; name: string; code: string | null }, issuedBy: string | null): Promise<typeof sealCredentials.$inferInsert> {
  const alg: KeyAlgorithm = ctx.config.signature.keyAlgorithm;
  const keys = await generateKeyPair(alg);
  const organisation = (await getSetting<string>(db, 'instance.name'))?.trim() || FALLBACK_ORGANISATION;
  const cert = await createSealCertificate({
    alg: pki.issuing.alg,
    now: ctx.now(),
    serialHex: randomSerialHex(),
    identity: { unit: unit.name, unitIdentifier: unit.code?.trim() || unit.id, organisation },
    issuing: pki.issuing.cert,
    issuingKey: pki.issuing.key,
    publicKey: keys.publicKey,
    urls: pki.urls,
  });
  const serial = cert.serialNumber.toLowerCase();
  const pkcs8 = await exportPkcs8(keys.privateKey);
  try {
    return {
      unitId: unit.id,
      status: 'active',
      algorithm: alg,
      certificateSerial: serial,
      certificatePem: cert.toString('pem'),
      subject: cert.subject,
      keySealed: seal(ctx.kek, pkcs8, keyContext(serial)),
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
      issuedBy,
    };
  } finally {
    pkcs8.fill(0);
  }
}

/**
 * Issues the unit's seal certificate, or a new one in place of the current (`replaceVersion`
 * names the one being replaced: a second administrator acting at the same time gets 409).
 * System administrators only; the route asks for fresh re-authentication first.
 */
export async function issueSealCredential(ctx: AppContext, actor: Actor, unitId: string, input: { replaceVersion?: number | undefined }): Promise<UnitSealCredentials> {
  requireRole(actor, 'system_admin');
  if (ctx.config.signature.signer !== 'local') throw new AppError('LOCAL_CA_NOT_IN_USE');
  const unit = await unitOf(ctx.database.db, unitId);
  await inTransaction(ctx.database, async (tx) => {
    const now = ctx.now();
    const [current] = await tx.db.select().from(sealCredentials).where(and(eq(sealCredentials.unitId, unitId), eq(sealCredentials.status, 'active'))).for('update');
    if (current) {
      if (input.replaceVersion === undefined) throw new AppError('SEAL_CREDENTIAL_EXISTS', { serial: current.certificateSerial, version: current.version });
      if (current.version !== input.replaceVersion) throw new AppError('STALE_VERSION', { current: current.version });
      await tx.db.update(sealCredentials).set({ status: 'superseded', supersededAt: now, updatedAt: now, version: current.version + 1 }).where(eq(sealCredentials.id, current.id));
    }
    const pki = await ensurePkiIn(ctx, tx.db);
    const [row] = await tx.db.insert(sealCredentials).values(await prepareSealCredential(ctx, tx.db, pki, unit, actor.userId)).returning();
    await recordAudit(tx.db, {
      at: now,
      actorUserId: actor.userId,
      action: 'signature.seal_issued',
      entityType: 'unit',
      entityId: unitId,
      data: { certificateSerial: row!.certificateSerial, subject: row!.subject, notAfter: row!.notAfter.toISOString(), replacedSerial: current?.certificateSerial ?? null },
      ip: actor.ip,
    });
  });
  return unitSealCredentials(ctx, unitId);
}

/** Revokes the unit's seal certificate: CRL and OCSP answer "revoked"; later letters carry no e-seal of it. */
export async function revokeSealCredential(ctx: AppContext, actor: Actor, unitId: string, input: { reason: RevocationReason; version: number }): Promise<UnitSealCredentials> {
  requireRole(actor, 'system_admin');
  await unitOf(ctx.database.db, unitId);
  await inTransaction(ctx.database, async (tx) => {
    const [row] = await tx.db.select().from(sealCredentials).where(and(eq(sealCredentials.unitId, unitId), eq(sealCredentials.status, 'active'))).for('update');
    if (!row) throw new AppError('SEAL_CREDENTIAL_MISSING', { unitId });
    if (row.version !== input.version) throw new AppError('STALE_VERSION', { current: row.version });
    const now = ctx.now();
    await tx.db.update(sealCredentials).set({ status: 'revoked', revokedAt: now, revocationReason: input.reason, revokedBy: actor.userId, updatedAt: now, version: row.version + 1 }).where(eq(sealCredentials.id, row.id));
    await recordAudit(tx.db, { at: now, actorUserId: actor.userId, action: 'signature.seal_revoked', entityType: 'unit', entityId: unitId, data: { certificateSerial: row.certificateSerial, reason: input.reason }, ip: actor.ip });
  });
  return unitSealCredentials(ctx, unitId);
}

export interface AppliedSeal {
  pdf: Uint8Array;
  unitId: string;
  certificateSerial: string;
  signedAt: Date;
}

/**
 * The e-seal of the letter's issuing unit (or the nearest unit above it), as an invisible PAdES
 * B-LT signature over the signed letter; null when no usable seal certificate exists (an expired
 * one is logged: the renewal poller should have replaced it).
 */
export async function applyOfficeSeal(ctx: AppContext, unitId: string, pdf: Uint8Array, opts: { reason?: string; location?: string } = {}): Promise<AppliedSeal | null> {
  const db = ctx.database.db;
  const [unit] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  if (!unit) return null;
  const row = await effectiveCredential(db, unit.path, ctx.now());
  if (!row) {
    const [stale] = await db.select({ serial: sealCredentials.certificateSerial, unitId: sealCredentials.unitId }).from(sealCredentials).where(and(inArray(sealCredentials.unitId, unit.path.split('/').filter(Boolean)), eq(sealCredentials.status, 'active'))).limit(1);
    if (stale) ctx.log.warn({ unitId, sealUnitId: stale.unitId, serial: stale.serial }, 'office e-seal certificate not valid now; letter sealed without it');
    return null;
  }
  const pki = await getPki(ctx);
  const der = pemToDer(row.certificatePem);
  const pkcs8 = open(ctx.kek, row.keySealed, keyContext(row.certificateSerial));
  let key;
  try {
    key = await importPrivateKey(pkcs8, row.algorithm);
  } finally {
    pkcs8.fill(0);
  }
  const [u] = await db.select({ name: units.name }).from(units).where(eq(units.id, row.unitId));
  const issuer = issuerOf(pki, certificateFromDer(der));
  const r = await signWithInstanceCa(ctx, pki, {
    pdf,
    key: { certDer: der, chainDer: [issuer.der, pki.root.der], key },
    certDer: der,
    issuerDer: issuer.der,
    level: 'B-LT',
    validation: await instanceValidationData(ctx, pki, certificateFromDer(der)),
    stamp: null,
    footer: null,
    reason: opts.reason ?? 'Segel elektronik instansi',
    location: opts.location,
    signerName: u?.name,
  });
  return { pdf: r.pdf, unitId: row.unitId, certificateSerial: row.certificateSerial, signedAt: r.signedAt };
}

/** Re-issues seal certificates ending within SEAL_RENEW_BEFORE_DAYS (the renewal poller). */
export async function renewSealCredentials(ctx: AppContext): Promise<number> {
  if (ctx.config.signature.signer !== 'local') return 0;
  const db = ctx.database.db;
  const horizon = new Date(ctx.now().getTime() + SEAL_RENEW_BEFORE_DAYS * 86_400_000);
  const due = await db.select({ id: sealCredentials.id, unitId: sealCredentials.unitId }).from(sealCredentials).where(and(eq(sealCredentials.status, 'active'), lt(sealCredentials.notAfter, horizon)));
  let renewed = 0;
  for (const d of due) {
    await inTransaction(ctx.database, async (tx) => {
      const [current] = await tx.db.select().from(sealCredentials).where(and(eq(sealCredentials.id, d.id), eq(sealCredentials.status, 'active'))).for('update');
      if (!current) return; // another process renewed it meanwhile
      const now = ctx.now();
      const unit = await unitOf(tx.db, current.unitId);
      await tx.db.update(sealCredentials).set({ status: 'superseded', supersededAt: now, updatedAt: now, version: current.version + 1 }).where(eq(sealCredentials.id, current.id));
      const pki = await ensurePkiIn(ctx, tx.db);
      const [row] = await tx.db.insert(sealCredentials).values(await prepareSealCredential(ctx, tx.db, pki, unit, null)).returning();
      await recordAudit(tx.db, { at: now, actorUserId: null, action: 'signature.seal_renewed', entityType: 'unit', entityId: current.unitId, data: { certificateSerial: row!.certificateSerial, replacedSerial: current.certificateSerial, notAfter: row!.notAfter.toISOString() }, ip: null });
      renewed++;
    });
  }
  if (renewed) ctx.log.info({ renewed }, 'office e-seal certificates renewed');
  return renewed;
}
